import * as assert from 'node:assert/strict';
import { analyze, bundledService, escapeMarkdown, explainMessage, hoverAt, redact, renderReport } from '../../src/core';
import { sanitizeText, terminalSafeJson } from '../../src/core/explain/sanitize';
import { looksRandomRun, maskHighEntropy } from '../../src/core/secrets/entropy';
import { copyReplacer } from '../../src/core/secrets/secrets';
import type { SecretKind } from '../../src/core/types';
import { tokensOf } from '../markdownCheck';

// Issue 13: one regression test per finding of the red-team pass that the core answers
// (the CLI's are in cliHardening.test.ts, the planted-secret property in secretLeaks.test.ts).

const p = (...parts: string[]): string => parts.join('');
const secretsOf = (text: string): Array<[SecretKind, string]> => analyze(text).messages.flatMap(m => m.secrets).map(s => [s.kind, text.slice(s.start, s.end)]);

suite('hardening (issue 13)', () => {
	suite('secret shapes that slipped', () => {
		const rows: Array<[name: string, text: string, expected: Array<[SecretKind, string]>]> = [
			['AZURE_CLIENT_SECRET=', 'AZURE_CLIENT_SECRET=Qx8~fK2mZp9LwR4tYb7NcV1s', [['client_secret', 'Qx8~fK2mZp9LwR4tYb7NcV1s']]],
			['<VENDOR>_CLIENT_SECRET= quoted', 'export OKTA_CLIENT_SECRET="Zk3Jq9vX2mP7sL4tR8wY1nB6"', [['client_secret', 'Zk3Jq9vX2mP7sL4tR8wY1nB6']]],
			['an upper-case _TOKEN variable', 'GITLAB_TOKEN=Zk3Jq9vX2mP7sL4tR8wY1nB6', [['access_token', 'Zk3Jq9vX2mP7sL4tR8wY1nB6']]],
			['HAR headers[]', '{"headers":[{"name":"Authorization","value":"Bearer Op4queT0kenVa1ue9xyzAbc"}]}', [['bearer_token', 'Op4queT0kenVa1ue9xyzAbc']]],
			['HAR cookies[]', '{"cookies":[{"name":"sid","value":"SIDs3ss10nV4lue77","path":"/"}]}', [['cookie', 'SIDs3ss10nV4lue77']]],
			['Postman key/value', '{"key":"client_secret","value":"PmCs8Lq2Wz7Xv4Nb1Rt6"}', [['client_secret', 'PmCs8Lq2Wz7Xv4Nb1Rt6']]],
			['escaped JSON in a log line', '2025-01-01 12:00:00 DEBUG body={\\"refresh_token\\":\\"8xLOxBtZp8Qw3Er5Ty7Ui9\\"}', [['refresh_token', '8xLOxBtZp8Qw3Er5Ty7Ui9']]],
			['Authorization=Bearer%20 in a logged URL', '2025-01-01 10:00:00 DEBUG GET https://api.example.com/v1/me?Authorization=Bearer%20Zk3Jq9vX2mP7sL4tR8wY1nB6 sent', [['bearer_token', 'Zk3Jq9vX2mP7sL4tR8wY1nB6']]],
			['Authorization: token <hex>', 'curl -H "Authorization: token 0123456789abcdef0123456789abcdef01234567" https://api.example.com/user', [['access_token', '0123456789abcdef0123456789abcdef01234567']]],
			['curl -u id:secret', 'curl -u myclient:Sup3rS3cretPassw0rd https://as.example.com/token', [['password', 'Sup3rS3cretPassw0rd']]],
			['?token= in a logged URL', '2025-01-01 INFO GET https://api.example.com/v1/files?token=Zk3Jq9vX2mP7sL4tR8wY1nB6&x=1', [['access_token', 'Zk3Jq9vX2mP7sL4tR8wY1nB6']]],
			['X-Auth-Token', 'GET https://api.example.com/ HTTP/1.1\nX-Auth-Token: gAAAAABk9Q7mX2pL9kR4tW8zB6nC1dF5\n', [['access_token', 'gAAAAABk9Q7mX2pL9kR4tW8zB6nC1dF5']]],
			['x-amz-security-token', 'x-amz-security-token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD', [['aws_session_token', 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD']]],
			['a private JWK', '{"kty":"oct","kid":"k1","k":"GawgguFyGrWKav7AX4VKUg","alg":"HS256"}', [['private_key', 'GawgguFyGrWKav7AX4VKUg']]],
			['Azure AccountKey=', 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZ==;EndpointSuffix=core.windows.net', [['storage_key', 'Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZ==']]],
			['Azure SAS sig=', 'GET https://acct.blob.core.windows.net/c/b.txt?sv=2021-06-08&sp=r&sig=Zk3Jq9vX2mP7sL4tR8wY1nB6%2BQx8fK2mZ%3D', [['storage_key', 'Zk3Jq9vX2mP7sL4tR8wY1nB6%2BQx8fK2mZ%3D']]],
			['AWS secret access key', 'aws_secret_access_key = Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZp9LwR4tY', [['aws_secret_key', 'Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZp9LwR4tY']]],
			['AWS session token (STS JSON)', '{"SessionToken":"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD"}', [['aws_session_token', 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD']]],
			['npm _authToken', '//registry.example.com/:_authToken=Zk3Jq9vX2mP7sL4tR8wY1nB6', [['npm_token', 'Zk3Jq9vX2mP7sL4tR8wY1nB6']]],
			['npm token shape', p('token ', 'np', 'm_', 'Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZp9Lw', ' leaked'), [['npm_token', p('np', 'm_', 'Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZp9Lw')]]],
			['Stripe sk_live_', p('key ', 'sk', '_live_', '51HxZk3Jq9vX2mP7sL4tR8wY'), [['stripe_key', p('sk', '_live_', '51HxZk3Jq9vX2mP7sL4tR8wY')]]],
			['Stripe rk_live_', p('key ', 'rk', '_live_', '51HxZk3Jq9vX2mP7sL4tR8wY'), [['stripe_key', p('rk', '_live_', '51HxZk3Jq9vX2mP7sL4tR8wY')]]],
			['Stripe whsec_', p('secret ', 'wh', 'sec_', 'Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZ'), [['stripe_key', p('wh', 'sec_', 'Zk3Jq9vX2mP7sL4tR8wY1nB6Qx8fK2mZ')]]],
			['Slack webhook URL', p('POST https://hooks.', 'slack.com/services/', 'T0123ABCD/B0456EFGH/Zk3Jq9vX2mP7sL4tR8wY1nB6 failed'), [['webhook_url', 'T0123ABCD/B0456EFGH/Zk3Jq9vX2mP7sL4tR8wY1nB6']]],
			['GCP private_key_id', '{"type":"service_account","private_key_id":"0123456789abcdef0123456789abcdef01234567"}', [['private_key', '0123456789abcdef0123456789abcdef01234567']]],
			['an unknown token in error_description', '{"error":"invalid_token","error_description":"Bearer token 9fK2mZp9LwR4tYb7NcV1sQ8x is invalid"}', [['opaque_token', '9fK2mZp9LwR4tYb7NcV1sQ8x']]],
			['an unknown token after a code in a log line', '2025-01-01 12:00:00 ERROR invalid_grant: refresh token 8xLOxBtZp8Qw3Er5Ty7Ui9Op is expired or revoked', [['opaque_token', '8xLOxBtZp8Qw3Er5Ty7Ui9Op']]],
		];
		for (const [name, text, expected] of rows) test(name, () => assert.deepEqual(secretsOf(text), expected));

		test('the tail of a JWT wrapped onto the next line', () => {
			const head = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6I';
			const tail = 'kpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
			const text = `2025-01-01 12:00:00 DEBUG token=${head}\n${tail} status=401`;
			assert.deepEqual(secretsOf(text).map(([, v]) => v), [head, tail]);
			assert.ok(!redact(text).includes(tail.slice(0, 12)));
		});
	});

	suite('no false alarms from the new shapes', () => {
		const rows: Array<[name: string, text: string]> = [
			['a page token', 'NEXT_PAGE_TOKEN=Zk3Jq9vX2mP7sL4tR8wY1nB6'],
			['a bare token= in prose', 'the token=expired case'],
			['flags after a prefixed name', 'reset_password=1 require_client_secret=false'],
			['curl -u with names', 'curl -u client_id:client_secret https://x\ncurl -u admin:admin https://x\ncurl -u "$USER:$PASS" https://x'],
			['Authorization: token with words', 'Authorization: token invalid_or_expired'],
			['code in a logged redirect', '2025-01-01 INFO redirect https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz'],
			['identifiers in a description', '{"error":"server_error","error_description":"OAuth2AuthorizationCodeGrantFilter failed in DefaultAuthorizationCodeTokenResponseClient"}'],
			['GUIDs in a description', '{"error":"invalid_grant","error_description":"AADSTS70008: expired. Trace ID: 0b6c1f2e-7d1a-4d7e-9a55-2f0c3e7a1b00 Correlation ID: 7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}'],
			['a public JWK', '{"keys":[{"kty":"RSA","kid":"k1","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4","e":"AQAB"}]}'],
			['a HAR header that is no credential', '{"headers":[{"name":"Accept","value":"application/json; charset=utf-8; q=0.9"}]}'],
		];
		for (const [name, text] of rows) test(name, () => assert.deepEqual(secretsOf(text), []));
	});

	suite('last line of defence', () => {
		test('random-looking runs are masked; words, identifiers, GUIDs, hosts and codes are not', () => {
			assert.equal(maskHighEntropy('Bearer token 9fK2mZp9LwR4tYb7NcV1sQ8x is invalid'), 'Bearer token «redacted» is invalid');
			assert.equal(maskHighEntropy('session 5f4dcc3b5aa765d61d8327deb882cf99 expired'), 'session «redacted» expired');
			const kept = 'AADSTS7000215 OAuth2AuthorizationCodeGrantFilter 0b6c1f2e-7d1a-4d7e-9a55-2f0c3e7a1b00 login.microsoftonline.com/common/oauth2/v2.0/token invalid_grant_type_parameter';
			assert.equal(maskHighEntropy(kept), kept);
			assert.ok(!looksRandomRun('ThisIsAnOrdinaryCamelCaseName'));
		});

		test('a token the detectors do not know never reaches the report, the finding or the hover', () => {
			const t = '9fK2mZp9LwR4tYb7NcV1sQ8x';
			const text = `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="token ${t} expired"\nContent-Type: application/json\n\n{"error":"${t}x","error_description":"Bearer token ${t} is invalid"}\n`;
			const analysis = analyze(text);
			const outputs = [renderReport(text, analysis.messages), redact(text, analysis), ...analysis.messages.flatMap(m => [explainMessage(text, m).headline, ...m.findings.map(f => f.message)])];
			for (let i = 0; i < text.length; i += 7) outputs.push(hoverAt(analysis, i, undefined, s => text.slice(s.start, s.end))?.markdown ?? '');
			for (const o of outputs) assert.ok(!o.replace(/\\/g, '').includes(t.slice(0, 12)), o.slice(0, 300));
		});

		test('support ids stay readable', () => {
			const text = 'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorId":"oaeXq4Tn2bWm8Lp0cRz6yVf3d"}\n';
			assert.match(renderReport(text, analyze(text).messages), /oaeXq4Tn2bWm8Lp0cRz6yVf3d/);
		});
	});

	suite('redaction covers the whole document', () => {
		test('a session cookie after the 5,000-message limit is redacted', () => {
			const cookie = 'SESS0a1b2c3d4e5f6g7h8';
			const text = `${'2025-01-01 12:00:00 ERROR token request failed: invalid_grant\n'.repeat(5001)}HTTP/1.1 200 OK\nSet-Cookie: session=${cookie}; Path=/\n\n`;
			const service = bundledService();
			const analysis = service.analyze(text);
			assert.ok(analysis.truncated, 'the analysis is cut at its limit');
			assert.ok(!service.redact(text, analysis).includes(cookie), 'service.redact');
			assert.ok(!redact(text, analysis).includes(cookie), 'engine redact');
		});
	});

	suite('the output sanitiser', () => {
		test('controls become control pictures, C1 / bidi / zero-width U+FFFD, line breaks one space', () => {
			assert.equal(sanitizeText('a\u001b]52;c;SGk=\u0007b'), 'a\u241b]52;c;SGk=\u2407b');
			assert.equal(sanitizeText('x\u009by\u202ez\u200bw\u2066v\ufeffu\u061ct'), 'x\ufffdy\ufffdz\ufffdw\ufffdv\ufffdu\ufffdt');
			assert.equal(sanitizeText('a\r\n\tb\nc'), 'a b c');
			assert.equal(sanitizeText('a\r\nb\rc', { keepLineBreaks: true }), 'a\nb\nc');
			assert.equal(sanitizeText('lone \ud800 surrogate, pair \ud83d\ude00'), 'lone \ufffd surrogate, pair \ud83d\ude00');
			const clean = 'plain ASCII and ünïcödé';
			assert.equal(sanitizeText(clean), clean);
		});

		test('terminal-safe JSON keeps the data and escapes what could act on a terminal', () => {
			const value = { code: 'a\u009b2J\u202eb\u200bc' };
			const json = terminalSafeJson(JSON.stringify(value));
			assert.equal(json, '{"code":"a\\u009b2J\\u202eb\\u200bc"}');
			assert.deepEqual(JSON.parse(json), value);
		});

		test('Markdown: math, controls and bidi are neutralised', () => {
			assert.equal(escapeMarkdown('costs $5 and $x$'), 'costs \\$5 and \\$x\\$');
			assert.equal(escapeMarkdown('\u001b[31mred\u202e'), '\u241b[31mred\ufffd');
			assert.equal(escapeMarkdown('\u001b[31mred]\u202e'), '\u241b\\[31mred\\]\ufffd');
			assert.deepEqual(tokensOf(`- ${escapeMarkdown('costs $5 and $x$')}`).filter(t => t.type.startsWith('math')), []);
		});

		test('OSC 52 in an error code never reaches a report or a hover raw', () => {
			const text = '{"error":"\u001b]52;c;SGVsbG8=\u0007","error_description":"$\\\\sqrt{2}$ \u202egnp.exe"}\n';
			const analysis = analyze(text);
			const outputs = [renderReport(text, analysis.messages), ...Array.from({ length: text.length }, (_, i) => hoverAt(analysis, i)?.markdown ?? '')];
			for (const o of outputs) {
				// eslint-disable-next-line no-control-regex
				assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b]/.test(o), JSON.stringify(o.slice(0, 200)));
				// As VS Code's preview (markdown-it with its math plugin) reads it: no math of the paste's.
				assert.deepEqual(tokensOf(o).filter(t => t.type.startsWith('math')).map(t => t.content), [], `math in ${o.slice(0, 200)}`);
			}
		});
	});

	suite('bounded work', () => {
		test('Cookie with many segments without "=" and Set-Cookie of commas: values still found', () => {
			const segments = 'a;'.repeat(200_000);
			const text = `GET https://api.example.com/ HTTP/1.1\nCookie: ${segments}sid=SIDs3ss10nV4lue77\nSet-Cookie: ${','.repeat(200_000)}x=Abcdefgh12345678\n\n`;
			assert.deepEqual(secretsOf(text), [['cookie', 'SIDs3ss10nV4lue77'], ['cookie', 'Abcdefgh12345678']]);
		});

		test('one-pass copy replacement: overlapping secrets are replaced as a union, longest first', () => {
			const replace = copyReplacer(new Map([['abcdefgh12', '[A]'], ['cdefgh12345678', '[B]'], ['zzzzzzzzzz', '[Z]']]));
			assert.equal(replace('x abcdefgh12345678 y zzzzzzzzzz'), 'x [A] y [Z]');
			assert.equal(replace('nothing here'), 'nothing here');
		});
	});
});
