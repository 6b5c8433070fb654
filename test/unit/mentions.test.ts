import * as assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core';
import { findErrorParams, scanMentions } from '../../src/core/recognize/mentions';
import type { Span } from '../../src/core/types';

const catalog = bundledCatalog();

/** The span of the first occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string): Span {
	const start = text.indexOf(needle);
	assert.ok(start >= 0, `${JSON.stringify(needle)} not in ${JSON.stringify(text)}`);
	return { start, end: start + needle.length };
}

/** One expected mention: its code (located in the input by indexOf) and description. */
interface Mention {
	code: string;
	description?: string;
}

interface Row {
	name: string;
	input: string;
	errors?: Mention[];
	vendorCodes?: Mention[];
}

const rows: Row[] = [
	{
		name: 'openid-client OPError log line',
		input: 'OPError: invalid_grant (grant request is invalid)',
		errors: [{ code: 'invalid_grant', description: 'grant request is invalid' }],
	},
	{
		name: 'AADSTS code with its message',
		input: 'Error: AADSTS700082: The refresh token has expired due to inactivity.',
		vendorCodes: [{ code: 'AADSTS700082', description: 'The refresh token has expired due to inactivity.' }],
	},
	{
		name: 'Spring [invalid_token_response]',
		input: 'org.springframework.security.oauth2.core.OAuth2AuthorizationException: [invalid_token_response] An error occurred while attempting to retrieve the OAuth 2.0 Access Token Response: 401 Unauthorized',
		errors: [{ code: 'invalid_token_response', description: 'An error occurred while attempting to retrieve the OAuth 2.0 Access Token Response: 401 Unauthorized' }],
	},
	{
		name: 'code in a string literal',
		input: "throw new Error('invalid_grant');",
		errors: [{ code: 'invalid_grant' }],
	},
	{
		name: 'Okta E0000 code',
		input: 'E0000011: Invalid token provided',
		vendorCodes: [{ code: 'E0000011', description: 'Invalid token provided' }],
	},
	{
		name: 'MSAL exception and AADSTS code on one line',
		input: 'Caught MsalUiRequiredException: AADSTS50076',
		vendorCodes: [{ code: 'MsalUiRequiredException', description: 'AADSTS50076' }, { code: 'AADSTS50076' }],
	},
	{
		name: 'vendor code in brackets',
		input: '[mfa_required] Multifactor authentication required',
		errors: [{ code: 'mfa_required', description: 'Multifactor authentication required' }],
	},
	{
		name: 'Azure AD B2C code',
		input: 'AADB2C90080: The provided grant has expired. Please re-authenticate and try again.',
		vendorCodes: [{ code: 'AADB2C90080', description: 'The provided grant has expired. Please re-authenticate and try again.' }],
	},
	{
		name: 'MSAL log naming the exception type before a comma',
		input: 'Exception type: Microsoft.Identity.Client.MsalUiRequiredException , ErrorCode: invalid_grant , StatusCode: 400',
		errors: [{ code: 'invalid_grant', description: 'StatusCode: 400' }],
		vendorCodes: [{ code: 'MsalUiRequiredException', description: 'ErrorCode: invalid_grant , StatusCode: 400' }],
	},
	{ name: 'an exception caught in code is not thrown', input: '} catch (MsalUiRequiredException) {' },
	{ name: 'an instanceof test is not thrown', input: 'if (error instanceof InteractionRequiredAuthError) {' },
	{ name: 'a Node inspect dump keys the code as an error', input: "{ ok: false, error: 'invalid_code' }", errors: [{ code: 'invalid_code' }] },
	{
		name: 'oauthlib quotes the code in parentheses after the exception',
		input: 'oauthlib.oauth2.rfc6749.errors.MissingTokenError: (missing_token) Missing access token parameter.',
		errors: [{ code: 'MissingTokenError', description: 'missing_token) Missing access token parameter.' }, { code: 'missing_token', description: 'Missing access token parameter.' }],
	},
	{
		name: "Microsoft Graph's code in a Python dict",
		input: "{'error': {'code': 'InvalidAuthenticationToken', 'message': 'Access token has expired or is not yet valid.'}}",
		vendorCodes: [{ code: 'InvalidAuthenticationToken', description: 'Access token has expired or is not yet valid.' }],
	},
	{
		name: "an exception in a Node inspect dump's name field",
		input: "  name: 'InvalidGrantException',",
		vendorCodes: [{ code: 'InvalidGrantException' }],
	},
	// Generic words: reported only with an error context before them on the line.
	{ name: 'not_found without error context', input: 'the page returned not_found for the route' },
	// not_found is too generic for prose even after "Error:" (a 404 in any log); only structured error fields report it.
	{ name: 'not_found after "Error:" is still not reported', input: 'Error: not_found' },
	{ name: 'server_error after "Error:"', input: 'Error: server_error', errors: [{ code: 'server_error' }] },
	{ name: 'server_error without error context', input: 'the server_error handler runs here' },
	{ name: 'server_error after "failed"', input: 'request failed: server_error', errors: [{ code: 'server_error' }] },
	{ name: 'access_denied as a variable name', input: 'const access_denied = user.roles.length === 0;' },
	{ name: 'access_denied after "OAuth"', input: 'OAuth callback returned access_denied', errors: [{ code: 'access_denied' }] },
	{ name: 'slow_down in brackets counts as context', input: 'poll: [slow_down]', errors: [{ code: 'slow_down' }] },
	// Ordinary prose.
	{ name: 'ordinary prose reports nothing', input: 'The quick brown fox jumps over the lazy dog while refreshing tokens, granting access.' },
	{ name: 'words that contain codes are not codes', input: 'xinvalid_grant and invalid_grants and my_invalid_grant_handler' },
	// Authlete actions are common identifiers: they need their own context word.
	{ name: 'BAD_REQUEST without "action" context', input: 'status BAD_REQUEST returned' },
	{ name: 'BAD_REQUEST with an error context but no action', input: 'error: BAD_REQUEST' },
	{ name: 'BAD_REQUEST after "action:"', input: 'action: BAD_REQUEST returned', vendorCodes: [{ code: 'BAD_REQUEST', description: 'returned' }] },
];

