import * as assert from 'node:assert/strict';
import { analyze, bundledCatalog } from '../../src/core';
import { pythonReprAsJson, readJsonBody } from '../../src/core/parse/jsonBody';

/*
 * Vendor error bodies as people paste them: a vendor's fixed message in a
 * message field, Python reprs and Node inspect dumps, bodies without an error
 * key that only a named vendor's shape reads, bodies cut off on their line.
 */

/** Every reported mention (not documentation), as "code → entry id", with the vendor of its message. */
function reported(text: string): { mentions: string[]; vendors: string[] } {
	const analysis = analyze(text);
	const mentions: string[] = [];
	const vendors: string[] = [];
	for (const m of analysis.messages) {
		for (const e of m.errors) if (!e.inProse) mentions.push(`${e.code} → ${e.entry?.id ?? 'none'}`);
		for (const v of m.vendorCodes) if (!v.inProse) mentions.push(`${v.code} → ${v.entry?.id ?? 'none'}`);
		if (m.errors.length || m.vendorCodes.length) vendors.push(m.vendor ?? 'none');
	}
	return { mentions, vendors };
}

suite('printed objects read as JSON (pythonReprAsJson)', () => {
	const cases: Array<[string, string]> = [
		[`{'error': 'invalid_grant', 'n': None, 't': True, 'f': False}`, '{"error": "invalid_grant", "n": null, "t": true, "f": false}'],
		[`{u'error': u'INVALID_REFRESH_TOKEN'}`, '{ "error":  "INVALID_REFRESH_TOKEN"}'],
		[`{'message': 'say "hi"'}`, `{"message": "say 'hi'"}`],
		[`{ code: 'unauthorized', status: 401 }`, '{"code":"unauthorized","status":401 }'],
		[`{\n  code: 'object_not_found',\n  message: 'Could not find it.'\n}`, '{\n "code":"object_not_found",\n "message":"Could not find it."\n}'],
	];
	for (const [printed, json] of cases) {
		test(printed.replace(/\n/g, '\\n'), () => {
			const out = pythonReprAsJson(printed);
			assert.equal(out, json);
			assert.equal(out!.length, printed.length, 'same length, so offsets hold');
		});
	}

	test('values keep their spans in the original text', () => {
		const printed = `{'error_description': 'Bad code', 'error': 'invalid_grant'}`;
		const body = readJsonBody(printed, 0, printed.length, pythonReprAsJson(printed));
		const error = body.values.find(v => v.path === 'error')!;
		assert.equal(error.value, 'invalid_grant');
		assert.equal(printed.slice(error.valueSpan.start, error.valueSpan.end), 'invalid_grant');
	});

	test('JSON, prose in braces and code blocks are not dumps', () => {
		assert.equal(pythonReprAsJson('{"error": "x"}'), undefined);
		assert.equal(pythonReprAsJson('{user} logged in'), undefined);
		assert.equal(pythonReprAsJson('{ return x; }'), undefined);
	});
});

