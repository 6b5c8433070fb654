import * as assert from 'node:assert/strict';
import { analyze, redact } from '../../src/core';
import type { SecretKind } from '../../src/core/types';
import { fakeJwt, pick, prng, randomString, spanOf } from './rulesUtil';

// Credential-shaped fixtures are assembled at run time from split prefixes, so
// that no realistic-looking secret sits in the repository for secret scanners.
const p = (...parts: string[]): string => parts.join('');
const JWT = fakeJwt(7);
const GITHUB = p('gh', 'p_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8');
const SLACK = p('xo', 'xb-', '1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx');
const GOOGLE = p('ya', '29.', 'a0AfH6SMBxkLmNoPqRsTuVwXyZ012345');
const AWS = p('AK', 'IA', 'IOSFODNN7Q2B4C6D');
const PEM = p('-----BEGIN RSA PRIV', 'ATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n', 'Zk3mQ9vX2bN7pL4rT8wY1cF6hJ0dS5gA\n-----END RSA PRIV', 'ATE KEY-----');

const lines = (...parts: string[]): string => parts.join('\n');
const tokenResponse = (json: string): string => lines('HTTP/1.1 200 OK', 'Content-Type: application/json', 'Cache-Control: no-store', '', json);

/** An expected secret: its kind and its value, located in the input with indexOf (after `after`, if given). */
type Planted = [kind: SecretKind, value: string, after?: string];

interface Row {
	name: string;
	input: string;
	expected: Planted[];
}