suite('scanMentions', () => {
	for (const row of rows) {
		test(row.name, () => {
			const found = scanMentions(row.input, 0, row.input.length, catalog);
			const errors = found.flatMap((l) => l.errors.map((e) => ({ code: e.code, span: e.span, source: e.source, description: e.description })));
			const vendorCodes = found.flatMap((l) => l.vendorCodes.map((v) => ({ code: v.code, span: v.span, description: v.description })));
			assert.deepEqual(errors, (row.errors ?? []).map((m) => ({ code: m.code, span: spanOf(row.input, m.code), source: 'text', description: m.description })));
			assert.deepEqual(vendorCodes, (row.vendorCodes ?? []).map((m) => ({ code: m.code, span: spanOf(row.input, m.code), description: m.description })));
			for (const l of found) assert.deepEqual(l.line, { start: 0, end: row.input.length });
		});
	}

	test('codes written as documentation are marked inProse; log lines and keyed codes are not', () => {
		const prose = (line: string) => scanMentions(line, 0, line.length, catalog).flatMap((l) => [...l.errors, ...l.vendorCodes]).map((m) => [m.code, m.inProse ?? false]);
		assert.deepEqual(prose('- Treat `invalid_grant` on refresh as a normal logout (#412).'), [['invalid_grant', true]]);
		assert.deepEqual(prose('"enum": ["invalid_request", "invalid_client", "invalid_grant"]'), [['invalid_request', true], ['invalid_client', true], ['invalid_grant', true]]);
		assert.deepEqual(prose('2024-05-01 12:00:00 ERROR refresh failed: invalid_grant'), [['invalid_grant', false]]);
		assert.deepEqual(prose('OPError: invalid_grant (grant request is invalid)'), [['invalid_grant', false]]);
		assert.deepEqual(prose("{ ok: false, error: 'invalid_code' }"), [['invalid_code', false]]);
		assert.deepEqual(prose('AADSTS50076: Due to a configuration change made by your administrator'), [['AADSTS50076', false]]);
		assert.deepEqual(prose('| `AADSTS50076` | MFA is required |'), [['AADSTS50076', true]]);
		// Listings: a YAML translation key, a list of codes, a CSV cell, a metric label, a diagram arrow.
		assert.deepEqual(prose('      invalid_grant: "Your sign-in link has expired."'), [['invalid_grant', true]]);
		assert.deepEqual(prose('{ "terms": { "oauth.error": ["invalid_grant", "invalid_client"] } }'), [['invalid_grant', true], ['invalid_client', true]]);
		assert.deepEqual(prose('2025-10-08,web-portal,31,invalid_grant,142'), [['invalid_grant', true]]);
		assert.deepEqual(prose('idp_token_errors_total{client="web",error="invalid_grant"} 38'), [['invalid_grant', true]]);
		assert.deepEqual(prose('    A-->>W: 400 {error: invalid_grant}'), [['invalid_grant', true]]);
		// Reports: an error-named key, Spring's [code], Go's oauth2: "code", a CSV row that says it failed.
		assert.deepEqual(prose('  "oauthError": "login_required",'), [['login_required', false]]);
		assert.deepEqual(prose('[invalid_grant] Invalid authorization code: Qw7nZk'), [['invalid_grant', false]]);
		assert.deepEqual(prose('> oauth2: "invalid_grant"'), [['invalid_grant', false]]);
		assert.deepEqual(prose('2025-10-08 10:00:01,ERROR,token refresh failed,invalid_grant'), [['invalid_grant', false]]);
	});

	test('codes named as documentation by their shape: union members, HTML table cells, changelog items, specified error codes', () => {
		const prose = (text: string) => scanMentions(text, 0, text.length, catalog).flatMap((l) => [...l.errors, ...l.vendorCodes]).map((m) => [m.code, m.inProse ?? false]);
		// A union type's member line; the same quoted code keyed as an error is a report.
		assert.deepEqual(prose("type Known =\n\t| 'interaction_required'\n\t| 'AADSTS700082'\n"), [['interaction_required', true], ['AADSTS700082', true]]);
		assert.deepEqual(prose("error: 'AADSTS700082'"), [['AADSTS700082', false]]);
		// An HTML table cell, with or without <code>; the same code in an HTML error page's paragraph is a report.
		assert.deepEqual(prose('<tr><td><code>AADSTS50011</code></td><td>Microsoft sign-in page</td></tr>'), [['AADSTS50011', true]]);
		assert.deepEqual(prose('<td class="code">AADSTS65001</td>'), [['AADSTS65001', true]]);
		assert.deepEqual(prose('<p>AADSTS50011: The redirect URI specified in the request does not match.</p>'), [['AADSTS50011', false]]);
		// A changelog item citing its pull request, even with an event word; a log line is no changelog item.
		assert.deepEqual(prose('- Password Grant now returns an invalid_grant error if a user cannot be validated (PR #967)'), [['invalid_grant', true]]);
		assert.deepEqual(prose('- 2024-05-01 ERROR refresh failed: invalid_grant'), [['invalid_grant', false]]);
		// Quoted codes called error codes in a specification's words; a user's report of the code is not.
		assert.deepEqual(prose('   "error" parameter MUST be the "invalid_request" error code.'), [['invalid_request', true]]);
		assert.deepEqual(prose('   The "authorization_pending" and "slow_down" error codes define'), [['authorization_pending', true], ['slow_down', true]]);
		assert.deepEqual(prose('The token call failed with the "invalid_grant" error code.'), [['invalid_grant', false]]);
	});

	test('the context must be on the same line', () => {
		const text = 'Error while polling\nwe slow_down here';
		assert.deepEqual(scanMentions(text, 0, text.length, catalog), []);
	});

	test('one entry per line, with the line span', () => {
		const text = 'first line\nOPError: invalid_client (client authentication failed)\nthen AADSTS7000215: Invalid client secret provided.\n';
		const found = scanMentions(text, 0, text.length, catalog);
		assert.equal(found.length, 2);
		assert.deepEqual(found[0].line, spanOf(text, 'OPError: invalid_client (client authentication failed)'));
		assert.deepEqual(found[0].errors.map((e) => e.code), ['invalid_client']);
		assert.deepEqual(found[1].line, spanOf(text, 'then AADSTS7000215: Invalid client secret provided.'));
		assert.deepEqual(found[1].vendorCodes.map((v) => v.code), ['AADSTS7000215']);
	});

	test('offsets are absolute and nothing outside [start, end) is read', () => {
		const text = 'invalid_grant | OPError: invalid_scope | invalid_client';
		const start = text.indexOf('OPError');
		const end = text.indexOf(' | invalid_client');
		const found = scanMentions(text, start, end, catalog);
		assert.deepEqual(found.flatMap((l) => l.errors.map((e) => [e.code, e.span])), [['invalid_scope', spanOf(text, 'invalid_scope')]]);
	});
});

