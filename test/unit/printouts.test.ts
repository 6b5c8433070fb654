import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { printoutBlocks } from '../../src/core/parse/keyValuePrintout';

/*
 * Error objects printed by languages' own printers rather than as JSON (a JS
 * console object, a Ruby hash or inspect, PHP print_r and Laravel dd, a Dart
 * or Swift description, `key - value` lines), and refused requests logged
 * without a body next to evidence of the vendor that answered.
 */

interface Seen {
	vendor: string | null;
	status: number | null;
	codes: string[];
}

function seen(text: string): Seen[] {
	return analyze(text).messages.map(m => ({
		vendor: m.vendor,
		status: m.status,
		codes: [...m.errors.filter(e => !e.inProse), ...m.vendorCodes.filter(v => !v.inProse)].map(x => `${x.code} → ${x.entry?.id ?? 'none'}`),
	}));
}

suite('printed objects: shapes → codes', () => {
	const cases: Array<[string, string, string[], string]> = [
		['JS console object (unquoted keys)', '{serviceErrorCode: 65600, message: "Invalid access token", status: 401}', ['65600 → linkedin.65600'], 'linkedin'],
		['Ruby hash with symbol keys', '{:serviceErrorCode=>65600, :message=>"Invalid access token"}', ['65600 → linkedin.65600'], 'linkedin'],
		['PHP print_r', 'Array\n(\n    [serviceErrorCode] => 65600\n    [message] => Invalid access token\n)', ['65600 → linkedin.65600'], 'linkedin'],
		['Laravel dd()', 'array:2 [\n  "serviceErrorCode" => 65600\n  "message" => "Invalid access token"\n]', ['65600 → linkedin.65600'], 'linkedin'],
		['Ruby inspect with instance variables', '#<ApiError @serviceErrorCode=65600, @message="Invalid access token">', ['65600 → linkedin.65600'], 'linkedin'],
		['key: value pairs on one line', 'type: OAuthException, code: 190, error_subcode: 463, message: Error validating access token: Session has expired',
			['190 → meta.190', 'subcode 463 → meta.subcode-463'], 'meta'],
		['Dart description', 'GraphResponse: {HttpStatus: 400, errorCode: 190, subErrorCode: 460, errorType: OAuthException, errorMessage: Error validating access token}',
			['190 → meta.190', 'subcode 460 → meta.subcode-460', 'OAuthException → meta.OAuthException'], 'meta'],
		['key - value lines, vendor named after them', 'message - Invalid OAuth access token.\ncode - 190\nSee https://developers.facebook.com/docs/graph-api/using-graph-api/#errors',
			['190 → meta.190'], 'meta'],
		['Ruby hash quoting another hash in a string value',
			'{:exception_class=>"QboApi::Forbidden", :exception_message=>"[{:fault_type=>\\"SERVICE\\", :error_code=>\\"3100\\", :error_message=>\\"message=ApplicationAuthorizationFailed\\", :error_detail=>nil}]"}',
			['3100 → intuit.3100'], 'intuit'],
		['Node util.inspect of an SDK error below its stack',
			"APIResponseError: API token is invalid.\n    at Client.request (/app/node_modules/@notionhq/client/build/src/Client.js:304:54) {\n  code: 'unauthorized',\n  status: 401,\n}",
			['unauthorized → notion.unauthorized'], 'notion'],
	];
	for (const [name, text, codes, vendor] of cases) {
		test(name, () => {
			const messages = seen(text);
			assert.equal(messages.length, 1, JSON.stringify(messages));
			assert.deepEqual([...messages[0].codes].sort(), [...codes].sort());
			assert.equal(messages[0].vendor, vendor);
		});
	}

	test('an OAuth error printed as an enum case (Swift)', () => {
		const messages = seen('Optional(OAuth2ServerError(code: AuthFoundation.OAuth2ServerError.Code.invalidGrant, description: "The refresh token is invalid."))');
		assert.equal(messages.length, 1, JSON.stringify(messages));
		assert.deepEqual(messages[0].codes, ['invalid_grant → oauth.invalid_grant']);
	});

	test('an enum case that spells no OAuth error is not one', () => {
		assert.deepEqual(seen('Failure(code: App.Failure.Code.networkDown, description: "The network is down.")'), []);
	});

	test("a printed object's own status is the message's status", () => {
		assert.equal(seen("@notionhq/client APIResponseError\n  code: 'unauthorized',\n  status: 401")[0]?.status, 401);
	});

	const silent: Array<[string, string]> = [
		['code that reads object members', 'return { ...session, accessToken: token.accessToken, error: token.error };'],
		['generic code and message with no vendor named', 'code: 190\nmessage: hello world'],
		['a shape read only for its vendor, with another vendor named', 'https://api.zoom.us/v2/users\n{errorCode_x: 1, code: 190, message: "Invalid OAuth access token."}'],
		['configuration lines', 'name: build\nruns-on: ubuntu-latest\ntimeout: 30\nstatus: 200'],
	];
	for (const [name, text] of silent) {
		test(`silent: ${name}`, () => {
			assert.deepEqual(seen(text).filter(m => m.codes.length), []);
		});
	}
});

