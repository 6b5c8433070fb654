import * as assert from 'node:assert/strict';
import { analyze, RuleId, type Finding, type Severity } from '../../src/core';
import { applyEdits, spanOf } from './rulesUtil';

type Rule = typeof RuleId[keyof typeof RuleId];

/** One expected finding; its span is `at` in the input (after `after`, skipping `nth` matches). */
interface Expected {
	severity: Severity;
	at: string;
	after?: string;
	nth?: number;
	entryId?: string;
	/** Texts of the preferred fix's edits, in the engine's order; a RegExp for snippets. */
	edits?: Array<string | RegExp>;
	snippet?: boolean;
	/** The whole input after applying the preferred fix. */
	fixed?: string;
}

interface Row {
	rule: Rule;
	name: string;
	input: string;
	/** Every finding of `rule` in the input; empty for a negative case. */
	expected: Expected[];
}

const lines = (...parts: string[]): string => parts.join('\n');
const response = (status: string, headers: string[], body: string): string => lines(`HTTP/1.1 ${status}`, ...headers, '', body);
const jsonError = (status: string, body: string): string => response(status, ['Content-Type: application/json'], body);
const AS = 'https://as.example.com/oauth2/token';
const tokenPost = (headers: string[], body: string): string => lines(`POST ${AS} HTTP/1.1`, ...headers, '', body);
const formPost = (body: string): string => tokenPost(['Content-Type: application/x-www-form-urlencoded'], body);
const STATUS = 'HTTP/1.1 ';

const ENTRA_BODY = JSON.stringify({
	error: 'invalid_client',
	error_description: 'AADSTS7000215: Invalid client secret provided.',
	error_codes: [7000215],
	trace_id: '0a1b2c3d-1111-2222-3333-444455556666',
	correlation_id: '9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff',
});

const GET_TOKEN = `GET ${AS}?grant_type=client_credentials&client_id=app HTTP/1.1\nHost: as.example.com\n`;
const JSON_TOKEN = tokenPost(['Content-Type: application/json'], '{"grant_type": "client_credentials", "client_id": "app", "scope": "orders.read"}');
const JSON_TOKEN_NO_TYPE = tokenPost(['Host: as.example.com'], '{"grant_type":"client_credentials","client_id":"app"}');
const NO_GRANT = formPost('client_id=app&scope=read');
const GRANT_TYPO = formPost('grant_type=authorization_cod&code=Qx8vK2mN7pL4&redirect_uri=https://app.example.com/cb&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
const NO_CODE = formPost('grant_type=authorization_code&redirect_uri=https://app.example.com/cb&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
const NO_VERIFIER = formPost('grant_type=authorization_code&code=Qx8vK2mN7pL4&redirect_uri=https://app.example.com/cb');
const NO_REFRESH = formPost('grant_type=refresh_token&client_id=app');
const NO_DEVICE_CODE = formPost('grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=app');
const BASIC_AND_SECRET = tokenPost(['Authorization: Basic YXBwOnMzY3IzdA==', 'Content-Type: application/x-www-form-urlencoded'], 'grant_type=client_credentials&client_secret=s3cr3tValue99&scope=read');
const BASIC_AND_SECRET_LAST = tokenPost(['Authorization: Basic YXBwOnMzY3IzdA==', 'Content-Type: application/x-www-form-urlencoded'], 'grant_type=client_credentials&client_secret=s3cr3tValue99');
const SECRET_IN_QUERY = lines(`POST ${AS}?client_id=app&client_secret=9b71e65258fcb70274b674354b9c61ed HTTP/1.1`, 'Content-Type: application/x-www-form-urlencoded', '', 'grant_type=client_credentials');
const TOKEN_RESPONSE = response('200 OK', ['Content-Type: application/json'], '{"access_token":"AbCdEf0123456789xyz","token_type":"Bearer","expires_in":3600}');
const FORM_TYPE = 'application/x-www-form-urlencoded';
const jsonPost = (target: string, body: string, headers: string[] = []): string => lines(`POST ${target} HTTP/1.1`, ...headers, 'Content-Type: application/json', '', body);
const IMDS_GET = lines('GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net', 'Metadata: true', '');
const IMDS_PAIR = lines(IMDS_GET, response('200 OK', ['Content-Type: application/json'], '{"access_token":"AbCdEf0123456789xyz","expires_in":"86398","token_type":"Bearer"}'));
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const NEST_404 = lines('GET http://localhost:3000/api/v1/orderz?limit=10', 'Accept: application/json', '', response('404 Not Found', ['Content-Type: application/json'], '{"message":"Cannot GET /api/v1/orderz?limit=10","error":"Not Found","statusCode":404}'));
const SPRING_500 = response('500 ', ['Content-Type: application/json'], '{"timestamp":"2025-10-14T08:22:31.120+00:00","status":500,"error":"Internal Server Error","path":"/api/cart/summary"}');
const COUCH_404 = response('404 Object Not Found', ['Content-Type: application/json', 'Server: CouchDB/3.4.2 (Erlang OTP/25)'], '{"error":"not_found","reason":"missing"}');
const SNIPPET_GRANT = /^grant_type=\$\{1\|[^}]*authorization_code[^}]*client_credentials[^}]*\|\}&$/;

