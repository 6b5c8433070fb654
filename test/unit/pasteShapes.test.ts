import * as assert from 'node:assert/strict';
import { analyze, hasContent } from '../../src/core';

/** Common shapes of pasted errors (client-library dumps, logs, curl output) and of text with no error. */
const found: Array<{ name: string; text: string; codes: string[]; entries: string[]; vendor?: string; description?: RegExp }> = [
	{ name: 'Java client exception then a JSON body', text: 'com.google.api.client.auth.oauth2.TokenResponseException: 400 Bad Request\n{\n  "error" : "invalid_grant"\n}', codes: ['invalid_grant'], entries: ['oauth.invalid_grant'] },
	{ name: 'an upper-case enum in prose', text: 'the server replies 400 with Perm.INVALID_GRANT, which must restart the flow', codes: ['INVALID_GRANT'], entries: ['oauth.invalid_grant'] },
	{ name: 'a Python dict (the wording of Google names Google)', text: "resp.json() => {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'}", codes: ['invalid_grant'], entries: ['google.invalid_grant'], description: /^Token has been expired or revoked\.$/, vendor: 'google' },
	{ name: 'a Node inspect dump', text: "OAuth2Error { error: 'invalid_client', error_description: 'Client authentication failed', status: 401 }", codes: ['invalid_client'], entries: ['oauth.invalid_client'], description: /^Client authentication failed$/ },
	{ name: 'MSAL exception with an AADSTS code', text: "MsalUiRequiredException: AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.", codes: ['MsalUiRequiredException', 'AADSTS50076'], entries: ['msal.MsalUiRequiredException', 'entra.AADSTS50076'], vendor: 'entra' },
	{ name: 'curl to Google, then the JSON', text: 'curl -X POST https://oauth2.googleapis.com/token -d "grant_type=authorization_code"\n{\n  "error": "redirect_uri_mismatch",\n  "error_description": "Bad Request"\n}', codes: ['redirect_uri_mismatch'], entries: ['google.redirect_uri_mismatch'], vendor: 'google' },
	{ name: 'a Keycloak event log line', text: 'WARN [org.keycloak.events] type=CODE_TO_TOKEN_ERROR, realmId=abc, clientId=web, error=invalid_client_credentials, grant_type=authorization_code', codes: ['CODE_TO_TOKEN_ERROR', 'invalid_client_credentials'], entries: ['keycloak.CODE_TO_TOKEN_ERROR', 'keycloak.event.invalid_client_credentials'], vendor: 'keycloak' },
	{ name: 'a Microsoft Graph error body after an OkHttp log line', text: '<-- 401 https://graph.microsoft.com/v1.0/me (123ms)\n{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}', codes: ['InvalidAuthenticationToken'], entries: ['entra.InvalidAuthenticationToken'], vendor: 'entra' },
];

const nothing: Array<{ name: string; text: string }> = [
	{ name: 'a successful token log line', text: 'Successfully obtained token. expires_in=3600 token_type=Bearer scope=openid profile' },
	{ name: 'source code with generic error words', text: 'const errorMessage = "An error occurred"; if (res.status === 404) throw new NotFoundError("not_found");' },
	{ name: 'a 200 response', text: 'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"status":"ok","items":[]}' },
	{ name: 'a plain GET request', text: 'GET /api/users?page=2 HTTP/1.1\nHost: example.com\nAccept: */*' },
	{ name: 'release notes in prose', text: '# Release notes\nWe fixed a bug where invalid requests could crash the server. Access denied pages are now styled.' },
];

suite('paste shapes', () => {
	for (const c of found) {
		test(c.name, () => {
			const messages = analyze(c.text).messages.filter(hasContent);
			const mentions = messages.flatMap(m => [...m.errors, ...m.vendorCodes]).sort((a, b) => a.span.start - b.span.start);
			assert.deepEqual(mentions.map(x => x.code), c.codes);
			assert.deepEqual(mentions.map(x => x.entry?.id), c.entries);
			for (const x of mentions) assert.equal(c.text.slice(x.span.start, x.span.end), x.code);
			if (c.vendor) assert.equal(messages[0].vendor, c.vendor);
			if (c.description) assert.match(messages[0].errors[0].description ?? '', c.description);
		});
	}
	test('the ids an Entra message quotes in its text are facts for support', () => {
		const text = [
			'com.microsoft.identity.client.exception.MsalUiRequiredException: AADB2C90080: The provided grant has expired.',
			'   Correlation ID: 21c0c61e-0f96-4c79-83f9-0d4761f36521',
			'   Timestamp: 2025-02-18 15:03:50Z',
			'2025-02-18 15:04:00 INFO next record Trace ID: 00000000-0000-0000-0000-000000000000',
		].join('\n');
		const message = analyze(text).messages.find(m => m.vendorCodes.some(v => v.code === 'AADB2C90080'));
		assert.deepEqual(message?.facts.map(f => [f.label, f.value, f.support]), [
			['Correlation ID', '21c0c61e-0f96-4c79-83f9-0d4761f36521', true],
			['Timestamp', '2025-02-18 15:03:50Z', false],
		]);
		assert.ok(message?.findings.some(f => f.rule === 'support-ids' && f.message.includes('21c0c61e')));
	});
	for (const c of nothing) {
		test(`nothing reported: ${c.name}`, () => {
			assert.deepEqual(analyze(c.text).messages.filter(hasContent), []);
		});
	}
});