suite('printed objects: the reader', () => {
	test('values keep their offsets in the text', () => {
		const text = 'x\n{serviceErrorCode: 65600, message: "Invalid access token"}\n';
		const [block] = printoutBlocks(text, 0, text.length);
		const code = block.body.values.find(v => v.key === 'serviceErrorCode')!;
		const message = block.body.values.find(v => v.key === 'message')!;
		assert.equal(code.value, 65600);
		assert.equal(text.slice(code.valueSpan.start, code.valueSpan.end), '65600');
		assert.equal(text.slice(message.valueSpan.start, message.valueSpan.end), 'Invalid access token');
	});

	test('keys inside quoted values and prose are not pairs', () => {
		const text = 'message: "see code: 190, error: x", detail: the access token: expired';
		const [block] = printoutBlocks(text, 0, text.length);
		assert.deepEqual(block.body.values.map(v => v.key), ['message', 'detail']);
		assert.equal(block.body.values[1].value, 'the access token: expired');
	});

	test('enum cases are read as the snake-case word they spell; member expressions are not values', () => {
		const text = 'E(code: Sdk.E.Code.invalidGrant, kind: .accessDenied, other: token.error)';
		const [block] = printoutBlocks(text, 0, text.length);
		assert.deepEqual(block.body.values.map(v => [v.key, v.value, text.slice(v.valueSpan.start, v.valueSpan.end)]),
			[['code', 'invalid_grant', 'invalidGrant'], ['kind', 'access_denied', 'accessDenied']]);
	});

	test('PHP var_dump typed values', () => {
		const text = '["error"]=> string(13) "invalid_grant"';
		const [block] = printoutBlocks(text, 0, text.length);
		assert.equal(block.body.values[0].value, 'invalid_grant');
		assert.equal(text.slice(block.body.values[0].valueSpan.start, block.body.values[0].valueSpan.end), 'invalid_grant');
	});

	test('a huge printout is read only up to its caps', () => {
		const line = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join(', ');
		const many = Array.from({ length: 1000 }, (_, i) => `key${i}: value`).join('\n');
		assert.deepEqual(printoutBlocks(line, 0, line.length), [], 'lines longer than the cap are not printouts');
		const blocks = printoutBlocks(many, 0, many.length);
		assert.ok(blocks.length >= 5 && blocks.every(b => b.body.values.length <= 400), `${blocks.length} blocks`);
	});
});

suite('refused requests logged without a body', () => {
	test('a request log line with 401 near a vendor host is a message of that vendor with the status', () => {
		assert.deepEqual(seen('DEBUG:urllib3.connectionpool:https://www.reddit.com:443 "POST /api/v1/access_token HTTP/1.1" 401 41'),
			[{ vendor: 'reddit', status: 401, codes: [] }]);
	});

	test('an SDK exception stating the status in words gives that status and vendor', () => {
		assert.deepEqual(seen("boxsdk.exception.BoxOAuthException:\nMessage: Please check the 'sub' claim.\nStatus: 400"),
			[{ vendor: 'box', status: 400, codes: [] }]);
	});

	test('an exception message that starts with the status gives that status and vendor', () => {
		assert.deepEqual(seen('auth0.exceptions.Auth0Error: 403: Client is not authorized to access "https://tenant.example/api/v2/".'),
			[{ vendor: 'auth0', status: 403, codes: [] }]);
		// Without vendor evidence, or without the colon that ends the status, nothing.
		assert.deepEqual(seen('app.errors.ApiError: 403: Client is not authorized to access this API.'), []);
		assert.deepEqual(seen('auth0 docs: ClientError: 403 is what the API answers'), []);
	});

	test('the #code property of an exception object dumped by a PHP var-dumper gives that status', () => {
		const dumped = 'LinkedInApiException {#309 ▼\n  #message: "missing required parameters : client_secret"\n  #code: 400\n  #file: "vendor/happyr/linkedin-api-client/src/Http/GuzzleRequest.php"\n}';
		assert.deepEqual(seen(dumped), [{ vendor: 'linkedin', status: 400, codes: [] }]);
		assert.deepEqual(seen(dumped.replace(/\n/g, '\r\n')), [{ vendor: 'linkedin', status: 400, codes: [] }]);
		// A code other than a refusal status, or no vendor named, gives nothing.
		assert.deepEqual(seen(dumped.replace('#code: 400', '#code: 404')), []);
		assert.deepEqual(seen(dumped.replace(/linkedin/gi, 'acme')), []);
	});

	test('a printed error object with a refusal status and no code shows the vendor named around it', () => {
		const printed = 'Array\n(\n    [errorCode] => 0\n    [message] => Invalid access token.\n    [status] => 401\n)';
		assert.deepEqual(seen(`Calling api.linkedin.com returned: ${printed}`), [{ vendor: 'linkedin', status: 401, codes: [] }]);
		assert.deepEqual(seen(`Calling api.example.org returned: ${printed}`), []);
	});

	test('no vendor evidence, no message', () => {
		assert.deepEqual(seen('DEBUG:urllib3.connectionpool:https://example.org:443 "POST /oauth/token HTTP/1.1" 401 41'), []);
		assert.deepEqual(seen('The API answers HTTP 401 when the token is missing.'), []);
	});

	test('a status other than 400, 401 or 403 is not a refusal', () => {
		assert.deepEqual(seen('DEBUG:urllib3.connectionpool:https://www.reddit.com:443 "GET /api/v1/me HTTP/1.1" 404 41'), []);
	});

	test('a 400 counts only from an authorization or token endpoint', () => {
		assert.deepEqual(seen('DEBUG:urllib3.connectionpool:https://www.reddit.com:443 "GET /r/pics/about HTTP/1.1" 400 41'), []);
	});
});
