import * as assert from 'node:assert/strict';
import type { SecretKind } from '../../src/core/types';
import {
	decodeBase64Url, describeSecret, isPlaceholder, redactionMarker, scanTokenShapes,
} from '../../src/core/secrets/tokenShapes';

// Fixtures are assembled at run time from split prefixes and generated bodies, so
// that no realistic-looking credential sits in the repository for secret scanners.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const UPPER_DIGIT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `n` pseudo-random characters of `alphabet`, deterministic per seed. */
function fake(n: number, seed = 1, alphabet = ALNUM): string {
	let x = seed * 7919 + 17;
	let out = '';
	for (let i = 0; i < n; i++) {
		x = (x * 1103515245 + 12345) % 2147483648;
		out += alphabet.charAt(Math.floor((x / 2147483648) * alphabet.length));
	}
	return out;
}

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const p = (...parts: string[]): string => parts.join('');

const HEADER = b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
const PAYLOAD = b64({ iss: 'https://login.test/tenant', sub: 'user-8c1f', aud: 'api://orders', exp: 1700000000 });
const JWS = `${HEADER}.${PAYLOAD}.${fake(86, 2, B64URL)}`;
const UNSIGNED = `${b64({ alg: 'none' })}.${PAYLOAD}.`;
const JWE = [b64({ alg: 'RSA-OAEP', enc: 'A256GCM' }), fake(342, 3, B64URL), fake(16, 4), fake(60, 5, B64URL), fake(22, 6)].join('.');
const JWE_DIR = [b64({ alg: 'dir', enc: 'A128GCM' }), '', fake(16, 7), fake(40, 8), fake(22, 9)].join('.');
const PEM_BODY = fake(64, 10) + '\n' + fake(64, 11) + '\n' + fake(20, 12) + '==';
const PEM = p('-----BEGIN RSA PRIV', 'ATE KEY-----\n', PEM_BODY, '\n-----END RSA PRIV', 'ATE KEY-----');
const PEM_OPEN = p('-----BEGIN PRIV', 'ATE KEY-----\n', PEM_BODY);
const OKTA = `00${fake(40, 13, B64URL)}`;

interface ShapeRow {
	readonly name: string;
	readonly token: string;
	readonly kind: SecretKind;
	/** Text around the token; `@` marks where it goes. */
	readonly context?: string;
}

const SHAPES: ShapeRow[] = [
	{ name: 'JWS', token: JWS, kind: 'jwt' },
	{ name: 'unsigned JWT (empty signature)', token: UNSIGNED, kind: 'jwt' },
	{ name: 'JWE, five segments', token: JWE, kind: 'jwt' },
	{ name: 'JWE with empty encrypted key (dir)', token: JWE_DIR, kind: 'jwt' },
	...['p', 'o', 'u', 's', 'r'].map((c, i): ShapeRow => (
		{ name: `GitHub gh${c}_`, token: p('gh', c, '_', fake(36, 20 + i)), kind: 'github_token' })),
	{ name: 'GitHub classic, longer body', token: p('gh', 'r_', fake(76, 25)), kind: 'github_token' },
	{ name: 'GitHub fine-grained PAT', token: p('github', '_pat_', fake(22, 26), '_', fake(59, 27)), kind: 'github_token' },
	...['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe.xoxp-', 'xoxe-'].map((prefix, i): ShapeRow => ({
		name: `Slack ${prefix}`, kind: 'slack_token',
		token: p(prefix.slice(0, 2), prefix.slice(2), '1', fake(11, 30, '0123456789'), '-', fake(24, 31 + i)),
	})),
	{ name: 'Google access token ya29.', token: p('ya', '29.', fake(150, 40, B64URL)), kind: 'google_token' },
	{ name: 'Google refresh token 1//', token: p('1/', '/0g', fake(100, 41, B64URL)), kind: 'google_token' },
	{ name: 'Google API key', token: p('AI', 'za', fake(35, 42, B64URL)), kind: 'api_key' },
	{ name: 'AWS access key id AKIA', token: p('AK', 'IA', fake(16, 43, UPPER_DIGIT)), kind: 'aws_key' },
	{ name: 'AWS temporary key id ASIA', token: p('AS', 'IA', fake(16, 44, UPPER_DIGIT)), kind: 'aws_key' },
	{ name: 'PEM private key', token: PEM, kind: 'private_key' },
	{ name: 'PEM private key without END runs to the range end', token: PEM_OPEN, kind: 'private_key', context: 'key:\n@' },
	{ name: 'PEM key with escaped newlines in JSON', kind: 'private_key',
		token: PEM.split('\n').join('\\n'), context: '{"private_key": "@\\n"}' },
	{ name: 'Okta SSWS token (value only)', token: OKTA, kind: 'api_key', context: 'Authorization: SSWS @\r\n' },
];

