import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, explainMessage, redact, renderReport, RuleId, type Analysis, type HttpMessage, type SecretKind } from '../../src/core';
import { errorMentions, vendorMentions } from './seedHelpers';

/*
 * examples/*: what EXPECTED.md says each file holds, checked against analyze().
 * `after` anchors an expectation to the first mention after that text.
 */

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

interface ErrorExpectation {
	code: string;
	entry?: string;
	/** Status of the message carrying the error (null: no HTTP response). */
	status?: number | null;
	vendor?: string | null;
	location?: string;
	description?: string;
	source?: string;
	after?: string;
}

interface FindingExpectation {
	rule: string;
	entryId?: string;
	severity?: string;
	/** Exact number of such findings in the file. */
	count?: number;
	/** Text the finding's message contains. */
	says?: string;
	after?: string;
}

interface SecretExpectation {
	value: string;
	kind?: SecretKind | SecretKind[];
	after?: string;
}

interface ExplainExpectation {
	/** An error or vendor code of the message to explain. */
	code: string;
	after?: string;
	/** Matched against the cause and the steps together. */
	says: RegExp;
}

interface Example {
	file: string;
	/** The distinct error codes of the file, sorted. */
	errorCodes: string[];
	errors: ErrorExpectation[];
	/** The distinct vendor codes of the file (code → entry id). */
	vendorCodes?: Record<string, string>;
	/** The distinct message vendors; [] for a generic vendor. */
	vendors: string[];
	findings?: FindingExpectation[];
	absentRules?: string[];
	secrets?: SecretExpectation[];
	/** Values that may also be flagged; every other secret span is a false positive. */
	mayFlag?: string[];
	/** Do not check for unlisted secrets. */
	openSecrets?: boolean;
	explain?: ExplainExpectation[];
	/** Extra checks that do not fit the table. */
	check?: (text: string, analysis: Analysis) => void;
}