const JSON_FIELDS: Array<[field: string, kind: SecretKind, value: string]> = [
	['access_token', 'access_token', 'AT9q2Lw7Zk4Rm1Xv8Bn3'],
	['refresh_token', 'refresh_token', 'RT5k8Pq2Wz7Lm4Nx1Vb6'],
	['id_token', 'id_token', 'IT3h6Jr9Ts2Yu5Ip8Oa1'],
	['client_secret', 'client_secret', 'CS7d4Fg1Hj8Kl5Zx2Cv9'],
	['client_assertion', 'client_assertion', 'CA2s5Df8Gh1Jk4Lq7Wr0'],
	['code_verifier', 'code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
	['device_code', 'device_code', 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS'],
	['password', 'password', 'hunter2'],
	['subject_token', 'subject_token', 'ST8m1Nb4Vc7Xz0Lk3Jh6'],
	['mfa_token', 'mfa_token', 'Fe26.2*SERVER_1711*a5b6c7d8e9f0*Qw3Er5Ty7Ui9'],
	['registration_access_token', 'registration_token', 'RAT4g7Hj0Kl3Zx6Cv9Bn2'],
];

const ENTRA_CLAIMS_ERROR = lines(
	'HTTP/1.1 400 Bad Request',
	'Content-Type: application/json; charset=utf-8',
	'',
	JSON.stringify({
		error: 'interaction_required',
		error_description: 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
		error_codes: [50076],
		trace_id: '0a1b2c3d-1111-2222-3333-444455556666',
		correlation_id: '9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff',
		suberror: 'basic_action',
		claims: '{"access_token":{"capolids":{"essential":true,"values":["01234567-89ab-cdef-0123-456789abcdef"]}}}',
	}),
);

const CLAIMS_CHALLENGE = lines(
	'HTTP/2 401',
	'content-type: application/json',
	'www-authenticate: Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTc0MTk0Njg3MSJ9fX0="',
	'',
	'{"error":{"code":"InvalidAuthenticationToken","message":"Continuous access evaluation resulted in challenge"}}',
	'',
	'decoded claims param (base64):',
	'{"access_token":{"nbf":{"essential":true, "value":"1741946871"}}}',
);

const rows: Row[] = [
	...JSON_FIELDS.map(([field, kind, value]): Row => ({
		name: `JSON field ${field}`,
		input: tokenResponse(`{"${field}": "${value}", "token_type": "Bearer", "expires_in": 3600}`),
		expected: [[kind, value]],
	})),
	{
		name: 'form parameters of a token request',
		input: lines('POST https://as.example.com/oauth2/token HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded', '',
			'grant_type=password&username=alice&password=hunter2&client_id=app&client_secret=CS7d4Fg1Hj8Kl5Zx2Cv9&scope=openid'),
		expected: [['password', 'hunter2'], ['client_secret', 'CS7d4Fg1Hj8Kl5Zx2Cv9']],
	},
	{
		name: 'form parameters: code and refresh_token',
		input: lines('POST https://as.example.com/oauth2/token HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded', '',
			'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&refresh_token=RT5k8Pq2Wz7Lm4Nx1Vb6'),
		expected: [['authorization_code', 'SplxlOBeZQQYbYS6WxSbIA'], ['refresh_token', 'RT5k8Pq2Wz7Lm4Nx1Vb6']],
	},
	{
		name: 'query parameters of a request target',
		input: lines('GET https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj HTTP/1.1', 'Host: app.example.com', ''),
		expected: [['authorization_code', 'SplxlOBeZQQYbYS6WxSbIA']],
	},
	{
		name: 'access_token and client_secret in a query string',
		input: lines('GET https://api.example.com/v1/me?access_token=AT9q2Lw7Zk4Rm1Xv8Bn3&client_secret=CS7d4Fg1Hj8Kl5Zx2Cv9&limit=5 HTTP/1.1', ''),
		expected: [['access_token', 'AT9q2Lw7Zk4Rm1Xv8Bn3'], ['client_secret', 'CS7d4Fg1Hj8Kl5Zx2Cv9']],
	},
	{
		name: 'Authorization: Bearer',
		input: lines('GET https://api.example.com/v1/me HTTP/1.1', 'Authorization: Bearer BT6y9Ui2Op5As8Df1Gh4', ''),
		expected: [['bearer_token', 'BT6y9Ui2Op5As8Df1Gh4']],
	},
	{
		name: 'Authorization: Basic',
		input: lines('POST https://as.example.com/oauth2/token HTTP/1.1', 'Authorization: Basic YXBwOnMzY3IzdFZhbHVlOTk=', ''),
		expected: [['basic_credentials', 'YXBwOnMzY3IzdFZhbHVlOTk=']],
	},
	{
		name: 'Authorization: DPoP and the DPoP proof header',
		input: lines('GET https://api.example.com/v1/me HTTP/1.1', 'Authorization: DPoP DT1q4We7Rt0Yu3Io6Pa9', `DPoP: ${JWT}`, ''),
		expected: [['bearer_token', 'DT1q4We7Rt0Yu3Io6Pa9'], ['dpop_proof', JWT]],
	},
	{
		name: 'Cookie header values',
		input: lines('GET https://app.example.com/ HTTP/1.1', 'Cookie: sid=SID4f7g0h3j6k9; csrf=Cx9v2b5n8m1q', ''),
		expected: [['cookie', 'SID4f7g0h3j6k9'], ['cookie', 'Cx9v2b5n8m1q']],
	},
	{
		name: 'Set-Cookie value, not its attributes',
		input: lines('HTTP/1.1 200 OK', 'Set-Cookie: session=SESS0a1b2c3d4e5f6g7; Path=/; Domain=app.example.com; Max-Age=3600; Expires=Wed, 09 Jun 2027 10:18:14 GMT; SameSite=Lax; Secure; HttpOnly', ''),
		expected: [['cookie', 'SESS0a1b2c3d4e5f6g7']],
	},
	{
		name: 'Set-Cookie ARRAffinity=SOME_VALUE placeholder',
		input: lines('HTTP/1.1 400 Bad Request', 'Content-Type: text/plain; charset=utf-8',
			'Set-Cookie: ARRAffinity=SOME_VALUE;Path=/;HttpOnly;Secure;Domain=demo.aicrisk.com, ARRAffinitySameSite=SOME_OTHER_VALUE;Path=/;HttpOnly;SameSite=None;Secure;Domain=demo.aicrisk.com',
			'Request-Context: appId=SOME_APP_ID', '', 'Invalid client_id'),
		expected: [],
	},
	{
		name: 'x-api-key header',
		input: lines('GET https://api.example.com/v1/items HTTP/1.1', 'x-api-key: KEY8j5h2g9f6d3s0a7p4', ''),
		expected: [['api_key', 'KEY8j5h2g9f6d3s0a7p4']],
	},
	{
		name: 'Authorization: Bearer in a curl -H argument',
		input: '$ curl -si https://api.example.com/v1/me -H "Authorization: Bearer Op4queT0kenVa1ue9xyz"',
		expected: [['bearer_token', 'Op4queT0kenVa1ue9xyz']],
	},
	{ name: 'Authorization: Basic header line pasted on its own', input: 'Authorization: Basic YXBwOnMzY3IzdFZhbHVlOTk=\n', expected: [['basic_credentials', 'YXBwOnMzY3IzdFZhbHVlOTk=']] },
	{ name: 'JWT in a log line', input: `2025-03-14 10:41:13 DEBUG got token ${JWT} from cache`, expected: [['jwt', JWT]] },
	{ name: 'GitHub token in a shell line', input: `export GITHUB_TOKEN=${GITHUB}`, expected: [['github_token', GITHUB]] },
	{ name: 'Slack token in prose', input: `slack says ${SLACK} is revoked`, expected: [['slack_token', SLACK]] },
	{ name: 'Google access token in prose', input: `the header was ${GOOGLE} when it failed`, expected: [['google_token', GOOGLE]] },
	{ name: 'AWS access key id', input: `aws key ${AWS} leaked in CI`, expected: [['aws_key', AWS]] },
	{ name: 'PEM private key', input: `key file:\n${PEM}\n`, expected: [['private_key', PEM]] },
	{ name: 'JWT inside a text response body', input: lines('HTTP/1.1 500 Internal Server Error', 'Content-Type: text/plain', '', `could not validate ${JWT}`), expected: [['jwt', JWT]] },
	{
		name: 'client_secret=… in a log line',
		input: '2025-01-01 12:00:00 INFO token request client_id=app client_secret=LogS3cretV4lue0123 scope=read',
		expected: [['client_secret', 'LogS3cretV4lue0123']],
	},
	{
		name: 'password: … in a text body',
		input: lines('HTTP/1.1 400 Bad Request', 'Content-Type: text/plain', '', 'login failed for alice password: Tr0ub4dor3x'),
		expected: [['password', 'Tr0ub4dor3x']],
	},
	{
		name: 'placeholders in a JSON body',
		input: tokenResponse('{"access_token": "{{token}}", "client_secret": "YOUR_CLIENT_SECRET", "refresh_token": "<secret>", "id_token": "***"}'),
		expected: [],
	},
	{
		name: 'placeholders in a request',
		input: lines('POST https://as.example.com/oauth2/token HTTP/1.1', 'Authorization: Bearer {{token}}', 'Content-Type: application/x-www-form-urlencoded', '',
			'grant_type=client_credentials&client_id={{clientId}}&client_secret=YOUR_CLIENT_SECRET&code_verifier=<secret>&refresh_token=***'),
		expected: [],
	},
	{ name: 'placeholders in free text', input: 'set client_secret=YOUR_CLIENT_SECRET and password=*** then retry', expected: [] },
	{
		name: 'names and expressions in source code are not secrets',
		input: lines(
			'  File "/app/main.py", line 42, in <module>',
			'    token = oauth.fetch_token(token_url, client_secret=secret, authorization_response=url)',
			'    client = Client(client_id=cid, client_secret=self.client_secret, password=os.environ.get("PW"))',
			'const body = { client_secret: clientSecret, code_verifier: pkce.verifier };',
			'oauthlib.oauth2.rfc6749.errors.InvalidGrantError: (invalid_grant) Bad Request'),
		expected: [],
	},
	{
		name: 'format fields, Terraform and httpYac flow names are not secrets',
		input: lines(
			'  + client_secret = (sensitive value)',
			'fmt.Sprintf("device_code={deviceCode}&grant_type=x")',
			'GET https://api.example.com/me HTTP/1.1',
			'Authorization: oauth2 client_credentials',
			''),
		expected: [],
	},
	{
		name: 'Make and shell expansions, test literals and short cookie values are not secrets',
		input: lines(
			'	curl -u admin:x -d "password=$${DEV_PASSWORD:?set it}" $(URL)',
			'    "access_token": "test-access-token", "refresh_token": "test-refresh-token",',
			'set-cookie: pc_flow=f1a9c3; Path=/; HttpOnly'),
		expected: [],
	},
	{
		name: 'camelCase token keys and Vault client_token in free text',
		input: lines(
			'{"AuthenticationResult": {"RefreshToken": "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.rTk9x", "accessToken": "Zq8Lm3Np6Rt9Vw2Yb5"}}',
			'vault token: client_token=hvsQ7mX2pL9kR4tW8zB6nC1dF5'),
		expected: [
			['refresh_token', 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.rTk9x'],
			['access_token', 'Zq8Lm3Np6Rt9Vw2Yb5'],
			['access_token', 'hvsQ7mX2pL9kR4tW8zB6nC1dF5'],
		],
	},
	{
		name: 'quoted or random-looking values in code stay secrets',
		input: lines(
			'oauth.fetch_token(url, client_secret="hunter", password=Tr0ub4dor)',
			'2025-01-01 12:00:00 DEBUG client_secret=QwErTyUiOpAsDfGhJk sent refresh_token=v1.MWbKpL3xQz9Rt2Yc7Nf0'),
		expected: [
			['client_secret', 'hunter'],
			['password', 'Tr0ub4dor'],
			['client_secret', 'QwErTyUiOpAsDfGhJk'],
			['refresh_token', 'v1.MWbKpL3xQz9Rt2Yc7Nf0'],
		],
	},
	{ name: 'Entra claims JSON string mentions access_token', input: ENTRA_CLAIMS_ERROR, expected: [] },
	{ name: 'CAE claims challenge and its decoded claims', input: CLAIMS_CHALLENGE, expected: [] },
	{ name: 'JSON "code": "invalid_grant" is an error code', input: lines('HTTP/1.1 400 Bad Request', 'Content-Type: application/json', '', '{"error":"invalid_grant","code":"invalid_grant"}'), expected: [] },
];

suite('secrets', () => {
	suite('findSecrets through analyze()', () => {
		for (const row of rows) {
			test(row.name, () => {
				const actual = analyze(row.input).messages.flatMap(m => m.secrets).map(s => ({ kind: s.kind, start: s.start, end: s.end }));
				const expected = row.expected.map(([kind, value, after]) => ({ kind, ...spanOf(row.input, value, after) }));
				assert.deepEqual(actual, expected);
			});
		}
	});

	test('redact() replaces each secret with its marker and keeps the rest', () => {
		const input = tokenResponse('{"access_token": "AT9q2Lw7Zk4Rm1Xv8Bn3", "refresh_token": "RT5k8Pq2Wz7Lm4Nx1Vb6", "token_type": "Bearer"}');
		assert.equal(redact(input), tokenResponse('{"access_token": "«redacted:access_token»", "refresh_token": "«redacted:refresh_token»", "token_type": "Bearer"}'));
	});

	suite('property: redact() removes every planted secret', () => {
		test('500 random documents', () => {
			const random = prng(20250314);
			const failures: string[] = [];
			for (let i = 0; i < 500; i++) {
				const { text, planted } = randomDocument(random, i);
				const redacted = redact(text);
				const leaked = planted.filter(v => redacted.includes(v));
				if (leaked.length) failures.push(`#${i}: leaked ${JSON.stringify(leaked)} in\n${text}`);
			}
			assert.equal(failures.length, 0, `${failures.length} of 500 documents leaked a secret; first ones:\n${failures.slice(0, 3).join('\n---\n')}`);
		});
	});
});

// --- random documents -------------------------------------------------------

interface Doc {
	parts: string[];
	planted: string[];
}

/** A value that no placeholder rule can mistake for a template: mixed case, digits, 12–40 characters. */
function secretValue(random: () => number): string {
	return `${randomString(random, 10 + Math.floor(random() * 30))}Q7x`;
}

/** A secret value as it appears raw inside a JSON string (`\\/` escapes) or a form value (percent-encoding). */
function encodedValue(random: () => number, how: 'json' | 'form'): string {
	const value = secretValue(random);
	if (random() < 0.7) return value;
	const cut = 4 + Math.floor(random() * 6);
	return how === 'json' ? `${value.slice(0, cut)}\\/${value.slice(cut)}+=` : `${value.slice(0, cut)}%2B${value.slice(cut)}%3D%3D`;
}

/** Header names as different tools print them. */
function headerName(random: () => number, name: string): string {
	return random() < 0.3 ? name.toLowerCase() : name;
}

function plant(doc: Doc, value: string): string {
	doc.planted.push(value);
	return value;
}

function shapedToken(random: () => number, i: number): string {
	const upperDigit = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	switch (Math.floor(random() * 5)) {
		case 0: return fakeJwt(1000 + i);
		case 1: return p('gh', 'o_', randomString(random, 36));
		case 2: return p('xo', 'xp-', randomString(random, 12, '0123456789'), '-', randomString(random, 24));
		case 3: return p('AS', 'IA', randomString(random, 16, upperDigit));
		default: return p('ya', '29.', randomString(random, 40));
	}
}

const JSON_SECRET_FIELDS = ['access_token', 'refresh_token', 'id_token', 'client_secret', 'client_assertion', 'code_verifier', 'device_code', 'password', 'subject_token', 'mfa_token', 'registration_access_token'];
const FORM_SECRET_FIELDS = ['client_secret', 'refresh_token', 'code', 'code_verifier', 'password', 'client_assertion', 'device_code'];
const LOG_KEYS = ['client_secret', 'password', 'api_key', 'refresh_token', 'access_token'];

function jsonResponse(random: () => number, doc: Doc): string {
	const status = pick(random, ['200 OK', '400 Bad Request', '401 Unauthorized']);
	const headers = [`${headerName(random, 'Content-Type')}: application/json`];
	if (random() < 0.5) headers.push(`${headerName(random, 'Cache-Control')}: no-store`);
	if (random() < 0.3) headers.push(`${headerName(random, 'Set-Cookie')}: sid=${plant(doc, secretValue(random))}; Path=/; Secure; HttpOnly`);
	const fields: string[] = [];
	const n = 1 + Math.floor(random() * 3);
	for (let k = 0; k < n; k++) fields.push(`"${pick(random, JSON_SECRET_FIELDS)}": "${plant(doc, encodedValue(random, 'json'))}"`);
	if (status !== '200 OK') fields.push('"error": "invalid_grant"');
	fields.push('"token_type": "Bearer"', '"expires_in": 3600');
	return lines(`HTTP/1.1 ${status}`, ...headers, '', `{${fields.join(', ')}}`);
}

function formRequest(random: () => number, doc: Doc): string {
	// curl -v prints what it sent with "> " before each line of the head, and no body.
	const curl = random() < 0.2;
	let target = 'https://as.example.com/oauth2/token';
	if (random() < 0.3) target += `?client_id=app&${pick(random, ['client_secret', 'access_token', 'code'])}=${plant(doc, secretValue(random))}`;
	const headers = [`${headerName(random, 'Content-Type')}: application/x-www-form-urlencoded`];
	const auth = random();
	const authorization = headerName(random, 'Authorization');
	if (auth < 0.25) headers.push(`${authorization}: Basic ${plant(doc, Buffer.from(`app:${secretValue(random)}`).toString('base64'))}`);
	else if (auth < 0.5) headers.push(`${authorization}: Bearer ${plant(doc, secretValue(random))}`);
	else if (auth < 0.6) headers.push(`${authorization}: DPoP ${plant(doc, secretValue(random))}`, `DPoP: ${plant(doc, fakeJwt(Math.floor(random() * 1e6)))}`);
	if (random() < 0.2) headers.push(`${pick(random, ['x-api-key', 'X-API-Key', 'Ocp-Apim-Subscription-Key'])}: ${plant(doc, secretValue(random))}`);
	if (random() < 0.2) headers.push(`${headerName(random, 'Cookie')}: session=${plant(doc, secretValue(random))}; theme=light`);
	const head = [`POST ${target} HTTP/1.1`, ...headers];
	if (curl) return lines(...head.map(l => `> ${l}`), '> ');
	const params = [`grant_type=${pick(random, ['authorization_code', 'refresh_token', 'client_credentials', 'password'])}`, 'client_id=app'];
	const n = Math.floor(random() * 3);
	for (let k = 0; k < n; k++) params.push(`${pick(random, FORM_SECRET_FIELDS)}=${plant(doc, encodedValue(random, 'form'))}`);
	return lines(...head, '', params.join('&'));
}

function logLine(random: () => number, doc: Doc, i: number): string {
	const when = `2025-03-${String(1 + Math.floor(random() * 28)).padStart(2, '0')} 10:41:13`;
	if (random() < 0.5) return `${when} WARN request failed ${pick(random, LOG_KEYS)}=${plant(doc, secretValue(random))} status=400`;
	return `${when} DEBUG using token ${plant(doc, shapedToken(random, i))} for the call`;
}

function textResponse(random: () => number, doc: Doc, i: number): string {
	return lines('HTTP/1.1 500 Internal Server Error', 'Content-Type: text/plain', '', `upstream rejected ${plant(doc, shapedToken(random, i))}`);
}

/** One to three messages (JSON responses, form requests, log lines, text responses) with planted secrets. */
function randomDocument(random: () => number, i: number): { text: string; planted: string[] } {
	const doc: Doc = { parts: [], planted: [] };
	const n = 1 + Math.floor(random() * 3);
	for (let k = 0; k < n; k++) {
		const which = Math.floor(random() * 4);
		if (which === 0) doc.parts.push(jsonResponse(random, doc));
		else if (which === 1) doc.parts.push(formRequest(random, doc));
		else if (which === 2) doc.parts.push(logLine(random, doc, i * 10 + k));
		else doc.parts.push(textResponse(random, doc, i * 10 + k));
	}
	const text = `${doc.parts.join('\n\n')}\n`;
	return { text: random() < 0.3 ? text.replace(/\n/g, '\r\n') : text, planted: doc.planted };
}