interface ParamRow {
	name: string;
	input: string;
	/** The whole URL or parameter string, as a slice of the input; omit for "nothing found". */
	span?: string;
	params?: [string, string][];
	inFragment?: boolean;
	isUrl?: boolean;
}

const paramRows: ParamRow[] = [
	{
		name: 'query string of a redirect',
		input: 'Redirected to https://app.example.com/callback?error=access_denied&error_description=The%20user%20denied%20access&state=x then stopped',
		span: 'https://app.example.com/callback?error=access_denied&error_description=The%20user%20denied%20access&state=x',
		params: [['error', 'access_denied'], ['error_description', 'The user denied access'], ['state', 'x']],
		inFragment: false,
		isUrl: true,
	},
	{
		name: 'fragment of an implicit-flow redirect',
		input: 'https://app.example.com/callback#error=login_required&state=abc',
		span: 'https://app.example.com/callback#error=login_required&state=abc',
		params: [['error', 'login_required'], ['state', 'abc']],
		inFragment: true,
		isUrl: true,
	},
	{
		name: 'percent-encoded and + encoded descriptions',
		input: '/callback?error=invalid_request&error_description=L%C3%A4nger+als+%E2%9C%93',
		span: '/callback?error=invalid_request&error_description=L%C3%A4nger+als+%E2%9C%93',
		params: [['error', 'invalid_request'], ['error_description', 'Länger als ✓']],
		inFragment: false,
		isUrl: true,
	},
	{
		name: 'error= after other parameters',
		input: 'GET /cb?state=s1&error=consent_required HTTP/1.1',
		span: '/cb?state=s1&error=consent_required',
		params: [['state', 's1'], ['error', 'consent_required']],
		inFragment: false,
		isUrl: true,
	},
	{
		name: 'logfmt field in a log line',
		input: '2024-05-01T10:00:00Z level=warn msg="token refresh failed" error=invalid_grant client=web',
		span: 'error=invalid_grant',
		params: [['error', 'invalid_grant']],
		inFragment: false,
		isUrl: false,
	},
	{
		name: 'Markdown emphasis closed right after the URL is not part of the value',
		input: 'I come back to https://app.example.com**/?error=invalid_grant** and nothing happens',
		span: 'https://app.example.com**/?error=invalid_grant',
		params: [['error', 'invalid_grant']],
		inFragment: false,
		isUrl: true,
	},
	{ name: 'suberror= is not error=', input: 'suberror=consent_required' },
	{ name: 'myerror= is not error=', input: 'level=info myerror=access_denied' },
	{ name: 'an empty error value', input: 'https://app.example.com/cb?error=&state=1' },
	{ name: 'no error parameter', input: 'https://app.example.com/cb?code=abc&state=1' },
	{ name: "Go's printed map is not an error code", input: 'level=error msg="request failed" error=map[debug: message:invalid_request]' },
	{ name: "PromQL's =~ matcher is not an error code", input: 'sum(rate(idp_token_errors_total{error=~\\"invalid_grant|invalid_client\\"}[5m]))' },
];