const rows: Row[] = [
	// recognized-error
	{
		rule: RuleId.recognizedError, name: 'invalid_grant in a JSON error body', input: jsonError('400 Bad Request', '{"error":"invalid_grant","error_description":"Code expired"}'),
		expected: [{ severity: 'error', at: 'invalid_grant', entryId: 'oauth.invalid_grant' }],
	},
	{
		rule: RuleId.recognizedError, name: 'authorization_pending is information', input: jsonError('400 Bad Request', '{"error":"authorization_pending"}'),
		expected: [{ severity: 'information', at: 'authorization_pending', entryId: 'oauth.authorization_pending' }],
	},
	{
		rule: RuleId.recognizedError, name: 'slow_down is information', input: jsonError('400 Bad Request', '{"error":"slow_down"}'),
		expected: [{ severity: 'information', at: 'slow_down', entryId: 'oauth.slow_down' }],
	},
	{ rule: RuleId.recognizedError, name: 'an unknown code is not recognised', input: jsonError('400 Bad Request', '{"error":"invalid_grand"}'), expected: [] },
	{ rule: RuleId.recognizedError, name: 'CouchDB not_found is not the OpenID Federation code', input: COUCH_404, expected: [] },
	{
		rule: RuleId.recognizedError, name: 'not_found with federation context is the OpenID Federation code',
		input: jsonError('404 Not Found', '{"error":"not_found","error_description":"Entity https://rp.example.com is not a subordinate of this authority"}'),
		expected: [{ severity: 'error', at: 'not_found', entryId: 'federation.not_found' }],
	},

	// vendor-code
	{
		rule: RuleId.vendorCode, name: 'AADSTS code on its own is an error', input: 'AADSTS50011: The redirect URI \'https://app.example.com/cb\' specified in the request does not match.',
		expected: [{ severity: 'error', at: 'AADSTS50011', entryId: 'entra.AADSTS50011' }],
	},
	{
		rule: RuleId.vendorCode, name: 'AADSTS code next to an OAuth error is information',
		input: jsonError('400 Bad Request', '{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity."}'),
		expected: [{ severity: 'information', at: 'AADSTS70008', entryId: 'entra.AADSTS70008' }],
	},
	{ rule: RuleId.vendorCode, name: 'no vendor code in a plain OAuth error', input: jsonError('400 Bad Request', '{"error":"invalid_grant"}'), expected: [] },

	// http-status
	{ rule: RuleId.httpStatus, name: '503 with no body', input: 'HTTP/1.1 503 Service Unavailable\n', expected: [{ severity: 'warning', at: '503' }] },
	{ rule: RuleId.httpStatus, name: 'not when the body has a recognised code', input: jsonError('400 Bad Request', '{"error":"invalid_grant"}'), expected: [] },
	{ rule: RuleId.httpStatus, name: 'not for 200', input: 'HTTP/1.1 200 OK\nContent-Type: text/plain\n\nhello', expected: [] },
	{ rule: RuleId.httpStatus, name: 'NestJS 404 of an API route is information', input: NEST_404, expected: [{ severity: 'information', at: '404', after: STATUS }] },
	{ rule: RuleId.httpStatus, name: 'Spring Boot 500 body is information', input: SPRING_500, expected: [{ severity: 'information', at: '500', after: STATUS }] },
	{ rule: RuleId.httpStatus, name: 'CouchDB 404 falls back to the status, as information', input: COUCH_404, expected: [{ severity: 'information', at: '404', after: STATUS }] },
	{
		rule: RuleId.httpStatus, name: '404 from the token endpoint is a warning',
		input: lines(formPost('grant_type=client_credentials'), '', response('404 Not Found', ['Content-Type: text/html'], '<html><body>Not Found</body></html>')),
		expected: [{ severity: 'warning', at: '404', after: STATUS }],
	},
	{
		rule: RuleId.httpStatus, name: '403 with a Bearer challenge is a warning',
		input: response('403 Forbidden', ['WWW-Authenticate: Bearer realm="api"', 'Content-Type: application/json'], '{"message":"denied"}'),
		expected: [{ severity: 'warning', at: '403', after: STATUS }],
	},

	// unknown-code
	{
		rule: RuleId.unknownCode, name: 'invalid_grand suggests invalid_grant', input: jsonError('400 Bad Request', '{"error":"invalid_grand"}'),
		expected: [{
			severity: 'warning', at: 'invalid_grand', edits: ['invalid_grant'],
			fixed: jsonError('400 Bad Request', '{"error":"invalid_grant"}'),
		}],
	},
	{ rule: RuleId.unknownCode, name: 'known code', input: jsonError('400 Bad Request', '{"error":"invalid_grant"}'), expected: [] },
	{ rule: RuleId.unknownCode, name: 'NestJS reason phrase in "error"', input: NEST_404, expected: [] },
	{ rule: RuleId.unknownCode, name: 'Spring Boot reason phrase in "error"', input: SPRING_500, expected: [] },
	{ rule: RuleId.unknownCode, name: 'NestJS one-word reason phrase in "error"', input: jsonError('403 Forbidden', '{"statusCode":403,"message":"Forbidden resource","error":"Forbidden"}'), expected: [] },
	{ rule: RuleId.unknownCode, name: 'errorCode SUCCESS', input: '{\n  "errorCode": "SUCCESS",\n  "msg": "ok",\n  "data": {"id": 7781}\n}', expected: [] },
	{ rule: RuleId.unknownCode, name: 'nested errorCode Success (Azure Monitor)', input: '{"cost":0,"value":[{"id":"/subscriptions/x/metrics/Requests","unit":"Count","errorCode":"Success"}],"namespace":"Microsoft.Web/sites"}', expected: [] },
	{ rule: RuleId.unknownCode, name: 'CouchDB not_found without federation context', input: COUCH_404, expected: [] },
	{ rule: RuleId.unknownCode, name: 'errorCode that names a failure', input: jsonError('400 Bad Request', '{"errorCode":"ACCOUNT_LOCKED_OUT","message":"Too many attempts"}'), expected: [{ severity: 'warning', at: 'ACCOUNT_LOCKED_OUT' }] },
	{
		rule: RuleId.unknownCode, name: 'an RFC 6749 error object keeps its code whatever its shape',
		input: jsonError('400 Bad Request', '{"error":"Bad Thing","error_description":"Something broke"}'), expected: [{ severity: 'warning', at: 'Bad Thing' }],
	},

	// status-mismatch
	{
		rule: RuleId.statusMismatch, name: 'invalid_grant with 401', input: response('401 Unauthorized', ['Content-Type: application/json', 'WWW-Authenticate: Basic realm="as"'], '{"error":"invalid_grant"}'),
		expected: [{ severity: 'warning', at: '401', after: STATUS, entryId: 'oauth.invalid_grant' }],
	},
	{ rule: RuleId.statusMismatch, name: 'invalid_grant with 400', input: jsonError('400 Bad Request', '{"error":"invalid_grant"}'), expected: [] },

	// error-with-200
	{ rule: RuleId.errorWith200, name: 'generic server', input: jsonError('200 OK', '{"error":"invalid_grant"}'), expected: [{ severity: 'warning', at: '200', after: STATUS }] },
	{
		rule: RuleId.errorWith200, name: 'GitHub does it on purpose',
		input: response('200 OK', ['Server: GitHub.com', 'Content-Type: application/json'], '{"error":"bad_verification_code","error_uri":"https://docs.github.com/apps/troubleshooting"}'),
		expected: [{ severity: 'information', at: '200', after: STATUS }],
	},
	{ rule: RuleId.errorWith200, name: 'error with 400', input: jsonError('400 Bad Request', '{"error":"invalid_grant"}'), expected: [] },

	// missing-www-authenticate
	{ rule: RuleId.missingWwwAuthenticate, name: '401 with headers but no challenge', input: jsonError('401 Unauthorized', '{"error":"invalid_client"}'), expected: [{ severity: 'warning', at: '401', after: STATUS }] },
	{
		rule: RuleId.missingWwwAuthenticate, name: '401 with a challenge',
		input: response('401 Unauthorized', ['WWW-Authenticate: Basic realm="as"', 'Content-Type: application/json'], '{"error":"invalid_client"}'), expected: [],
	},
	{ rule: RuleId.missingWwwAuthenticate, name: 'a bare status line (no headers pasted)', input: 'HTTP/1.1 401 Unauthorized\n', expected: [] },

	// malformed-challenge
	{
		rule: RuleId.malformedChallenge, name: 'comma right after the scheme', input: response('401 Unauthorized', ['WWW-Authenticate: Bearer, error="invalid_token"'], ''),
		expected: [{ severity: 'warning', at: ',', after: 'WWW-Authenticate: Bearer' }],
	},
	{ rule: RuleId.malformedChallenge, name: 'well-formed challenge', input: response('401 Unauthorized', ['WWW-Authenticate: Bearer error="invalid_token"'], ''), expected: [] },

	// content-type-mismatch
	{
		rule: RuleId.contentTypeMismatch, name: 'JSON body labelled text/plain', input: response('400 Bad Request', ['Content-Type: text/plain'], '{"error":"invalid_request"}'),
		expected: [{ severity: 'warning', at: 'text/plain' }],
	},
	{ rule: RuleId.contentTypeMismatch, name: 'JSON body labelled application/json', input: jsonError('400 Bad Request', '{"error":"invalid_request"}'), expected: [] },

	// error-not-json
	{
		rule: RuleId.errorNotJson, name: 'form-encoded token error from a generic server',
		input: lines(formPost('grant_type=client_credentials'), '', response('400 Bad Request', [`Content-Type: ${FORM_TYPE}`], 'error=invalid_request&error_description=Missing+scope')),
		expected: [{ severity: 'warning', at: 'error=invalid_request&error_description=Missing+scope' }],
	},
	{
		rule: RuleId.errorNotJson, name: 'plain-text body', input: response('400 Bad Request', ['Content-Type: text/plain'], 'invalid_client'),
		expected: [{ severity: 'warning', at: 'invalid_client' }],
	},
	{
		rule: RuleId.errorNotJson, name: 'GitHub form answer is information',
		input: response('200 OK', ['Server: GitHub.com', `Content-Type: ${FORM_TYPE}; charset=utf-8`], 'error=bad_verification_code&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps'),
		expected: [{ severity: 'information', at: 'error=bad_verification_code&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps' }],
	},
	{ rule: RuleId.errorNotJson, name: 'JSON error', input: jsonError('400 Bad Request', '{"error":"invalid_request"}'), expected: [] },

	// missing-no-store
	{ rule: RuleId.missingNoStore, name: 'token response without Cache-Control', input: TOKEN_RESPONSE, expected: [{ severity: 'warning', at: 'HTTP/1.1 200 OK' }] },
	{
		rule: RuleId.missingNoStore, name: 'token response with Cache-Control: no-store',
		input: response('200 OK', ['Content-Type: application/json', 'Cache-Control: no-store'], '{"access_token":"AbCdEf0123456789xyz","token_type":"Bearer"}'), expected: [],
	},
	{ rule: RuleId.missingNoStore, name: 'Azure IMDS answer to its request', input: IMDS_PAIR, expected: [] },
	{
		rule: RuleId.missingNoStore, name: 'GCP metadata server answer (Metadata-Flavor)',
		input: response('200 OK', ['Metadata-Flavor: Google', 'Content-Type: application/json'], '{"access_token":"AbCdEf0123456789xyz","expires_in":3599,"token_type":"Bearer"}'), expected: [],
	},
	{
		rule: RuleId.missingNoStore, name: 'token response to an OAuth token request',
		input: lines(formPost('grant_type=client_credentials'), '', TOKEN_RESPONSE), expected: [{ severity: 'warning', at: 'HTTP/1.1 200 OK' }],
	},

	// invalid-error-chars
	{
		rule: RuleId.invalidErrorChars, name: 'non-ASCII code and a quote in the description',
		input: jsonError('400 Bad Request', '{"error":"ungültig","error_description":"Der Code ist \\"abgelaufen\\""}'),
		expected: [{ severity: 'warning', at: 'ungültig' }, { severity: 'hint', at: 'Der Code ist \\"abgelaufen\\"' }],
	},
	{ rule: RuleId.invalidErrorChars, name: 'printable ASCII only', input: jsonError('400 Bad Request', '{"error":"invalid_request","error_description":"Missing scope"}'), expected: [] },

	// problem-status-mismatch
	{
		rule: RuleId.problemStatusMismatch, name: 'status 400 in a 401 problem',
		input: response('401 Unauthorized', ['Content-Type: application/problem+json', 'WWW-Authenticate: Bearer'], '{"type":"about:blank","title":"Bad Request","status":400,"detail":"nope"}'),
		expected: [{ severity: 'warning', at: '400', after: '"status":' }],
	},
	{
		rule: RuleId.problemStatusMismatch, name: 'matching status',
		input: response('401 Unauthorized', ['Content-Type: application/problem+json', 'WWW-Authenticate: Bearer'], '{"type":"about:blank","title":"Unauthorized","status":401}'), expected: [],
	},

	// secret-exposed
	{
		rule: RuleId.secretExposed, name: 'access token in a token response', input: TOKEN_RESPONSE,
		expected: [{
			severity: 'warning', at: 'AbCdEf0123456789xyz', edits: ['«redacted:access_token»'],
			fixed: TOKEN_RESPONSE.replace('AbCdEf0123456789xyz', '«redacted:access_token»'),
		}],
	},
	{
		rule: RuleId.secretExposed, name: 'template variable', input: response('200 OK', ['Content-Type: application/json', 'Cache-Control: no-store'], '{"access_token":"{{token}}"}'),
		expected: [],
	},

	// polling-advice
	{ rule: RuleId.pollingAdvice, name: 'authorization_pending', input: jsonError('400 Bad Request', '{"error":"authorization_pending"}'), expected: [{ severity: 'information', at: 'authorization_pending', entryId: 'oauth.authorization_pending' }] },
	{ rule: RuleId.pollingAdvice, name: 'slow_down', input: jsonError('400 Bad Request', '{"error":"slow_down"}'), expected: [{ severity: 'information', at: 'slow_down', entryId: 'oauth.slow_down' }] },
	{ rule: RuleId.pollingAdvice, name: 'not for other errors', input: jsonError('400 Bad Request', '{"error":"expired_token"}'), expected: [] },

	// support-ids
	{ rule: RuleId.supportIds, name: 'Entra trace_id and correlation_id', input: jsonError('401 Unauthorized', ENTRA_BODY), expected: [{ severity: 'information', at: '0a1b2c3d-1111-2222-3333-444455556666' }] },
	{ rule: RuleId.supportIds, name: 'no ids', input: jsonError('400 Bad Request', '{"error":"invalid_client"}'), expected: [] },
	{ rule: RuleId.supportIds, name: 'a request id in a 200 success envelope', input: jsonError('200 OK', '{"requestId":"b7c2e1f0-4d3a-4e8b-9c1f-2a3b4c5d6e7f","code":0,"message":"success"}'), expected: [] },
	{ rule: RuleId.supportIds, name: 'a request_id in a pasted success body', input: '{"expiration":"2025-10-14T14:12:40Z","link_token":"link-sandbox-4f1c","request_id":"Xk2u9Wq1Vb7Tn3M"}', expected: [] },
	{ rule: RuleId.supportIds, name: 'a request id in a 500', input: jsonError('500 Internal Server Error', '{"requestId":"b7c2e1f0-4d3a-4e8b-9c1f-2a3b4c5d6e7f","message":"boom"}'), expected: [{ severity: 'information', at: 'b7c2e1f0-4d3a-4e8b-9c1f-2a3b4c5d6e7f' }] },
	{
		rule: RuleId.supportIds, name: 'a pasted problem whose status is an error',
		input: '{"type":"about:blank","title":"Service Unavailable","status":503,"traceId":"00-de61877dd04ebafff7c1676b5b6e9532-5debd224217a8b45-00"}',
		expected: [{ severity: 'information', at: '00-de61877dd04ebafff7c1676b5b6e9532-5debd224217a8b45-00' }],
	},

	// token-request-get
	{
		rule: RuleId.tokenRequestGet, name: 'GET to /oauth2/token', input: GET_TOKEN,
		expected: [{ severity: 'error', at: 'GET', edits: ['POST'], fixed: `POST${GET_TOKEN.slice(3)}` }],
	},
	{ rule: RuleId.tokenRequestGet, name: 'POST to /oauth2/token', input: formPost('grant_type=client_credentials'), expected: [] },
	{ rule: RuleId.tokenRequestGet, name: 'GET to /userinfo', input: 'GET https://as.example.com/userinfo HTTP/1.1\nAuthorization: Bearer {{token}}\n', expected: [] },
	{ rule: RuleId.tokenRequestGet, name: 'GET to /oauth2/token without parameters', input: `GET ${AS} HTTP/1.1\nHost: as.example.com\n`, expected: [{ severity: 'error', at: 'GET' }] },
	{ rule: RuleId.tokenRequestGet, name: 'GET to /api/token/refresh with a grant', input: 'GET https://legacy.example.com/api/token/refresh?grant_type=refresh_token&refresh_token={{rt}} HTTP/1.1\n', expected: [{ severity: 'error', at: 'GET' }] },
	{ rule: RuleId.tokenRequestGet, name: 'Azure IMDS (Metadata: true)', input: IMDS_GET, expected: [] },
	{ rule: RuleId.tokenRequestGet, name: 'GCP metadata server (Metadata-Flavor)', input: 'GET http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token\nMetadata-Flavor: Google\n', expected: [] },
	{ rule: RuleId.tokenRequestGet, name: 'Docker registry token service', input: 'GET https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/alpine:pull HTTP/1.1\nHost: auth.docker.io\n', expected: [] },
	{ rule: RuleId.tokenRequestGet, name: 'Vault token lookup', input: 'GET https://vault.example.com:8200/v1/auth/token/lookup-self\nX-Vault-Token: {{childToken}}\n', expected: [] },

	// token-request-not-form
	{
		rule: RuleId.tokenRequestNotForm, name: 'JSON body with Content-Type: application/json', input: JSON_TOKEN,
		expected: [{
			severity: 'error', at: '{"grant_type": "client_credentials", "client_id": "app", "scope": "orders.read"}', edits: ['grant_type=client_credentials&client_id=app&scope=orders.read', FORM_TYPE],
			fixed: tokenPost([`Content-Type: ${FORM_TYPE}`], 'grant_type=client_credentials&client_id=app&scope=orders.read'),
		}],
	},
	{
		rule: RuleId.tokenRequestNotForm, name: 'JSON body without Content-Type gets one', input: JSON_TOKEN_NO_TYPE,
		expected: [{
			severity: 'error', at: '{"grant_type":"client_credentials","client_id":"app"}',
			edits: ['grant_type=client_credentials&client_id=app', `\nContent-Type: ${FORM_TYPE}`],
			fixed: tokenPost([`Content-Type: ${FORM_TYPE}`, 'Host: as.example.com'], 'grant_type=client_credentials&client_id=app'),
		}],
	},
	{ rule: RuleId.tokenRequestNotForm, name: 'form body', input: formPost('grant_type=client_credentials&client_id=app'), expected: [] },
	{
		rule: RuleId.tokenRequestNotForm, name: 'JSON grant to a token path that is not the last segment',
		input: jsonPost('https://legacy.example.com/api/token/refresh', '{"grant_type":"refresh_token","refresh_token":"{{rt}}"}'), expected: [{ severity: 'error', at: '{"grant_type":"refresh_token","refresh_token":"{{rt}}"}' }],
	},
	{ rule: RuleId.tokenRequestNotForm, name: 'simplejwt login (/api/token/)', input: jsonPost('http://localhost:8000/api/token/', '{"username": "dana", "password": "{{password}}"}'), expected: [] },
	{ rule: RuleId.tokenRequestNotForm, name: 'simplejwt refresh (/api/token/refresh/)', input: jsonPost('http://localhost:8000/api/token/refresh/', '{"refresh": "{{refresh}}"}'), expected: [] },
	{
		rule: RuleId.tokenRequestNotForm, name: 'Kubernetes TokenRequest',
		input: jsonPost('https://k8s.example.com:6443/api/v1/namespaces/ci/serviceaccounts/deployer/token', '{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":3600}}'), expected: [],
	},
	{ rule: RuleId.tokenRequestNotForm, name: 'Vault token create', input: jsonPost('https://vault.example.com:8200/v1/auth/token/create', '{"policies":["ci"],"ttl":"1h"}'), expected: [] },
	{ rule: RuleId.tokenRequestNotForm, name: 'Plaid link token', input: jsonPost('https://sandbox.plaid.com/link/token/create', '{"client_id":"{{id}}","secret":"{{secret}}","client_name":"Budget"}'), expected: [] },
	{ rule: RuleId.tokenRequestNotForm, name: 'GitHub token check', input: jsonPost('https://api.github.com/applications/{{ghClientId}}/token', '{"access_token":"{{userToken}}"}', ['Authorization: Basic {{basic}}']), expected: [] },
	{
		rule: RuleId.tokenRequestNotForm, name: 'Auth0 documents JSON token requests',
		input: jsonPost('https://tenant.eu.auth0.com/oauth/token', '{"client_id":"{{id}}","client_secret":"{{secret}}","audience":"https://api.example.com","grant_type":"client_credentials"}'), expected: [],
	},

	// missing-grant-type
	{
		rule: RuleId.missingGrantType, name: 'no grant_type', input: NO_GRANT,
		expected: [{ severity: 'error', at: 'client_id=app&scope=read', edits: [SNIPPET_GRANT], snippet: true }],
	},
	{ rule: RuleId.missingGrantType, name: 'grant_type present', input: formPost('grant_type=client_credentials&scope=read'), expected: [] },

	// unknown-grant-type
	{
		rule: RuleId.unknownGrantType, name: 'authorization_cod', input: GRANT_TYPO,
		expected: [{ severity: 'error', at: 'authorization_cod', edits: ['authorization_code'], fixed: GRANT_TYPO.replace('authorization_cod&', 'authorization_code&') }],
	},
	{ rule: RuleId.unknownGrantType, name: 'authorization_code', input: GRANT_TYPO.replace('authorization_cod&', 'authorization_code&'), expected: [] },
	{ rule: RuleId.unknownGrantType, name: 'OpenID4VCI pre-authorized_code', input: formPost(`grant_type=${PRE_AUTH}&pre-authorized_code={{code}}&tx_code={{tx}}`), expected: [] },
	{
		rule: RuleId.unknownGrantType, name: 'a misspelled registered URI grant is a hint',
		input: formPost('grant_type=urn:ietf:params:oauth:grant-type:device-code&device_code={{dc}}&client_id=app'),
		expected: [{ severity: 'hint', at: 'urn:ietf:params:oauth:grant-type:device-code', edits: ['urn:ietf:params:oauth:grant-type:device_code'] }],
	},
	{
		rule: RuleId.unknownGrantType, name: 'an unregistered urn:ietf grant is a hint',
		input: formPost('grant_type=urn:ietf:params:oauth:grant-type:something-new&client_id=app'),
		expected: [{ severity: 'hint', at: 'urn:ietf:params:oauth:grant-type:something-new' }],
	},
	{ rule: RuleId.unknownGrantType, name: 'a vendor extension grant (absolute URI)', input: formPost('grant_type=http://auth0.com/oauth/grant-type/password-realm&username=u&password={{p}}&realm=db'), expected: [] },

	// missing-parameter
	{
		rule: RuleId.missingParameter, name: 'authorization_code without code is an error', input: NO_CODE,
		expected: [{ severity: 'error', at: 'grant_type=authorization_code', edits: ['&code=${1:code}'], snippet: true, fixed: `${NO_CODE}&code=\${1:code}` }],
	},
	{
		rule: RuleId.missingParameter, name: 'authorization_code without code_verifier is a warning', input: NO_VERIFIER,
		expected: [{ severity: 'warning', at: 'grant_type=authorization_code', edits: ['&code_verifier=${1:code_verifier}'], snippet: true }],
	},
	{
		rule: RuleId.missingParameter, name: 'refresh_token grant without refresh_token', input: NO_REFRESH,
		expected: [{ severity: 'error', at: 'grant_type=refresh_token', edits: ['&refresh_token=${1:refresh_token}'], snippet: true }],
	},
	{
		rule: RuleId.missingParameter, name: 'device_code grant without device_code', input: NO_DEVICE_CODE,
		expected: [{ severity: 'error', at: 'grant_type=urn:ietf:params:oauth:grant-type:device_code', edits: ['&device_code=${1:device_code}'], snippet: true }],
	},
	{ rule: RuleId.missingParameter, name: 'complete authorization_code request', input: GRANT_TYPO.replace('authorization_cod&', 'authorization_code&'), expected: [] },
	{
		rule: RuleId.missingParameter, name: 'pre-authorized_code grant without pre-authorized_code', input: formPost(`grant_type=${PRE_AUTH}&tx_code=1234`),
		expected: [{ severity: 'error', at: `grant_type=${PRE_AUTH}`, edits: ['&pre-authorized_code=${1:pre-authorized_code}'], snippet: true }],
	},

	// multiple-client-auth
	{
		rule: RuleId.multipleClientAuth, name: 'Basic header and client_secret in the body', input: BASIC_AND_SECRET,
		expected: [{ severity: 'error', at: 'client_secret=s3cr3tValue99', edits: [''], fixed: BASIC_AND_SECRET.replace('client_secret=s3cr3tValue99&', '') }],
	},
	{
		rule: RuleId.multipleClientAuth, name: 'client_secret as the last parameter', input: BASIC_AND_SECRET_LAST,
		expected: [{ severity: 'error', at: 'client_secret=s3cr3tValue99', edits: [''], fixed: BASIC_AND_SECRET_LAST.replace('&client_secret=s3cr3tValue99', '') }],
	},
	{
		rule: RuleId.multipleClientAuth, name: 'Basic header only',
		input: tokenPost(['Authorization: Basic YXBwOnMzY3IzdA==', `Content-Type: ${FORM_TYPE}`], 'grant_type=client_credentials&scope=read'), expected: [],
	},

	// secret-in-url
	{
		rule: RuleId.secretInUrl, name: 'client_secret in the query of a POST (fix moves it to the body)', input: SECRET_IN_QUERY,
		expected: [{
			severity: 'error', at: '9b71e65258fcb70274b674354b9c61ed', edits: ['&client_secret=9b71e65258fcb70274b674354b9c61ed', ''],
			fixed: SECRET_IN_QUERY.replace('&client_secret=9b71e65258fcb70274b674354b9c61ed', '').replace('grant_type=client_credentials', 'grant_type=client_credentials&client_secret=9b71e65258fcb70274b674354b9c61ed'),
		}],
	},
	{ rule: RuleId.secretInUrl, name: 'client_secret in the body', input: formPost('grant_type=client_credentials&client_id=app&client_secret=9b71e65258fcb70274b674354b9c61ed'), expected: [] },
];

