import * as assert from 'node:assert/strict';
import type { Span } from '../../src/core/types';
import {
	challengeParam,
	findChallenge,
	parseWwwAuthenticate,
	type Challenge,
	type ChallengeProblemKind,
} from '../../src/core/parse/wwwAuthenticate';

/** The comparable shape of a challenge: scheme, name/value pairs, token68, problem kinds. */
interface Expected {
	scheme: string;
	params?: [string, string][];
	token68?: string;
	problems?: ChallengeProblemKind[];
}

function summarize(challenges: Challenge[]): Expected[] {
	return challenges.map((c) => {
		const out: Expected = { scheme: c.scheme };
		if (c.params.length) out.params = c.params.map((p) => [p.name, p.value]);
		if (c.token68) out.token68 = c.token68.value;
		if (c.problems.length) out.problems = c.problems.map((p) => p.kind);
		return out;
	});
}

function parse(input: string): Challenge[] {
	return parseWwwAuthenticate(input, 0, input.length);
}

/** The span of the `nth` occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string, nth = 0, from = 0): Span {
	let start = text.indexOf(needle, from);
	for (let i = 0; i < nth; i++) start = text.indexOf(needle, start + 1);
	assert.ok(start >= 0, `${needle} not in ${text}`);
	return { start, end: start + needle.length };
}

const ENTRA_CLAIMS = 'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcyNjA3NzU5NSJ9fX0=';
const PRM = 'https://resource.example.com/.well-known/oauth-protected-resource';

const rows: { name: string; input: string; expected: Expected[] }[] = [
	// RFC 6750 §3
	{ name: 'RFC 6750 plain challenge', input: 'Bearer realm="example"', expected: [{ scheme: 'Bearer', params: [['realm', 'example']] }] },
	{
		name: 'RFC 6750 invalid_token',
		input: 'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'example'], ['error', 'invalid_token'], ['error_description', 'The access token expired']] }],
	},
	{
		name: 'insufficient_scope with scope',
		input: 'Bearer realm="example", error="insufficient_scope", scope="openid profile email"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'example'], ['error', 'insufficient_scope'], ['scope', 'openid profile email']] }],
	},
	{ name: 'scheme without parameters', input: 'Bearer', expected: [{ scheme: 'Bearer' }] },
	// RFC 9449 DPoP
	{ name: 'DPoP algs', input: 'DPoP algs="ES256 PS256"', expected: [{ scheme: 'DPoP', params: [['algs', 'ES256 PS256']] }] },
	{
		name: 'DPoP use_dpop_nonce',
		input: 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
		expected: [{ scheme: 'DPoP', params: [['error', 'use_dpop_nonce'], ['error_description', 'Resource server requires nonce in DPoP proof']] }],
	},
	// RFC 9470 step-up
	{
		name: 'RFC 9470 acr_values',
		input: 'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"',
		expected: [{
			scheme: 'Bearer',
			params: [['error', 'insufficient_user_authentication'], ['error_description', 'A different authentication level is required'], ['acr_values', 'myACR']],
		}],
	},
	{
		name: 'RFC 9470 max_age as a token',
		input: 'Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age=5',
		expected: [{
			scheme: 'Bearer',
			params: [['error', 'insufficient_user_authentication'], ['error_description', 'More recent authentication is required'], ['max_age', '5']],
		}],
	},
	{ name: 'RFC 9470 max_age quoted', input: 'Bearer max_age="5"', expected: [{ scheme: 'Bearer', params: [['max_age', '5']] }] },
	// RFC 9728
	{
		name: 'resource_metadata',
		input: `Bearer resource_metadata="${PRM}"`,
		expected: [{ scheme: 'Bearer', params: [['resource_metadata', PRM]] }],
	},
	{
		name: 'resource_metadata with an error',
		input: `Bearer error="invalid_token", resource_metadata="${PRM}"`,
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token'], ['resource_metadata', PRM]] }],
	},
	// Microsoft Entra claims challenge
	{
		name: 'Entra claims challenge',
		input: `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${ENTRA_CLAIMS}"`,
		expected: [{
			scheme: 'Bearer',
			params: [
				['realm', ''],
				['authorization_uri', 'https://login.microsoftonline.com/common/oauth2/authorize'],
				['error', 'insufficient_claims'],
				['claims', ENTRA_CLAIMS],
			],
		}],
	},
	// Other schemes
	{ name: 'Basic realm', input: 'Basic realm="WallyWorld"', expected: [{ scheme: 'Basic', params: [['realm', 'WallyWorld']] }] },
	{
		name: 'Basic realm with charset',
		input: 'Basic realm="simple", charset="UTF-8"',
		expected: [{ scheme: 'Basic', params: [['realm', 'simple'], ['charset', 'UTF-8']] }],
	},
	{ name: 'Kong Key realm', input: 'Key realm="kong"', expected: [{ scheme: 'Key', params: [['realm', 'kong']] }] },
	{
		name: 'UMA ticket',
		input: 'UMA realm="example", as_uri="https://as.example.com", ticket="016f84e8-f9b9-11e0-bd6f-0021cc6004de"',
		expected: [{ scheme: 'UMA', params: [['realm', 'example'], ['as_uri', 'https://as.example.com'], ['ticket', '016f84e8-f9b9-11e0-bd6f-0021cc6004de']] }],
	},
	{
		name: 'Digest (RFC 7616) with a token value and commas inside quotes',
		input: 'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"',
		expected: [{
			scheme: 'Digest',
			params: [['realm', 'http-auth@example.org'], ['qop', 'auth, auth-int'], ['algorithm', 'SHA-256'], ['nonce', '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v']],
		}],
	},
	{ name: 'MAC scheme', input: 'MAC error="invalid_token"', expected: [{ scheme: 'MAC', params: [['error', 'invalid_token']] }] },
	{ name: 'Negotiate token68', input: 'Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg+/xy==', expected: [{ scheme: 'Negotiate', token68: 'YIIBhwYGKwYBBQUCoIIBezCCAXeg+/xy==' }] },
	{ name: 'Negotiate without token', input: 'Negotiate', expected: [{ scheme: 'Negotiate' }] },
	{
		name: 'token68 followed by another challenge',
		input: 'Negotiate abc=, Basic realm="x"',
		expected: [{ scheme: 'Negotiate', token68: 'abc=' }, { scheme: 'Basic', params: [['realm', 'x']] }],
	},
	{ name: 'a lone name= after the scheme is a token68 (RFC 9110 grammar)', input: 'Bearer error=', expected: [{ scheme: 'Bearer', token68: 'error=' }] },
	// quoted-string details
	{
		name: 'escaped quotes and backslashes',
		input: 'Bearer error_description="The \\"aud\\" claim is wrong \\\\ really"',
		expected: [{ scheme: 'Bearer', params: [['error_description', 'The "aud" claim is wrong \\ really']] }],
	},
	{ name: 'empty quoted string is legal', input: 'Bearer realm=""', expected: [{ scheme: 'Bearer', params: [['realm', '']] }] },
	{ name: 'control character in a quoted string', input: 'Bearer realm="a\u0000b"', expected: [{ scheme: 'Bearer', params: [['realm', 'a\u0000b']], problems: ['invalid-char'] }] },
	// case and whitespace
	{ name: 'names lower-cased, scheme as written', input: 'bearer REALM="x", Error="y"', expected: [{ scheme: 'bearer', params: [['realm', 'x'], ['error', 'y']] }] },
	{ name: 'tab after scheme', input: 'Bearer\trealm="a"', expected: [{ scheme: 'Bearer', params: [['realm', 'a']] }] },
	{
		name: 'spaces around = (BWS) are accepted',
		input: 'Bearer error = "invalid_token" , scope= "read"',
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token'], ['scope', 'read']] }],
	},
	{ name: 'trailing comma', input: 'Bearer realm="a",', expected: [{ scheme: 'Bearer', params: [['realm', 'a']] }] },
	{ name: 'empty list elements', input: ', Bearer realm="a",, error="b" ,', expected: [{ scheme: 'Bearer', params: [['realm', 'a'], ['error', 'b']] }] },
	// multiple challenges
	{
		name: 'Bearer then DPoP',
		input: 'Bearer realm="api", error="invalid_token", DPoP algs="ES256 PS256"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'api'], ['error', 'invalid_token']] }, { scheme: 'DPoP', params: [['algs', 'ES256 PS256']] }],
	},
	{
		name: 'RFC 9110 Newauth example',
		input: 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
		expected: [{ scheme: 'Newauth', params: [['realm', 'apps'], ['type', '1'], ['title', 'Login to "apps"']] }, { scheme: 'Basic', params: [['realm', 'simple']] }],
	},
	{ name: 'schemes without parameters', input: 'Basic, Bearer', expected: [{ scheme: 'Basic' }, { scheme: 'Bearer' }] },
	{ name: 'scheme-only challenge last', input: 'Bearer realm="a", Negotiate', expected: [{ scheme: 'Bearer', params: [['realm', 'a']] }, { scheme: 'Negotiate' }] },
	// quirks
	{
		name: 'stray comma after the scheme',
		input: 'Bearer, error="invalid_token"',
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token']], problems: ['stray-comma'] }],
	},
	{
		name: 'stray comma after the scheme and a space',
		input: 'Bearer , error="invalid_token", error_description="x"',
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token'], ['error_description', 'x']], problems: ['stray-comma'] }],
	},
	{
		name: 'Google unquoted token value is legal',
		input: 'Bearer realm="https://accounts.google.com/", error=invalid_token',
		expected: [{ scheme: 'Bearer', params: [['realm', 'https://accounts.google.com/'], ['error', 'invalid_token']] }],
	},
	{
		name: 'unquoted value that is not a token',
		input: `Bearer resource_metadata=${PRM}, error=invalid_token`,
		expected: [{ scheme: 'Bearer', params: [['resource_metadata', PRM], ['error', 'invalid_token']], problems: ['unquoted-value'] }],
	},
	{
		name: 'missing comma between params',
		input: 'Bearer error="a" error_description="b"',
		expected: [{ scheme: 'Bearer', params: [['error', 'a'], ['error_description', 'b']], problems: ['missing-comma'] }],
	},
	{
		name: 'missing comma with no space at all',
		input: 'Bearer error="a"scope="b"',
		expected: [{ scheme: 'Bearer', params: [['error', 'a'], ['scope', 'b']], problems: ['missing-comma'] }],
	},
	{
		name: 'missing comma between unquoted params',
		input: 'Bearer error=invalid_token error_description="expired"',
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token'], ['error_description', 'expired']], problems: ['missing-comma'] }],
	},
	{
		name: 'missing comma between challenges',
		input: 'Bearer realm="a" DPoP algs="ES256"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'a']] }, { scheme: 'DPoP', params: [['algs', 'ES256']], problems: ['missing-comma'] }],
	},
	{
		name: 'unterminated quote at the end',
		input: 'Bearer realm="api", error="invalid_token',
		expected: [{ scheme: 'Bearer', params: [['realm', 'api'], ['error', 'invalid_token']], problems: ['unterminated-quote'] }],
	},
	{
		name: 'unterminated quote swallows the rest',
		input: 'Bearer error="invalid_token, error_description=expired',
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token, error_description=expired']], problems: ['unterminated-quote'] }],
	},
	{
		name: 'single quotes around resource_metadata',
		input: `Bearer resource_metadata='${PRM}'`,
		expected: [{ scheme: 'Bearer', params: [['resource_metadata', PRM]], problems: ['invalid-char'] }],
	},
	{
		name: 'single quotes and spaces around =',
		input: `Bearer error="invalid_token", resource_metadata = '${PRM}'`,
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token'], ['resource_metadata', PRM]], problems: ['invalid-char'] }],
	},
	{ name: 'unclosed single quote is a token', input: "Bearer realm='abc", expected: [{ scheme: 'Bearer', params: [['realm', "'abc"]] }] },
	{
		name: 'duplicate param',
		input: 'Bearer realm="a", realm="b"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'a'], ['realm', 'b']], problems: ['duplicate-param'] }],
	},
	{
		name: 'duplicate param differing in case',
		input: 'Bearer Error="a", ERROR="b"',
		expected: [{ scheme: 'Bearer', params: [['error', 'a'], ['error', 'b']], problems: ['duplicate-param'] }],
	},
	{
		name: 'same param in two challenges is no duplicate',
		input: 'Bearer realm="a", DPoP realm="a"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'a']] }, { scheme: 'DPoP', params: [['realm', 'a']] }],
	},
	{
		name: 'empty value before another param',
		input: 'Bearer realm=, error="invalid_token"',
		expected: [{ scheme: 'Bearer', params: [['realm', ''], ['error', 'invalid_token']], problems: ['empty-value'] }],
	},
	{
		name: 'empty value at the end',
		input: 'Bearer error="invalid_token", scope=',
		expected: [{ scheme: 'Bearer', params: [['error', 'invalid_token'], ['scope', '']], problems: ['empty-value'] }],
	},
	{
		name: 'bare name with no = before a comma',
		input: 'Bearer realm, error="x"',
		expected: [{ scheme: 'Bearer', params: [['realm', ''], ['error', 'x']], problems: ['empty-value'] }],
	},
	{ name: 'empty input', input: '', expected: [] },
	{ name: 'whitespace only', input: ' \t ', expected: [] },
	{ name: 'commas only', input: ' , ,, ', expected: [] },
	{
		name: 'no scheme',
		input: 'error="invalid_token", error_description="expired"',
		expected: [{ scheme: '', params: [['error', 'invalid_token'], ['error_description', 'expired']], problems: ['no-scheme'] }],
	},
	{ name: 'no scheme with spaces around =', input: 'realm = "x"', expected: [{ scheme: '', params: [['realm', 'x']], problems: ['no-scheme'] }] },
	{
		name: 'no scheme, then a challenge',
		input: 'error="x", Bearer realm="y"',
		expected: [{ scheme: '', params: [['error', 'x']], problems: ['no-scheme'] }, { scheme: 'Bearer', params: [['realm', 'y']] }],
	},
	{ name: 'only a quoted string', input: '"Bearer"', expected: [{ scheme: '', problems: ['no-scheme', 'invalid-char'] }] },
	{
		name: 'junk between params',
		input: 'Bearer realm="a", ;; error="b"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'a'], ['error', 'b']], problems: ['invalid-char'] }],
	},
	{
		name: 'colon after the scheme',
		input: 'Bearer: realm="a"',
		expected: [{ scheme: 'Bearer', params: [['realm', 'a']], problems: ['invalid-char'] }],
	},
];

suite('parseWwwAuthenticate', () => {
	suite('challenges, params and problems', () => {
		for (const row of rows) {
			test(row.name, () => {
				assert.deepEqual(summarize(parse(row.input)), row.expected);
			});
		}
	});

	suite('spans', () => {
		test('scheme, names, values and challenge span', () => {
			const input = 'Bearer realm="example", error="invalid_token"';
			const [c] = parse(input);
			assert.deepEqual(c.schemeSpan, spanOf(input, 'Bearer'));
			assert.deepEqual(c.span, { start: 0, end: input.length });
			assert.deepEqual(c.params.map((p) => [p.nameSpan, p.valueSpan, p.quoted]), [
				[spanOf(input, 'realm'), spanOf(input, 'example'), true],
				[spanOf(input, 'error'), spanOf(input, 'invalid_token'), true],
			]);
		});

		test('unquoted value span', () => {
			const input = 'Bearer error=invalid_token';
			const p = challengeParam(parse(input)[0], 'error');
			assert.deepEqual(p?.valueSpan, spanOf(input, 'invalid_token'));
			assert.equal(p?.quoted, false);
		});

		test('escaped value span covers the raw characters', () => {
			const input = 'Bearer error_description="say \\"hi\\""';
			const p = parse(input)[0].params[0];
			assert.equal(input.slice(p.valueSpan.start, p.valueSpan.end), 'say \\"hi\\"');
			assert.equal(p.value, 'say "hi"');
		});

		test('two challenges', () => {
			const input = 'Bearer realm="api", error="invalid_token", DPoP algs="ES256 PS256"';
			const [bearer, dpop] = parse(input);
			assert.deepEqual(bearer.span, { start: 0, end: input.indexOf(',', input.indexOf('invalid_token')) });
			assert.deepEqual(dpop.schemeSpan, spanOf(input, 'DPoP'));
			assert.deepEqual(dpop.span, { start: input.indexOf('DPoP'), end: input.length });
			assert.deepEqual(dpop.params[0].valueSpan, spanOf(input, 'ES256 PS256'));
		});

		test('token68', () => {
			const input = 'Negotiate YIIBhw+/==  ';
			const [c] = parse(input);
			assert.deepEqual(c.token68?.span, spanOf(input, 'YIIBhw+/=='));
			assert.deepEqual(c.span, { start: 0, end: input.indexOf(' ', input.indexOf('YII')) });
		});

		test('problem spans', () => {
			const cases: { input: string; span: (input: string) => Span }[] = [
				{ input: 'Bearer, error="x"', span: (s) => spanOf(s, ',') },
				{ input: 'Bearer error="x', span: (s) => ({ start: s.indexOf('"'), end: s.length }) },
				{ input: `Bearer resource_metadata='${PRM}'`, span: (s) => spanOf(s, `'${PRM}'`) },
				{ input: 'Bearer error="a"  scope="b"', span: (s) => spanOf(s, '  ') },
				{ input: 'Bearer error="a"scope="b"', span: (s) => spanOf(s, 'scope') },
				{ input: 'Bearer error=https://x/y', span: (s) => spanOf(s, 'https://x/y') },
				{ input: 'Bearer realm="a", REALM="b"', span: (s) => spanOf(s, 'REALM') },
				{ input: 'Bearer realm=, error="b"', span: (s) => spanOf(s, 'realm=') },
				{ input: 'error="x"', span: (s) => spanOf(s, 'error') },
				{ input: 'Bearer realm="a", ;; error="b"', span: (s) => spanOf(s, ';;') },
			];
			for (const { input, span } of cases) {
				const problems = parse(input).flatMap((c) => c.problems);
				assert.deepEqual(problems.map((p) => p.span), [span(input)], input);
			}
		});

		test('missing comma between challenges points at the gap', () => {
			const input = 'Bearer realm="a" DPoP algs="ES256"';
			const dpop = parse(input)[1];
			assert.deepEqual(dpop.problems.map((p) => p.span), [{ start: input.indexOf(' DPoP'), end: input.indexOf('DPoP') }]);
		});

		test('offsets are absolute when parsing part of a larger text', () => {
			const text = 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token", error_description="expired"\r\nContent-Length: 0\r\n\r\n';
			const start = text.indexOf('Bearer');
			const end = text.indexOf('\r\n', start);
			const [c, ...rest] = parseWwwAuthenticate(text, start, end);
			assert.equal(rest.length, 0);
			assert.deepEqual(c.schemeSpan, spanOf(text, 'Bearer'));
			assert.deepEqual(c.span, { start, end });
			for (const p of c.params) {
				assert.equal(text.slice(p.nameSpan.start, p.nameSpan.end), p.name);
				assert.equal(text.slice(p.valueSpan.start, p.valueSpan.end), p.value);
			}
			assert.deepEqual(challengeParam(c, 'error_description')?.valueSpan, spanOf(text, 'expired'));
		});

		test('end cuts the value: nothing past end is read', () => {
			const text = 'x Bearer realm="abc", error="b"';
			const start = text.indexOf('Bearer');
			const end = text.indexOf('c"');
			const [c] = parseWwwAuthenticate(text, start, end);
			assert.deepEqual(summarize([c]), [{ scheme: 'Bearer', params: [['realm', 'ab']], problems: ['unterminated-quote'] }]);
			assert.deepEqual(c.problems[0].span, { start: text.indexOf('"'), end });
			assert.deepEqual(c.span, { start, end });
		});
	});

	suite('helpers', () => {
		test('challengeParam finds the first param, any case', () => {
			const [c] = parse('Bearer realm="a", realm="b"');
			assert.equal(challengeParam(c, 'realm')?.value, 'a');
			assert.equal(challengeParam(c, 'REALM')?.value, 'a');
			assert.equal(challengeParam(c, 'error'), undefined);
		});

		test('findChallenge ignores the case of the scheme', () => {
			const challenges = parse('Bearer realm="a", dpop algs="ES256"');
			assert.equal(findChallenge(challenges, 'DPoP')?.scheme, 'dpop');
			assert.equal(findChallenge(challenges, 'Basic'), undefined);
		});

		test('messages do not echo values', () => {
			const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2ln';
			const problems = parse(`Bearer token='${secret}', token=${secret}/x, x="${secret}`).flatMap((c) => c.problems);
			assert.ok(problems.length >= 3);
			for (const p of problems) assert.ok(!p.message.includes(secret), p.message);
		});
	});

	suite('robustness', () => {
		const big = 100_000;
		const adversarial: [string, string][] = [
			['quotes', '"'.repeat(big)],
			['odd quotes', '"'.repeat(big + 1)],
			['commas', ','.repeat(big)],
			['equals', '='.repeat(big)],
			['backslashes', '\\'.repeat(big)],
			['single quotes', "'".repeat(big)],
			['a= pairs', 'a='.repeat(big / 2)],
			['a=1 with spaces', 'a=1 '.repeat(big / 4)],
			['words', 'Bearer '.repeat(big / 7)],
			['token68 runs', 'Negotiate a=, '.repeat(big / 14)],
			['open quote then escapes', `Bearer realm="${'\\"'.repeat(big / 2)}`],
			['nested-looking quotes', 'a="\\'.repeat(big / 4)],
			['NUL', '\u0000'.repeat(big)],
			['lone surrogates', '\uD800\uDC00\uDFFF'.repeat(big / 3)],
			['spaces then =', `realm${' '.repeat(big)}=`],
			['binary', pseudoRandomBinary(big)],
		];
		for (const [name, input] of adversarial) {
			test(`100 KB of ${name}`, () => {
				const challenges = parse(input);
				assert.ok(Array.isArray(challenges));
				checkInvariants(input, 0, input.length, challenges);
			});
		}

		test('commas alone give no challenges; quotes give one', () => {
			assert.deepEqual(parse(','.repeat(big)), []);
			assert.deepEqual(summarize(parse('"'.repeat(big))), [{ scheme: '', problems: ['no-scheme', 'invalid-char'] }]);
		});

		test('odd start and end values do not throw', () => {
			const text = 'Bearer realm="a"';
			assert.deepEqual(parseWwwAuthenticate(text, 10, 3), []);
			assert.deepEqual(parseWwwAuthenticate(text, -5, 6).map((c) => c.scheme), ['Bearer']);
			assert.deepEqual(parseWwwAuthenticate(text, Number.NaN, 1e9).map((c) => c.scheme), ['Bearer']);
			assert.deepEqual(parseWwwAuthenticate(undefined as unknown as string, 0, 1), []);
		});

		test('random inputs keep every span inside [start, end)', () => {
			const pieces = ['Bearer', 'DPoP', 'realm', 'error', 'a', 'Ab', ' ', '\t', ',', '=', '"', '\\', "'", ':', '/', '\u0000', '\uD800', 'é'];
			const next = lcg(7);
			for (let run = 0; run < 5000; run++) {
				let text = '';
				for (let n = next() % 40; n > 0; n--) text += pieces[next() % pieces.length];
				const start = Math.min(next() % 8, text.length);
				const end = Math.max(start, text.length - (next() % 8));
				checkInvariants(text, start, end, parseWwwAuthenticate(text, start, end));
			}
		});
	});
});

function checkInvariants(text: string, start: number, end: number, challenges: Challenge[]): void {
	let previousEnd = start;
	const inside = (span: Span, what: string) => {
		assert.ok(span.start >= start && span.start <= span.end && span.end <= end, `${what} ${JSON.stringify(span)} outside [${start}, ${end})`);
	};
	for (const c of challenges) {
		inside(c.span, 'challenge');
		assert.ok(c.span.start >= previousEnd, 'challenges overlap');
		previousEnd = c.span.end;
		assert.equal(text.slice(c.schemeSpan.start, c.schemeSpan.end), c.scheme);
		for (const p of c.params) {
			inside(p.nameSpan, 'name');
			inside(p.valueSpan, 'value');
			assert.equal(text.slice(p.nameSpan.start, p.nameSpan.end).toLowerCase(), p.name);
			if (!p.quoted) assert.equal(text.slice(p.valueSpan.start, p.valueSpan.end), p.value);
		}
		if (c.token68) inside(c.token68.span, 'token68');
		for (const p of c.problems) inside(p.span, p.kind);
	}
}

/** A deterministic pseudo-random sequence of 31-bit integers (linear congruential generator). */
function lcg(seed: number): () => number {
	return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
}

/** Deterministic bytes 0–255 as a string. */
function pseudoRandomBinary(length: number): string {
	const next = lcg(42);
	let out = '';
	for (let i = 0; i < length; i++) out += String.fromCharCode(next() & 0xff);
	return out;
}