suite('vendor error bodies in pastes', () => {
	test('a vendor message in a message field is that vendor\'s message entry when the vendor is named', () => {
		const text = `curl https://api.twitch.tv/helix/users -H 'Client-Id: abc'\n{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}`;
		const got = reported(text);
		assert.deepEqual(got.mentions, ['Invalid OAuth token → twitch.invalid-oauth-token']);
		assert.deepEqual(got.vendors, ['twitch']);
	});

	test('the same words with no vendor named are not claimed for one', () => {
		const got = reported(`{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}`);
		assert.deepEqual(got.mentions, []);
	});

	test('an error_description that is a vendor message is reported next to the OAuth error, when the vendor is named', () => {
		const body = '{"error":"invalid_request","error_description":"The requested redirect_uri is missing in the client configuration. If you have any questions, contact the administrator."}';
		const named = reported(`ZITADEL v2.41 answered:\n${body}`);
		assert.ok(named.mentions.includes('The requested redirect_uri is missing in the client configuration → zitadel.redirect-uri-missing-in-client'), named.mentions.join('; '));
		assert.ok(named.mentions.includes('invalid_request → oauth.invalid_request') || named.mentions.some(m => m.startsWith('invalid_request')));
		const unnamed = reported(body);
		assert.ok(!unnamed.mentions.some(m => m.includes('zitadel')), unnamed.mentions.join('; '));
	});

	test('a Python repr of a Graph error carries its code and vendor', () => {
		const text = `{'error': {'code': 'ErrorAccessDenied', 'message': 'Access is denied. Check credentials and try again.', 'innerError': {'request-id': '3f1c2a9e-7b4d-4e8a-9c61-0d2f5b8e7a14', 'date': '2021-02-01T10:00:00'}}}`;
		const got = reported(text);
		assert.ok(got.mentions.some(m => m.startsWith('ErrorAccessDenied → msgraph.')), got.mentions.join('; '));
		assert.deepEqual(got.vendors, ['msgraph']);
	});

	test('a body without an error key is read when the vendor named beside it has a shape for it', () => {
		const text = `ERROR:root:Unsuccessful request to https://api.zoom.us/v2/users/me: [401] {'code': 124, 'message': 'Access token is expired.'}`;
		const got = reported(text);
		assert.ok(got.mentions.some(m => m.startsWith('124 → zoom.')), got.mentions.join('; '));
		assert.deepEqual(reported(`[401] {'code': 124, 'message': 'Access token is expired.'}`).mentions, []);
	});

	test('a Node inspect dump of a client library\'s warning carries the vendor code', () => {
		const text = `@notionhq/client warn: request fail { code: 'unauthorized', message: 'API token is invalid.' }`;
		const got = reported(text);
		assert.ok(got.mentions.some(m => m.startsWith('unauthorized → notion.')), got.mentions.join('; '));
	});

	test('Intuit\'s Fault body names its vendor by its shape', () => {
		const text = '"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: abc","code":"3200","element":null}],"type":"AUTHENTICATION"}';
		const got = reported(`{${text}}`);
		assert.ok(got.mentions.some(m => m.startsWith('3200 → intuit.')), got.mentions.join('; '));
		assert.deepEqual(got.vendors, ['intuit']);
	});

	test('an object that never closes on its line is read as far as it goes', () => {
		const text = 'Client error: `POST https://graph.facebook.com/v3.0/oauth/access_token` failed: {"error":{"message":"This authorization code has been used.","type":"OAuthException","code":100,... (truncated)\nnext line';
		const got = reported(text);
		assert.ok(got.mentions.some(m => m.startsWith('100 → meta.') || m.startsWith('OAuthException → meta.')), got.mentions.join('; '));
	});

	test('a JSON body quoted with escaped quotes inside a log record\'s message is read', () => {
		const text = '{"status":false,"message":"Client error: `GET https:\\/\\/api.zoom.us\\/v2\\/users` resulted in a `400 Bad Request` response:\\n{\\"code\\":4711,\\"message\\":\\"Invalid access token, does not contain scopes:[user:read:list_users:admin].\\"}\\n"}';
		const got = reported(text);
		assert.ok(got.mentions.some(m => m.startsWith('4711 → zoom.')), got.mentions.join('; '));
		assert.deepEqual(got.vendors, ['zoom']);
	});

	test('a JSON string body inside an unclosed printed object is found', () => {
		const text = `error: {\nstatusCode: 401,\ndata: '{"code":124,"message":"Invalid access token, this access token is not supported as query parameter string."}`;
		const got = reported(text);
		assert.ok(got.mentions.some(m => m.startsWith('124 → zoom.')), got.mentions.join('; '));
	});
});

suite('vendor messages in free text', () => {
	test('a distinctive vendor message in prose is reported when the text names the vendor otherwise', () => {
		const text = 'I have set up WSO2 Identity Server. I am getting the error code "invalid_grant" and the description is "Invalid authorization code received from token request".';
		const got = reported(text);
		assert.ok(got.mentions.includes('Invalid authorization code received from token request → wso2.invalid-authorization-code'), got.mentions.join('; '));
	});

	test('the same words alone do not claim the vendor they would name', () => {
		const got = reported('The description is "Invalid authorization code received from token request".');
		assert.ok(!got.mentions.some(m => m.includes('wso2.')), got.mentions.join('; '));
	});

	test('short, generic vendor wording is not searched in prose', () => {
		const got = reported('Figma rejects it with: 403 Invalid token');
		assert.ok(!got.mentions.some(m => m.includes('figma.invalid-token')), got.mentions.join('; '));
	});
});

suite('vendor evidence', () => {
	const profiles = bundledCatalog().profiles;
	test('a host suffix names its vendor written with its leading dot (a cookie domain)', () => {
		assert.equal(profiles.vendorIn('set-cookie: box_visitor_id=5a1b; path=/; domain=.box.com; secure'), 'box');
	});
	test('a home router\'s host is no vendor', () => {
		assert.equal(profiles.vendorIn('Host: appsrv01.fritz.box'), null);
	});
});