suite('findErrorParams', () => {
	for (const row of paramRows) {
		test(row.name, () => {
			const found = findErrorParams(row.input, 0, row.input.length);
			if (row.span === undefined) {
				assert.deepEqual(found, []);
				return;
			}
			assert.equal(found.length, 1);
			const [f] = found;
			assert.deepEqual(f.span, spanOf(row.input, row.span));
			assert.deepEqual(f.params.map((p) => [p.name, p.value]), row.params);
			assert.equal(f.inFragment, row.inFragment);
			assert.equal(f.isUrl, row.isUrl);
		});
	}

	test('parameter spans point at the raw (encoded) value', () => {
		const input = 'https://app.example.com/cb?error=access_denied&error_description=User%20cancelled';
		const [f] = findErrorParams(input, 0, input.length);
		const description = f.params.find((p) => p.name === 'error_description');
		assert.ok(description);
		assert.deepEqual(description.valueSpan, spanOf(input, 'User%20cancelled'));
		assert.deepEqual(f.params[0].nameSpan, spanOf(input, 'error'));
	});

	test('two redirect URLs on separate lines are reported separately', () => {
		const input = 'https://a.example/cb?error=access_denied\nhttps://b.example/cb#error=interaction_required&state=2\n';
		const found = findErrorParams(input, 0, input.length);
		assert.deepEqual(found.map((f) => [input.slice(f.span.start, f.span.end), f.inFragment]), [
			['https://a.example/cb?error=access_denied', false],
			['https://b.example/cb#error=interaction_required&state=2', true],
		]);
	});
});