function findingsOf(input: string, rule: Rule): Finding[] {
	return analyze(input).messages.flatMap(m => m.findings).filter(f => f.rule === rule);
}

suite('rules', () => {
	for (const row of rows) {
		test(`${row.rule}: ${row.name}`, () => {
			const actual = findingsOf(row.input, row.rule);
			assert.deepEqual(
				actual.map(f => ({ severity: f.severity, span: { start: f.span.start, end: f.span.end } })),
				row.expected.map(e => ({ severity: e.severity, span: spanOf(row.input, e.at, e.after, e.nth) })),
			);
			row.expected.forEach((e, i) => {
				const f = actual[i];
				if (e.entryId) assert.equal(f.entryId, e.entryId);
				if (!e.edits) return;
				const fix = f.fixes?.find(x => x.preferred) ?? f.fixes?.[0];
				assert.ok(fix, 'expected a fix');
				assert.equal(fix.edits.length, e.edits.length);
				fix.edits.forEach((edit, k) => {
					const want = e.edits![k];
					if (want instanceof RegExp) assert.match(edit.text, want);
					else assert.equal(edit.text, want);
					assert.equal(edit.snippet ?? false, e.snippet ?? false);
				});
				if (e.fixed !== undefined) assert.equal(applyEdits(row.input, fix.edits), e.fixed);
			});
		});
	}

	test('every rule id has a positive and a negative case', () => {
		for (const rule of Object.values(RuleId)) {
			assert.ok(rows.some(r => r.rule === rule && r.expected.length > 0), `no positive case for ${rule}`);
			assert.ok(rows.some(r => r.rule === rule && r.expected.length === 0), `no negative case for ${rule}`);
		}
	});

	test('applying the missing-grant-type snippet puts grant_type first in the body', () => {
		const [f] = findingsOf(NO_GRANT, RuleId.missingGrantType);
		const fixed = applyEdits(NO_GRANT, f.fixes![0].edits);
		assert.ok(fixed.endsWith('|}&client_id=app&scope=read'), fixed);
		assert.ok(fixed.includes('\n\ngrant_type=${1|'), fixed);
	});

	test('a fixed request no longer triggers its rule', () => {
		for (const [input, rule] of [[GET_TOKEN, RuleId.tokenRequestGet], [JSON_TOKEN, RuleId.tokenRequestNotForm], [GRANT_TYPO, RuleId.unknownGrantType], [BASIC_AND_SECRET, RuleId.multipleClientAuth]] as const) {
			const [f] = findingsOf(input, rule);
			const fixed = applyEdits(input, f.fixes![0].edits);
			assert.deepEqual(findingsOf(fixed, rule), [], `${rule} still reported after its fix:\n${fixed}`);
		}
	});
});