const NEGATIVES: [string, string][] = [
	['UUID', 'request id 123e4567-e89b-12d3-a456-426614174000 failed'],
	['sha256 hex', 'digest e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
	['the word eyJ alone', 'it starts with eyJ usually'],
	['eyJ with short segments', 'eyJhbGci.eyJzdWIi.abc'],
	['eyJ followed by fewer than 10 chars', `eyJhb.${PAYLOAD}.sig`],
	['JWT-like run with four segments', `${JWS}.more`],
	['JWT glued to a longer dotted run', `abc.${JWS}`],
	['ghp_short', 'ghp_short'],
	['gho_ alone', 'prefix gho_ is for OAuth tokens'],
	['GitHub body one short', p('gh', 'p_', fake(35, 50))],
	['GitHub token glued to a word', p('xgh', 'p_', fake(36, 51))],
	['xoxb- alone', 'use an xoxb- token'],
	['Slack body without digits', p('xo', 'xb-', 'abcdefghijklmnop')],
	['base64 of a short thing', 'aGVsbG8gd29ybGQ='],
	['a sentence', 'The access token expired; request a new one with the refresh token.'],
	['AKIA with 15 characters', p('AK', 'IA', fake(15, 52, UPPER_DIGIT))],
	['AKIA run too long', p('AK', 'IA', fake(17, 53, UPPER_DIGIT))],
	['AKIA followed by lower case', p('AK', 'IA', fake(16, 54, UPPER_DIGIT), 'abc')],
	['AIza with 34 characters', p('AI', 'za', fake(34, 55, B64URL))],
	['AIza with 36 characters', p('AI', 'za', fake(36, 56, B64URL))],
	['1// inside a URL path', `https://host.test/page/1//${fake(30, 57)}`],
	['ya29. with a short body', 'ya29.short'],
	['certificate, not a key', `-----BEGIN CERTIFICATE-----\n${PEM_BODY}\n-----END CERTIFICATE-----`],
	['public key', `-----BEGIN PUBLIC KEY-----\n${PEM_BODY}\n-----END PUBLIC KEY-----`],
	['SSWS without a token', 'Okta expects the SSWS scheme'],
	['SSWS with a placeholder', 'Authorization: SSWS YOUR_OKTA_API_TOKEN_HERE'],
	['GitHub placeholder x-mask', p('gh', 'p_', 'x'.repeat(36))],
	['AWS documentation-style mask', p('AK', 'IA', 'X'.repeat(16))],
	['PEM with an elided body', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'],
];

/** Places the row's token into its context and returns the text and the expected span. */
function place(row: ShapeRow): { text: string; start: number; end: number } {
	const text = (row.context ?? 'value: @ (end)').replace('@', () => row.token);
	const start = text.indexOf(row.token);
	return { text, start, end: start + row.token.length };
}

suite('tokenShapes', () => {
	suite('scanTokenShapes: one row per shape', () => {
		for (const row of SHAPES) {
			test(row.name, () => {
				const { text, start, end } = place(row);
				assert.deepEqual(scanTokenShapes(text), [{ start, end, kind: row.kind }]);
			});
		}
	});

	suite('scanTokenShapes: negatives', () => {
		for (const [name, text] of NEGATIVES) {
			test(name, () => assert.deepEqual(scanTokenShapes(text), []));
		}
	});

	suite('scanTokenShapes: boundaries', () => {
		const gh = p('gh', 'o_', fake(36, 60));
		const rows: [string, string, string][] = [
			['inside double quotes', `{"access_token":"@","token_type":"Bearer"}`, JWS],
			['inside single quotes', `token = '@';`, gh],
			['after Bearer', 'Authorization: Bearer @\n', JWS],
			['after DPoP', 'Authorization: DPoP @', JWS],
			['inside a URL query string', 'https://app.test/cb?state=x&access_token=@&expires_in=3600', JWS],
			['inside a URL fragment', 'https://app.test/cb#id_token=@', JWS],
			['at the start of the text', '@ was sent', JWS],
			['at the end of the text', 'sent @', gh],
			['before a sentence-ending period', 'My token is @.', JWS],
			['unsigned JWT before a period', 'See @.', UNSIGNED],
			['before an ellipsis', 'token @...', JWS],
			['after an ellipsis', 'token ...@', JWS],
			['JWE before a period', 'Encrypted: @.', JWE],
		];
		for (const [name, context, token] of rows) {
			test(name, () => {
				const text = context.replace('@', () => token);
				const start = text.indexOf(token);
				const spans = scanTokenShapes(text);
				assert.equal(spans.length, 1);
				assert.deepEqual([spans[0].start, spans[0].end], [start, start + token.length]);
			});
		}

		test('substring range with non-zero start gives absolute offsets', () => {
			const ya = p('ya', '29.', fake(40, 61, B64URL));
			const text = `first ${gh} then ${ya} last`;
			const from = text.indexOf('then');
			const at = text.indexOf(ya);
			assert.deepEqual(scanTokenShapes(text, from, text.length), [{ start: at, end: at + ya.length, kind: 'google_token' }]);
			assert.deepEqual(scanTokenShapes(text, from, at + ya.length), [{ start: at, end: at + ya.length, kind: 'google_token' }]);
		});

		test('range edges act as boundaries', () => {
			const text = `xx${gh}yy`;
			assert.deepEqual(scanTokenShapes(text), []);
			assert.deepEqual(scanTokenShapes(text, 2, 2 + gh.length), [{ start: 2, end: 2 + gh.length, kind: 'github_token' }]);
		});

		test('PEM without END stops at the range end', () => {
			const text = `${PEM_OPEN}\n\nnext section`;
			const end = text.indexOf('\n\nnext');
			assert.deepEqual(scanTokenShapes(text, 0, end), [{ start: 0, end, kind: 'private_key' }]);
		});

		test('several shapes come back sorted and non-overlapping', () => {
			const aws = p('AS', 'IA', fake(16, 62, UPPER_DIGIT));
			const text = `a=${JWS}&b=${gh}\n${PEM}\nkey ${aws}`;
			const spans = scanTokenShapes(text);
			assert.deepEqual(spans.map((s) => s.kind), ['jwt', 'github_token', 'private_key', 'aws_key']);
			for (let i = 1; i < spans.length; i++) {
				assert.ok(spans[i - 1].end <= spans[i].start);
			}
		});

		test('odd ranges do not throw', () => {
			const text = `x ${gh}`;
			assert.deepEqual(scanTokenShapes(text, 5, 2), []);
			assert.equal(scanTokenShapes(text, -10, 1e9).length, 1);
			assert.equal(scanTokenShapes(text, NaN, Infinity).length, 1);
			assert.equal(scanTokenShapes(text, 1.7).length, 1);
		});
	});

	suite('isPlaceholder', () => {
		const yes = [
			'{{access_token}}', '${CLIENT_SECRET}', '$CLIENT_SECRET', '%CLIENT_SECRET%', '<client-secret>', '[token]',
			'Bearer {{token}}', 'YOUR_CLIENT_SECRET', 'your-secret-here', 'yourClientSecret', 'SOME_VALUE', 'changeme',
			'xxx', '***', '...', '\u2026', 'redacted', 'REDACTED', '<redacted>', '[REDACTED]', 'null', 'undefined', 'true',
			'false', '', '   ', '"null"', '\u00abredacted:access_token\u00bb', '\u00abredacted:jwt len=812\u00bb',
			p('gh', 'p_', 'x'.repeat(36)), p('AK', 'IA', 'X'.repeat(16)), 'AKIAIOSFODNN7EXAMPLE',
		];
		const no = [
			fake(40, 70), fake(40, 71, B64URL), JWS, 'hunter2', 's3cr3t-P@ssw0rd', 'correct-horse-battery-staple',
			p('gh', 'p_', fake(36, 72)), p('AI', 'za', 'Sy-my_', fake(29, 73, B64URL)), OKTA,
		];
		for (const value of yes) {
			test(`true: ${JSON.stringify(value)}`, () => assert.equal(isPlaceholder(value), true));
		}
		for (const value of no) {
			test(`false: ${value.slice(0, 24)}…`, () => assert.equal(isPlaceholder(value), false));
		}
	});

	suite('describeSecret', () => {
		const now = Date.UTC(2024, 0, 1);
		const pii = { sub: 'user-5d2c9e', email: 'alice@corp.test', name: 'Alice Liddell', upn: 'alice@corp.test' };
		const claims = { iss: 'https://login.test/t1', aud: ['api://orders', 'api://billing'], scp: 'Orders.Read', exp: 1600000000, ...pii };
		const token = `${HEADER}.${b64(claims)}.${fake(86, 80, B64URL)}`;

		test('a JWT longer than 64 KB is described by kind and length only', () => {
			const huge = `${HEADER}.${b64({ ...claims, pad: 'x'.repeat(70_000) })}.${fake(86, 80, B64URL)}`;
			assert.equal(describeSecret('access_token', huge, now), `access_token, ${huge.length} chars`);
		});

		test('a JWT with exp in the past: safe facts only', () => {
			const text = describeSecret('access_token', token, now);
			assert.match(text, /^access_token, \d+ chars, JWT: /);
			assert.ok(text.includes(`${token.length} chars`));
			assert.ok(text.includes('alg=RS256'));
			assert.ok(text.includes('typ=JWT'));
			assert.ok(text.includes('iss=https://login.test/t1'));
			assert.ok(text.includes('aud=api://orders, api://billing'));
			assert.ok(text.includes('scp=Orders.Read'));
			assert.ok(text.includes('exp=2020-09-13T12:26:40.000Z (expired)'));
			for (const secret of Object.values(pii)) {
				assert.ok(!text.includes(secret), secret);
			}
			assert.ok(!/\b(sub|email|name|upn)=/.test(text));
			for (let i = 0; i + 8 <= token.length; i++) {
				assert.ok(!text.includes(token.slice(i, i + 8)), `leaks token chars at ${i}`);
			}
		});

		test('a JWT not yet expired', () => {
			const fresh = `${HEADER}.${b64({ exp: now / 1000 + 600, scope: ['openid', 'email'] })}.${fake(43, 81)}`;
			const text = describeSecret('id_token', fresh, now);
			assert.ok(text.includes('(not expired)'));
			assert.ok(text.includes('scope=openid email'));
		});

		test('a JWE reports its header only', () => {
			assert.equal(describeSecret('id_token', JWE), `id_token, ${JWE.length} chars, JWE (encrypted): alg=RSA-OAEP, enc=A256GCM`);
		});

		test('a non-JWT: kind and length only', () => {
			const secret = fake(40, 82);
			assert.equal(describeSecret('client_secret', secret), 'client_secret, 40 chars');
		});

		test('hostile claims are cleaned and token-shaped claims redacted', () => {
			const gh = p('gh', 'p_', fake(36, 83));
			const hostile = `${b64({ alg: 'HS256\u202e\n' })}.${b64({ iss: `https://x.test/${gh}`, aud: 'a'.repeat(500) })}.${fake(43, 84)}`;
			const text = describeSecret('jwt', hostile, now);
			assert.ok(!text.includes(gh));
			assert.ok(text.includes(redactionMarker('github_token')));
			assert.ok(![...text].some((ch) => ch.charCodeAt(0) < 32 || ch === '\u202e'));
			assert.ok(text.length < 300);
		});

		const odd: [string, string][] = [
			['bad base64', 'eyJ!!!.eyJ???.x'],
			['header not JSON', `${Buffer.from('not json').toString('base64url')}.eyJ.x`],
			['payload is an array', `${HEADER}.${b64([1, 2])}.x`],
			['exp out of Date range', `${HEADER}.${b64({ exp: 1e300 })}.x`],
			['exp as a string', `${HEADER}.${b64({ exp: 'soon' })}.x`],
			['invalid UTF-8', `${HEADER}.${Buffer.from([0xff, 0xc0, 0xed, 0xa0, 0x80]).toString('base64url')}.x`],
			['lone surrogates', `\ud800${HEADER}.\udc00.x`],
			['empty', ''],
		];
		for (const [name, value] of odd) {
			test(`never throws: ${name}`, () => {
				const text = describeSecret('access_token', value, now);
				assert.match(text, /^access_token, \d+ chars/);
			});
		}
	});

	suite('helpers', () => {
		test('redactionMarker', () => {
			assert.equal(redactionMarker('access_token'), '\u00abredacted:access_token\u00bb');
			assert.equal(isPlaceholder(redactionMarker('refresh_token')), true);
		});

		const decodes: [string, string | undefined][] = [
			['eyJhbGciOiJIUzI1NiJ9', '{"alg":"HS256"}'],
			[Buffer.from('h\u00e9llo \u{1F511}').toString('base64url'), 'h\u00e9llo \u{1F511}'],
			[Buffer.from('ab?>').toString('base64'), 'ab?>'],
			['YQ==', 'a'],
			['', ''],
			['a', undefined],
			['ab$c', undefined],
			['YQ=a', undefined],
		];
		for (const [input, expected] of decodes) {
			test(`decodeBase64Url(${JSON.stringify(input)})`, () => assert.equal(decodeBase64Url(input), expected));
		}
	});

	suite('adversarial input', () => {
		const n = 200_000;
		const rows: [string, string][] = [
			['dots', '.'.repeat(n)],
			['eyJ repeated', 'eyJ'.repeat(n / 3)],
			['..eyJ repeated', '..eyJ'.repeat(n / 5)],
			['JWT-like segments repeated', `eyJ${'A'.repeat(10)}.`.repeat(n / 14)],
			['xoxb- repeated', 'xoxb-'.repeat(n / 5)],
			['BEGIN PRIVATE KEY repeated', '-----BEGIN PRIVATE KEY-----'.repeat(n / 27)],
			['BEGIN CERTIFICATE repeated', '-----BEGIN CERTIFICATE-----'.repeat(n / 27)],
			['gh_ repeated', 'ghp_'.repeat(n / 4)],
			['1// repeated', '1//'.repeat(n / 3)],
			['SSWS repeated', 'SSWS '.repeat(n / 5)],
			['AKIA repeated', 'AKIA'.repeat(n / 4)],
			['NUL and lone surrogates', '\u0000\ud800eyJ\udc00.'.repeat(n / 7)],
		];
		for (const [name, text] of rows) {
			test(name, () => {
				const spans = scanTokenShapes(text);
				assert.ok(Array.isArray(spans));
				for (let i = 1; i < spans.length; i++) {
					assert.ok(spans[i - 1].end <= spans[i].start);
				}
				assert.equal(typeof describeSecret('jwt', text), 'string');
				assert.equal(typeof isPlaceholder(text), 'boolean');
			});
		}
	});
});