const examples: Example[] = [
	{
		file: 'aicrisk-plain-text-errors.txt',
		errorCodes: ['Invalid Code', 'Invalid client_id', 'Invalid client_secret', 'Unauthorized'],
		errors: [
			{ code: 'Invalid client_id', entry: 'aicrisk.invalid_client_id', status: 400, vendor: 'aicrisk', source: 'body' },
			{ code: 'Invalid client_secret', entry: 'aicrisk.invalid_client_secret', status: 400, vendor: 'aicrisk', source: 'body' },
			{ code: 'Unauthorized', entry: 'aicrisk.problem-unauthorized', status: 401, vendor: 'aicrisk' },
			{ code: 'Invalid Code', entry: 'aicrisk.invalid_code', status: 400, vendor: 'aicrisk', source: 'body' },
		],
		vendors: ['aicrisk'],
		findings: [
			{ rule: RuleId.errorNotJson, count: 3 },
			{ rule: RuleId.missingWwwAuthenticate, count: 1, after: '--- 3.' },
			{ rule: RuleId.supportIds, says: '00-de61877dd04ebafff7c1676b5b6e9532-5debd224217a8b45-00', after: '--- 3.' },
		],
		secrets: [{ value: '5e1c0d9b7a2f4c63b8d1e0a947f26c5d3b8a1e7f0c4d2b96a5e3f1c0d8b7a6e2', kind: 'cookie' }],
		check: (_text, analysis) => {
			// "No OAuth error codes": only AICRisk's fixed messages.
			assert.deepEqual(errorMentions(analysis).filter(x => x.error.entry?.namespace !== 'aicrisk').map(x => x.error.code), []);
		},
	},
	{
		file: 'akoya-token-errors.http',
		errorCodes: ['invalid_client', 'invalid_request', 'unsupported_token_type'],
		errors: [
			{ code: 'invalid_request', entry: 'akoya.invalid_request', status: 400, location: 'token', description: 'Invalid or expired code parameter.' },
			{ code: 'invalid_request', entry: 'akoya.invalid_request', status: 400, description: 'Refresh token is invalid or has already been claimed by another client.', after: '### Refresh' },
			{ code: 'unsupported_token_type', entry: 'akoya.unsupported_token_type', status: 400, location: 'revocation' },
			{ code: 'invalid_client', entry: 'akoya.invalid_client', status: 401, description: 'Invalid client credentials.' },
		],
		vendors: ['akoya'],
		secrets: [
			{ value: 'hxEa7NwBPSPYvFQv8JnScqfVU6t8tbWP', kind: 'authorization_code' },
			{ value: 'cLPY8QsaJQob8yOk7qzLJUl7Gaiyp3OIWn5SaQKvuF4', kind: 'authorization_code' },
			{ value: 'sz6w4QEssLX1FXngVQIRLiBicSrVl56FVzXXaRNZCn-XkOZkO73baBLaogaW2_gx', kind: 'refresh_token', after: 'grant_type=refresh_token' },
			{ value: 'sz6w4QEssLX1FXngVQIRLiBicSrVl56FVzXXaRNZCn-XkOZkO73baBLaogaW2_gx', after: '### Revoke' },
		],
		explain: [
			{ code: 'invalid_request', says: /code from the authorization step/ },
			{ code: 'invalid_request', after: '### Refresh', says: /refresh token is wrong, expired, or already used/ },
			{ code: 'unsupported_token_type', says: /token_type_hint/ },
		],
	},
	{
		file: 'auth0-mfa-required.txt',
		errorCodes: ['mfa_required'],
		errors: [{ code: 'mfa_required', entry: 'auth0.mfa_required', status: 403, vendor: 'auth0', description: 'Multifactor authentication required' }],
		vendors: ['auth0'],
		secrets: [
			{ value: 'Kx7!vR2q#Lm9', kind: 'password' },
			{ value: 'Fe26.2*SERVER_1744376742*a1f0c9e2b7d4*qN3pX8vL2rT6yW0mK4sH9bJ1cF5gD7eA*Zr5Tq0Lm8Vx2Nc6Hb1Jk4Pw9Sd3Fy7Ge', kind: 'mfa_token' },
		],
		explain: [{ code: 'mfa_required', says: /\/mfa\/challenge/ }],
	},
	{
		file: 'auth0-refresh.http',
		errorCodes: ['invalid_grant', 'unauthorized_client'],
		errors: [
			{ code: 'invalid_grant', entry: 'auth0.invalid_grant', status: 403, vendor: 'auth0', description: 'Unknown or invalid refresh token.' },
			{ code: 'unauthorized_client', entry: 'auth0.unauthorized_client', status: 403, vendor: 'auth0', description: 'Grant type \'refresh_token\' not allowed for the client.' },
		],
		vendors: ['auth0'],
		secrets: [
			{ value: 'v1.MWbKpL3xQz9Rt2Yc7Nf0Hs5Jd8Gv4Ak1Ue6Wm3Bo2Ti9Pl0Rx7Zq4Cy8Vn5Ea', kind: 'refresh_token' },
			{ value: 'v1.MWbKpL3xQz9Rt2Yc7Nf0Hs5Jd8Gv4Ak1Ue6Wm3Bo2Ti9Pl0Rx7Zq4Cy8Vn5Ea', kind: 'refresh_token', after: '### Refresh #2' },
		],
	},
	{
		file: 'authlete-token-fail.json',
		errorCodes: ['invalid_request'],
		errors: [{ code: 'invalid_request', entry: 'oauth.invalid_request', vendor: 'authlete', description: '[A067301] The credentials (username & password) passed to the token endpoint are invalid.' }],
		vendorCodes: { 'BAD_REQUEST': 'authlete.BAD_REQUEST', 'INVALID_RESOURCE_OWNER_CREDENTIALS': 'authlete.INVALID_RESOURCE_OWNER_CREDENTIALS.reason' },
		vendors: ['authlete'],
		findings: [{ rule: RuleId.vendorCode, entryId: 'authlete.BAD_REQUEST' }],
		secrets: [],
		mayFlag: ['D_ZoKu51VbkSqcW5iQCDapPH0NIh3rVtHESuEfs6w_Q'],
		explain: [{ code: 'BAD_REQUEST', says: /Return HTTP 400/ }],
	},
	{
		file: 'azure-ad-token-endpoint.http',
		errorCodes: ['invalid_request'],
		errors: [{ code: 'invalid_request', entry: 'oauth.invalid_request', status: 400, vendor: 'entra', location: 'token' }],
		vendorCodes: { AADSTS90011: 'entra.AADSTS90011' },
		vendors: ['entra'],
		findings: [
			{ rule: RuleId.vendorCode, entryId: 'entra.AADSTS90011', count: 1 },
			{ rule: RuleId.supportIds, says: 'Correlation ID 6b3474d8-233e-463f-b0a3-86433d8ba889' },
		],
		secrets: [],
		explain: [{ code: 'invalid_request', says: /client_id given twice/ }],
		check: (text, analysis) => {
			const inErrorCodes = text.indexOf('90011', text.indexOf('"error_codes"'));
			assert.ok(vendorMentions(analysis).some(x => x.vendorCode.code === 'AADSTS90011' && x.vendorCode.span.start === inErrorCodes), 'error_codes [90011] not read');
		},
	},
	{
		file: 'cognito-initiate-auth.txt',
		errorCodes: [],
		errors: [],
		vendorCodes: { NotAuthorizedException: 'cognito.NotAuthorizedException' },
		vendors: ['cognito'],
		findings: [{ rule: RuleId.vendorCode, entryId: 'cognito.NotAuthorizedException', count: 2 }],
		secrets: [
			{ value: 'Kx7!vR2q#Lm9', kind: 'password' },
			{ value: 'Kx7!vR2q#Lm9', kind: 'password', after: '"PASSWORD"' },
		],
		explain: [{ code: 'NotAuthorizedException', after: 'HTTP/1.1 400', says: /SECRET_HASH/ }],
		check: (text, analysis) => {
			const response = analysis.messages.find(m => m.kind === 'response');
			assert.equal(response?.status, 400);
			assert.deepEqual(response?.vendorCodes.map(v => v.span), [{ start: text.indexOf('NotAuthorizedException', text.indexOf('"__type"')), end: text.indexOf('NotAuthorizedException', text.indexOf('"__type"')) + 22 }]);
		},
	},
	{
		file: 'device-flow-polling.http',
		errorCodes: ['authorization_pending', 'expired_token', 'slow_down'],
		errors: [
			{ code: 'authorization_pending', entry: 'oauth.authorization_pending', status: 400, location: 'token' },
			{ code: 'slow_down', entry: 'oauth.slow_down', status: 400, location: 'token' },
			{ code: 'expired_token', entry: 'oauth.expired_token', status: 400, location: 'token' },
		],
		vendors: [],
		findings: [
			{ rule: RuleId.pollingAdvice, entryId: 'oauth.authorization_pending', count: 1, says: 'Keep polling' },
			{ rule: RuleId.pollingAdvice, entryId: 'oauth.slow_down', count: 1, says: 'add 5 seconds' },
			{ rule: RuleId.recognizedError, entryId: 'oauth.authorization_pending', severity: 'information' },
			{ rule: RuleId.recognizedError, entryId: 'oauth.expired_token', severity: 'error' },
		],
		secrets: [{ value: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', kind: 'device_code' }],
		explain: [{ code: 'expired_token', says: /new device authorization|start (a new|again|over)/i }],
		check: (_text, analysis) => {
			const ok = analysis.messages.find(m => m.status === 200);
			assert.deepEqual(ok?.errors, [], 'the device authorization response is not an error');
		},
	},
	{
		file: 'dpop-nonce.txt',
		errorCodes: ['use_dpop_nonce'],
		errors: [
			{ code: 'use_dpop_nonce', entry: 'oauth.use_dpop_nonce', status: 400, location: 'token', after: 'HTTP/1.1 400' },
			{ code: 'use_dpop_nonce', entry: 'oauth.use_dpop_nonce', status: 401, location: 'resource', source: 'challenge', after: 'HTTP/1.1 401' },
		],
		vendors: [],
		absentRules: [RuleId.statusMismatch, RuleId.malformedChallenge],
		secrets: [
			{ value: 'eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwiY3J2IjoiUC0yNTYiLCJ4IjoiN1JQWTByRktzT0lORkNuV1RtaHA4WXhJc2c0TkdQNmtSbGJXbTYwWUhsMCIsInkiOiJ0OUpxS0p1YUdjdUlxeGJPcHhmcW8xOWZFR3d1cHhDcmFESEtUeUNWd3JFIn19.eyJqdGkiOiJkODBhZjY3YS1mMzljLTQ3ZjMtYmNhNS03ODkzOGE0YzI4YWIiLCJodG0iOiJQT1NUIiwiaHR1IjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUuY29tL29hdXRoMi90b2tlbiIsImlhdCI6MTczNTY4OTYwMH0.o4Qi35WYO_K_nVKfdqsywtvq1TNzQxIU-O07A3eghuCYwHu_eHjEugzYAjltuqdJG2FXuVYJGWk2CRSL1WRGQg', kind: 'dpop_proof' },
			{ value: 'eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwiY3J2IjoiUC0yNTYiLCJ4IjoiN1JQWTByRktzT0lORkNuV1RtaHA4WXhJc2c0TkdQNmtSbGJXbTYwWUhsMCIsInkiOiJ0OUpxS0p1YUdjdUlxeGJPcHhmcW8xOWZFR3d1cHhDcmFESEtUeUNWd3JFIn19.eyJqdGkiOiIzZjFjOWIyZS03YTRkLTRlOGYtOWM2MS0wYjVkMmU3YThmMTQ', kind: 'dpop_proof', after: 'GET /v1/orders' },
			{ value: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImRlbW8ifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJzdmMtZGVtbyIsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUuY29tIiwiZXhwIjoxNzM1NjkzMjAwLCJub3RlIjoiZmFrZSJ9', kind: ['bearer_token', 'access_token'] },
			{ value: 'SplxlOBeZQQYbYS6WxSbIA', kind: 'authorization_code' },
			{ value: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', kind: 'code_verifier' },
		],
		explain: [{ code: 'use_dpop_nonce', after: 'HTTP/1.1 400', says: /DPoP-Nonce/ }],
	},
	{
		file: 'duende-invalid-client.txt',
		errorCodes: ['invalid_client'],
		errors: [{ code: 'invalid_client', entry: 'duende.invalid_client', status: 400, vendor: 'duende', source: 'json' }],
		vendors: ['duende'],
		secrets: [],
		explain: [{ code: 'invalid_client', says: /Sha256|hash/ }],
	},
	{
		file: 'entra-claims-challenge.txt',
		errorCodes: ['insufficient_claims'],
		errors: [{ code: 'insufficient_claims', entry: 'entra.insufficient_claims', status: 401, vendor: 'entra', location: 'resource', source: 'challenge' }],
		vendorCodes: { InvalidAuthenticationToken: 'entra.InvalidAuthenticationToken' },
		vendors: ['entra'],
		secrets: [],
		explain: [{ code: 'insufficient_claims', says: /claims/ }],
		check: (text, analysis) => {
			// The decoded claims line has the key "access_token" but holds no token.
			const decoded = text.indexOf('{"access_token":{"nbf"');
			assert.deepEqual(analysis.messages.filter(m => m.span.end > decoded && m.span.start <= decoded), [], 'the decoded claims line is reported');
		},
	},
	{
		file: 'entra-invalid-client.http',
		errorCodes: ['invalid_client'],
		errors: [{ code: 'invalid_client', entry: 'entra.invalid_client', status: 401, vendor: 'entra', location: 'token' }],
		vendorCodes: { AADSTS7000215: 'entra.AADSTS7000215' },
		vendors: ['entra'],
		findings: [{ rule: RuleId.supportIds, says: 'Trace ID 5ddb68ce-bdcb-47e4-a1eb-d74fa2ee4f00' }],
		openSecrets: true,
		explain: [{ code: 'invalid_client', says: /secret ID/i }],
		check: (text, analysis) => {
			const response = analysis.messages.find(m => m.kind === 'response')!;
			assert.deepEqual(response.errors[0].uri, 'https://login.microsoftonline.com/error?code=7000215');
			assert.ok(response.facts.some(f => f.label === 'Timestamp' && f.value === '2025-03-14 10:27:51Z'));
			const last = analysis.messages.find(m => m.span.start === text.indexOf('GET https://orders.contoso.com'));
			assert.ok(last, 'the last request is not parsed');
			assert.deepEqual([last.errors, last.vendorCodes, last.findings, last.secrets], [[], [], [], []]);
		},
	},
	{
		file: 'entra-refresh.http',
		errorCodes: ['invalid_grant'],
		errors: [{ code: 'invalid_grant', entry: 'entra.invalid_grant', status: 400, vendor: 'entra', location: 'token' }],
		vendorCodes: { AADSTS70008: 'entra.AADSTS70008' },
		vendors: ['entra'],
		findings: [{ rule: RuleId.supportIds, says: 'Trace ID e2a7c4d9-1f38-4b6e-9a05-3c8d7f2b1e60' }],
		secrets: [],
		explain: [{ code: 'invalid_grant', says: /inactiv|interactive sign-in/i }],
		check: (_text, analysis) => {
			const response = analysis.messages.find(m => m.kind === 'response')!;
			// The refresh_token grant of the request above decides between the code and the refresh-token readings of AADSTS70008.
			assert.equal(response.diagnosis?.kind, 'refresh-token-expired');
			assert.equal(response.errors[0].uri, 'https://login.microsoftonline.com/error?code=70008');
		},
	},
	{
		file: 'entra-msal.log',
		errorCodes: ['invalid_grant'],
		errors: [{ code: 'invalid_grant', entry: 'entra.invalid_grant', after: 'ResponseBody:', vendor: 'entra' }],
		vendorCodes: {
			AADSTS700082: 'entra.AADSTS700082', AADSTS50076: 'entra.AADSTS50076', MsalUiRequiredException: 'msal.MsalUiRequiredException',
		},
		vendors: ['entra'],
		findings: [
			// The first MSAL exception quotes its Trace ID in the text; the ResponseBody has the ids as fields.
			{ rule: RuleId.supportIds, says: 'Trace ID e4a84d40-02f2-4a4b-b834-3c40e5a62900' },
			{ rule: RuleId.supportIds, says: 'Trace ID df1a4af6-efc8-434a-b199-1e7511490a00', after: 'ResponseBody' },
		],
		secrets: [],
		explain: [{ code: 'AADSTS700082', says: /not used|inactiv|interactive sign-in/i }],
		check: (text, analysis) => {
			const body = analysis.messages.find(m => m.span.start === text.indexOf('{"error":"invalid_grant"'));
			assert.ok(body, 'the ResponseBody JSON is not read');
			assert.ok(body.facts.some(f => f.label === 'Suberror' && f.value === 'basic_action'));
			assert.equal(body.errors[0].uri, 'https://login.microsoftonline.com/error?code=50076');
			const inErrorCodes = text.indexOf('50076', text.indexOf('"error_codes"'));
			assert.ok(body.vendorCodes.some(v => v.code === 'AADSTS50076' && v.span.start === inErrorCodes), 'error_codes [50076] not read');
		},
	},
	{
		file: 'generic-troubleshooting.log',
		errorCodes: ['insufficient_scope', 'invalid_request', 'invalid_token'],
		errors: [
			{ code: 'invalid_request', entry: 'oauth.invalid_request', status: 405, description: 'HTTP method GET is not supported.' },
			{ code: 'invalid_token', entry: 'oauth.invalid_token', status: 401, location: 'resource', source: 'challenge', description: 'The access token expired' },
			{ code: 'insufficient_scope', entry: 'oauth.insufficient_scope', status: 403, location: 'resource', source: 'challenge' },
		],
		vendors: [],
		secrets: [],
	},
	{
		file: 'github-200-error.http',
		errorCodes: ['bad_verification_code'],
		errors: [
			{ code: 'bad_verification_code', entry: 'github.bad_verification_code', status: 200, vendor: 'github', source: 'form', description: 'The code passed is incorrect or expired.' },
			{ code: 'bad_verification_code', entry: 'github.bad_verification_code', status: 200, vendor: 'github', source: 'json', after: '### Same code again' },
		],
		vendors: ['github'],
		findings: [
			{ rule: RuleId.errorWith200, count: 2, severity: 'information' },
			{ rule: RuleId.errorNotJson, count: 1, severity: 'information' },
		],
		secrets: [],
		mayFlag: ['5f3c1e9a07d24b6e8c1f'],
	},
	{
		file: 'github-device-flow.log',
		errorCodes: ['authorization_pending', 'slow_down'],
		errors: [
			{ code: 'authorization_pending', entry: 'github.authorization_pending', vendor: 'github' },
			{ code: 'slow_down', entry: 'github.slow_down', vendor: 'github' },
		],
		vendors: ['github'],
		findings: [
			{ rule: RuleId.recognizedError, entryId: 'github.authorization_pending', count: 2 },
			{ rule: RuleId.recognizedError, entryId: 'github.slow_down', count: 2 },
			{ rule: RuleId.pollingAdvice, count: 4 },
		],
		secrets: [{ value: 'gho_CXM11ojbS3xN8h7TfH78dmdjwDUrGcWtjuqz', kind: ['access_token', 'github_token'] }],
		mayFlag: ['07e7e8c665ca048cd9799755386cc4620a8f4ed3'],
	},
	{
		file: 'google-invalid-grant.txt',
		errorCodes: ['invalid_grant'],
		errors: [
			{ code: 'invalid_grant', after: 'RefreshError' },
			{ code: 'invalid_grant', entry: 'google.invalid_grant', status: 400, vendor: 'google', location: 'token', description: 'Token has been expired or revoked.', after: 'HTTP/1.1 400' },
		],
		vendors: ['google'],
		secrets: [],
		explain: [{ code: 'invalid_grant', after: 'HTTP/1.1 400', says: /7-day|7 days/ }],
	},
	{
		file: 'google-redirect-uri-mismatch.md',
		errorCodes: ['redirect_uri_mismatch'],
		errors: [{ code: 'redirect_uri_mismatch', entry: 'google.redirect_uri_mismatch', status: null, vendor: 'google', location: 'authorization', after: 'Error 400: redirect_uri_mismatch**' }],
		vendors: ['google'],
		secrets: [],
		explain: [{ code: 'redirect_uri_mismatch', after: 'Error 400: redirect_uri_mismatch**', says: /trailing slash|http vs https/ }],
	},
	{
		file: 'google-userinfo-401.txt',
		errorCodes: ['invalid_request', 'invalid_token'],
		errors: [
			{ code: 'invalid_token', entry: 'google.invalid_token', status: 401, vendor: 'google', source: 'challenge' },
			{ code: 'invalid_request', entry: 'google.invalid_request', status: 401, vendor: 'google', source: 'json', description: 'Invalid Credentials' },
		],
		vendors: ['google'],
		absentRules: [RuleId.malformedChallenge],
		secrets: [
			{ value: 'ya29.a08UK1YmBsrKL-I3MURvj5RVTiRzjZi2sszqzHosEFIQptanZ2qZ677Z_ALMAlaxvuBueVmG7THgESLEcZLd4-tk6XrL2Pfvo0oj57vxwMhkSYrmwIHLt0NXRY1onVv-PY5RQBDOsv-pd37zRKPGazC6' },
			{ value: 'ya29.a08UK1YmBsrKL-I3MURvj5RVTiRzjZi2sszqzHosEFIQptanZ2qZ677Z_ALMAlaxvuBueVmG7THgESLEcZLd4-tk6XrL2Pfvo0oj57vxwMhkSYrmwIHLt0NXRY1onVv-PY5RQBDOsv-pd37zRKPGazC6', after: '> Authorization' },
		],
	},
	{
		file: 'keycloak-spring.log',
		errorCodes: ['invalid_token_response', 'unauthorized_client'],
		errors: [
			{ code: 'invalid_token_response', entry: 'spring.invalid_token_response' },
			{ code: 'unauthorized_client', entry: 'keycloak.unauthorized_client', vendor: 'keycloak', description: 'Invalid client or Invalid client credentials' },
		],
		vendors: ['keycloak'],
		secrets: [],
		check: (_text, analysis) => {
			// The Caused-by chain repeats one failure: report it once (or grouped in one message).
			const carriers = analysis.messages.filter(m => m.errors.some(e => e.code === 'unauthorized_client'));
			assert.equal(carriers.length, 1, `unauthorized_client reported by ${carriers.length} messages`);
		},
	},
	{
		file: 'keycloak-unauthorized-client.txt',
		// The Keycloak event log line names the same failure by its event error (EXPECTED.md mentions it).
		errorCodes: ['invalid_client_credentials', 'unauthorized_client'],
		errors: [{ code: 'unauthorized_client', entry: 'keycloak.unauthorized_client', status: 401, vendor: 'keycloak', description: 'Invalid client or Invalid client credentials' }],
		vendorCodes: { CLIENT_LOGIN_ERROR: 'keycloak.CLIENT_LOGIN_ERROR' },
		vendors: ['keycloak'],
		secrets: [{ value: 'M9EReYFParnWammTTcGVJl9kMm0CBdyp', kind: 'client_secret' }],
	},
	{
		file: 'mistakes.http',
		errorCodes: ['invalid_grand', 'invalid_grant', 'invalid_request', 'unsupported_grant_type'],
		errors: [
			{ code: 'invalid_request', status: 400, location: 'token', description: 'Missing form parameter: grant_type' },
			{ code: 'unsupported_grant_type', entry: 'oauth.unsupported_grant_type', status: 400 },
			{ code: 'invalid_grant', entry: 'oauth.invalid_grant', status: 400, description: 'PKCE code verifier not specified' },
			{ code: 'invalid_grand', status: 200 },
		],
		vendors: [],
		findings: [
			{ rule: RuleId.tokenRequestGet, count: 1 },
			{ rule: RuleId.httpStatus, entryId: 'http.405', count: 1 },
			{ rule: RuleId.tokenRequestNotForm, count: 1 },
			{ rule: RuleId.unknownGrantType, count: 1, says: 'authorization_code' },
			{ rule: RuleId.missingParameter, says: 'code_verifier', after: '### code exchange - PKCE' },
			{ rule: RuleId.multipleClientAuth, count: 1 },
			{ rule: RuleId.secretInUrl, count: 1, after: '### secret in the query string' },
			{ rule: RuleId.errorWith200, count: 1 },
			{ rule: RuleId.unknownCode, count: 1, says: 'invalid_grant' },
		],
		secrets: [
			{ value: '9b71e65258fcb70274b674354b9c61ed', kind: 'client_secret' },
			{ value: '9b71e65258fcb70274b674354b9c61ed', kind: 'client_secret', after: '### secret in the query string' },
			{ value: 'b518e15aac85b48bf5da20dd06517f75', kind: 'refresh_token' },
		],
		mayFlag: ['Qx8vK2mN7pL4', 'Jt5rW0yB3nH8cF1gD6sA9eK2mQ7xZ4vL0pU3iO8tR1w'],
		check: (text, analysis) => {
			const unknown = analysis.messages.flatMap(m => m.findings).find(f => f.rule === RuleId.unknownCode);
			assert.deepEqual(unknown?.fixes?.[0].edits, [{ span: { start: text.indexOf('invalid_grand'), end: text.indexOf('invalid_grand') + 13 }, text: 'invalid_grant' }]);
		},
	},
	{
		file: 'okta-invalid-client.http',
		errorCodes: ['invalid_client'],
		errors: [
			{ code: 'invalid_client', entry: 'okta.invalid_client', status: 401, vendor: 'okta', location: 'token', description: 'Invalid value for \'client_id\' parameter.' },
			{ code: 'invalid_client', entry: 'okta.invalid_client', status: 401, vendor: 'okta', description: 'The client secret supplied for a confidential client is invalid.', after: '### Retry' },
		],
		vendors: ['okta'],
		findings: [
			{ rule: RuleId.missingWwwAuthenticate, count: 2 },
			{ rule: RuleId.supportIds, says: 'oaeXq4Tn2bWm8Lp0cRz6yVf3d' },
		],
		secrets: [],
	},
	{
		file: 'okta-management-api.txt',
		errorCodes: [],
		errors: [],
		vendorCodes: { E0000011: 'okta.E0000011' },
		vendors: ['okta'],
		findings: [
			{ rule: RuleId.vendorCode, entryId: 'okta.E0000011', count: 1 },
			{ rule: RuleId.supportIds, says: 'oaeI77mXae83oIkEGtKhC3ZAU' },
		],
		secrets: [{ value: '00zpyoCEYYE8QijszDPICFuyu-Be-vxK26hWnBoUid' }],
		explain: [{ code: 'E0000011', says: /SSWS/ }],
		check: (_text, analysis) => {
			const response = analysis.messages.find(m => m.vendorCodes.length);
			assert.equal(response?.status, 401);
			assert.equal(response?.location, 'management');
		},
	},
	{
		file: 'ory-hydra-errors.txt',
		errorCodes: ['invalid_client', 'request_forbidden'],
		errors: [
			{ code: 'invalid_client', entry: 'ory.invalid_client', status: 401, vendor: 'ory', source: 'json' },
			{ code: 'request_forbidden', entry: 'ory.request_forbidden', status: null },
		],
		vendors: ['ory'],
		findings: [{ rule: RuleId.missingWwwAuthenticate, count: 1 }],
		secrets: [],
		explain: [
			{ code: 'invalid_client', says: /token_endpoint_auth_method/ },
			{ code: 'request_forbidden', says: /localhost/ },
		],
	},
	{
		file: 'ping-token-and-api-errors.txt',
		errorCodes: ['invalid_grant'],
		errors: [{ code: 'invalid_grant', entry: 'ping.invalid_grant', status: 400, vendor: 'ping', location: 'token', description: 'unknown, invalid, or expired refresh token' }],
		vendorCodes: { INVALID_DATA: 'ping.INVALID_DATA' },
		vendors: ['ping'],
		secrets: [],
		explain: [
			{ code: 'invalid_grant', says: /new refresh token/ },
			{ code: 'INVALID_DATA', says: /details/ },
		],
	},
	{
		file: 'redirect-errors.txt',
		errorCodes: ['access_denied', 'invalid_scope', 'login_required'],
		errors: [
			{ code: 'access_denied', status: null, vendor: 'okta', location: 'authorization', source: 'query', description: 'The resource owner or authorization server denied the request.' },
			{ code: 'login_required', entry: 'oidc.login_required', status: null, vendor: 'entra', location: 'authorization', after: '2) Silent renew' },
			{ code: 'invalid_scope', entry: 'oauth.invalid_scope', status: null, vendor: 'keycloak', description: 'Invalid scopes: openid profile orders:admin' },
			{ code: 'login_required', entry: 'oidc.login_required', status: null, vendor: 'keycloak', location: 'authorization', after: '4) Same user' },
		],
		vendorCodes: { AADSTS50058: 'entra.AADSTS50058' },
		vendors: ['entra', 'keycloak', 'okta'],
		secrets: [],
		check: (text, analysis) => {
			const entra = analysis.messages.find(m => m.vendorCodes.some(v => v.code === 'AADSTS50058'))!;
			assert.equal(entra.errors[0].uri, 'https://login.microsoftonline.com/error?code=50058');
			assert.ok(entra.errors[0].description?.startsWith('AADSTS50058: A silent sign-in request was sent but no user is signed in.'));
			const working = text.indexOf('5) Working login');
			assert.deepEqual(analysis.messages.filter(m => m.span.end > working), [], 'the working callback is reported');
		},
	},
	{
		file: 'slack-oauth-v2-access.txt',
		errorCodes: ['invalid_code'],
		errors: [{ code: 'invalid_code', entry: 'slack.invalid_code', status: 200, vendor: 'slack', location: 'token' }],
		vendors: ['slack'],
		findings: [{ rule: RuleId.errorWith200, count: 1, severity: 'information' }],
		secrets: [{ value: 'xoxb-534151877735-0622317618908-Fd6xryaiPHwZ41A7iXjqloWX', kind: ['slack_token', 'access_token'] }],
		mayFlag: ['2584913260417.7836221940583.5c8b1f0e3d9a27b64e1c0d5f8a3b6e92c7d4f1a0b9e8c5d2f3a6b7c8d9e0f1a2'],
	},
	{
		file: 'token-success-with-secrets.http',
		errorCodes: [],
		errors: [],
		vendors: [],
		findings: [{ rule: RuleId.missingNoStore, count: 1 }],
		secrets: [
			{ value: 'SplxlOBeZQQYbYS6WxSbIA', kind: 'authorization_code' },
			{ value: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', kind: 'code_verifier' },
			{ value: 's%3Av0%3A4d0c8e2a-6b1f-4a3e-9c7d-2f5e8b1a0c64.Zk3mQ9vX2bN7pL4rT8wY1cF6hJ0dS5gA', kind: 'cookie' },
			{ value: 'eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImV4YW1wbGUta2V5LTEifQ', kind: 'access_token' },
			{ value: 'sz6w4QEssLX1FXngVQIRLiBicSrVl56FVzXXaRNZCn-XkOZkO73baBLaogaW2_gx', kind: 'refresh_token' },
			{ value: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImV4YW1wbGUta2V5LTEifQ', kind: 'id_token', after: '"id_token"' },
		],
		check: (text, analysis) => {
			assert.deepEqual(analysis.messages.flatMap(m => m.errors), []);
			const last = analysis.messages.find(m => m.span.start === text.lastIndexOf('HTTP/1.1 200 OK'));
			assert.ok(last, 'the API response is not parsed');
			assert.deepEqual([last.errors, last.findings, last.secrets], [[], [], []]);
		},
	},
];

function read(file: string): string {
	return fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
}

function from(text: string, after: string | undefined): number {
	if (after === undefined) return 0;
	const at = text.indexOf(after);
	assert.ok(at >= 0, `anchor ${JSON.stringify(after)} not in the file`);
	return at;
}

function checkError(text: string, analysis: Analysis, e: ErrorExpectation): void {
	const start = from(text, e.after);
	const hit = errorMentions(analysis).find(x => x.error.code === e.code && x.error.span.start >= start);
	assert.ok(hit, `no ${e.code} after ${JSON.stringify(e.after ?? 'the start')}`);
	const { error, message } = hit;
	const where = `${e.code} at ${error.span.start}`;
	assert.equal(text.slice(error.span.start, error.span.end), e.code, `${where}: span`);
	if (e.entry !== undefined) assert.equal(error.entry?.id, e.entry, `${where}: entry`);
	if (e.status !== undefined) assert.equal(message.status, e.status, `${where}: status`);
	if (e.vendor !== undefined) assert.equal(message.vendor, e.vendor, `${where}: vendor`);
	if (e.location !== undefined) assert.equal(message.location, e.location, `${where}: location`);
	if (e.description !== undefined) assert.equal(error.description, e.description, `${where}: description`);
	if (e.source !== undefined) assert.equal(error.source, e.source, `${where}: source`);
}

function checkFinding(text: string, analysis: Analysis, f: FindingExpectation): void {
	const start = from(text, f.after);
	const hits = analysis.messages.flatMap(m => m.findings).filter(x => x.rule === f.rule && x.span.start >= start && (f.entryId === undefined || x.entryId === f.entryId));
	const label = `${f.rule}${f.entryId ? ` (${f.entryId})` : ''}${f.after ? ` after ${JSON.stringify(f.after)}` : ''}`;
	if (f.count !== undefined) assert.equal(hits.length, f.count, `${label}: count`);
	else assert.ok(hits.length > 0, `${label}: missing`);
	if (f.severity) assert.equal(hits[0].severity, f.severity, `${label}: severity`);
	if (f.says) assert.ok(hits[0].message.includes(f.says), `${label}: "${hits[0].message}" does not say ${f.says}`);
}

function secretSpans(analysis: Analysis): Array<{ kind: SecretKind; start: number; end: number }> {
	return analysis.messages.flatMap(m => m.secrets);
}

function checkSecrets(text: string, analysis: Analysis, example: Example): void {
	const spans = secretSpans(analysis);
	for (const s of example.secrets ?? []) {
		const at = text.indexOf(s.value, from(text, s.after));
		assert.ok(at >= 0, `secret ${s.value.slice(0, 12)}… not in the file`);
		const covering = spans.find(x => x.start <= at && x.end >= at + s.value.length);
		assert.ok(covering, `secret ${s.value.slice(0, 12)}… at ${at} is not detected`);
		const kinds = s.kind === undefined ? undefined : ([] as SecretKind[]).concat(s.kind);
		if (kinds) assert.ok(kinds.includes(covering.kind), `secret ${s.value.slice(0, 12)}…: kind ${covering.kind}, expected ${kinds.join(' or ')}`);
	}
	if (example.openSecrets) return;
	const allowed = [...(example.secrets ?? []).map(s => s.value), ...(example.mayFlag ?? [])];
	const extra = spans.map(s => ({ kind: s.kind, value: text.slice(s.start, s.end) })).filter(s => !allowed.some(v => v.includes(s.value) || s.value.includes(v)));
	assert.deepEqual(extra, [], 'values flagged as secrets that are not');
}

function checkExplanation(text: string, analysis: Analysis, x: ExplainExpectation): void {
	const start = from(text, x.after);
	const message = analysis.messages.find(m => m.errors.some(e => e.code === x.code && e.span.start >= start) || m.vendorCodes.some(v => v.code === x.code && v.span.start >= start));
	assert.ok(message, `no message with ${x.code}`);
	const explanation = explainMessage(text, message);
	assert.ok(explanation.headline.includes(x.code) || explanation.codes.includes(x.code), `headline "${explanation.headline}" is not about ${x.code}`);
	const said = [explanation.cause ?? '', ...explanation.steps].join('\n');
	assert.match(said, x.says, `explanation of ${x.code} (cause: ${explanation.cause}) does not match ${x.says}`);
}

const distinct = (values: string[]) => [...new Set(values)].sort();

suite('examples/: what EXPECTED.md lists', () => {
	test('every example file has a row here', () => {
		const files = fs.readdirSync(EXAMPLES).filter(f => f !== 'EXPECTED.md').sort();
		assert.deepEqual([...examples.map(e => e.file), 'no-errors.http'].sort(), files);
	});

	for (const example of examples) {
		suite(example.file, () => {
			let text: string;
			let analysis: Analysis;
			suiteSetup(() => {
				text = read(example.file);
				analysis = analyze(text);
			});

			test('error codes and their entries, statuses, vendors', () => {
				assert.deepEqual(distinct(errorMentions(analysis).map(x => x.error.code)), [...example.errorCodes].sort());
				for (const e of example.errors) checkError(text, analysis, e);
			});

			test('vendor codes', () => {
				const found = vendorMentions(analysis).map(x => [x.vendorCode.code, x.vendorCode.entry?.id ?? null] as const);
				assert.deepEqual(distinct(found.map(([code, entry]) => `${code} → ${entry}`)), distinct(Object.entries(example.vendorCodes ?? {}).map(([code, entry]) => `${code} → ${entry}`)));
			});

			test('vendors', () => {
				assert.deepEqual(distinct(analysis.messages.map(m => m.vendor).filter((v): v is string => v !== null)), [...example.vendors].sort());
			});

			if (example.findings || example.absentRules) {
				test('findings', () => {
					for (const f of example.findings ?? []) checkFinding(text, analysis, f);
					const rules = analysis.messages.flatMap(m => m.findings.map(f => f.rule));
					for (const rule of example.absentRules ?? []) assert.ok(!rules.includes(rule), `unexpected ${rule}`);
				});
			}

			test('secrets', () => checkSecrets(text, analysis, example));

			if (example.explain) {
				test('explanations', () => {
					for (const x of example.explain!) checkExplanation(text, analysis, x);
				});
			}

			if (example.check) test('details', () => example.check!(text, analysis));
		});
	}

	test('no-errors.http: nothing is reported', () => {
		const text = read('no-errors.http');
		const analysis = analyze(text);
		assert.ok(analysis.messages.length >= 6, 'the requests and responses are parsed');
		const reported = (m: HttpMessage) => [m.errors, m.vendorCodes, m.findings, m.secrets].some(list => list.length > 0);
		assert.deepEqual(analysis.messages.filter(reported).map(m => text.slice(m.span.start, m.span.start + 40)), []);
		assert.match(renderReport(text, analysis.messages), /No OAuth or OpenID Connect error, HTTP error response or secret was found/);
	});
});

suite('examples/: redaction leaves no secret', () => {
	for (const file of fs.readdirSync(EXAMPLES).filter(f => f !== 'EXPECTED.md').sort()) {
		test(file, () => {
			const text = read(file);
			const analysis = analyze(text);
			const expected = examples.find(e => e.file === file)?.secrets?.map(s => s.value) ?? [];
			const values = [...new Set([...secretSpans(analysis).map(s => text.slice(s.start, s.end)), ...expected])];
			const redacted = redact(text);
			assert.deepEqual(secretSpans(analyze(redacted)).map(s => [s.kind, redacted.slice(s.start, s.end)]), [], 'secrets left after redact()');
			for (const value of values) assert.ok(!redacted.includes(value), `redact() kept ${value.slice(0, 12)}…`);
			const report = renderReport(text, analysis.messages);
			for (const value of values) assert.ok(!report.includes(value), `the report shows ${value.slice(0, 12)}…`);
		});
	}
});
