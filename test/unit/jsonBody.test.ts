import * as assert from 'node:assert/strict';
import { jsonString, jsonValue, MAX_DEPTH, readJsonBody, type JsonBody } from '../../src/core/parse/jsonBody';

type Primitive = string | number | boolean | null;

function read(text: string): JsonBody {
	return readJsonBody(text, 0, text.length);
}

/** `[path, value]` pairs in document order. */
function pairs(body: JsonBody): [string, Primitive][] {
	return body.values.map((v) => [v.path, v.value]);
}

interface Row {
	name: string;
	input: string;
	expected: [string, Primitive][];
	errorCount?: number;
	isObject?: boolean;
}

const rows: Row[] = [
	{
		name: 'RFC 6749 error response',
		input: '{"error":"invalid_grant","error_description":"Code expired","error_uri":"https://as.example.com/errors/1"}',
		expected: [['error', 'invalid_grant'], ['error_description', 'Code expired'], ['error_uri', 'https://as.example.com/errors/1']],
	},
	{
		name: 'Entra extended error: error_codes[] numbers and support ids',
		input: '{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired.","error_codes":[70008,50173],"timestamp":"2024-05-01 10:00:00Z","trace_id":"0b5e-4a1f","correlation_id":"c0ff-ee00","error_uri":"https://login.microsoftonline.com/error?code=70008"}',
		expected: [
			['error', 'invalid_grant'],
			['error_description', 'AADSTS70008: The provided authorization code or refresh token has expired.'],
			['error_codes[]', 70008],
			['error_codes[]', 50173],
			['timestamp', '2024-05-01 10:00:00Z'],
			['trace_id', '0b5e-4a1f'],
			['correlation_id', 'c0ff-ee00'],
			['error_uri', 'https://login.microsoftonline.com/error?code=70008'],
		],
	},
	{
		name: 'Google APIs nested error.message',
		input: '{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}',
		expected: [['error.code', 401], ['error.message', 'Request had invalid authentication credentials.'], ['error.status', 'UNAUTHENTICATED']],
	},
	{
		// Properties of objects inside an array are named through the array once, as the
		// top-level array below is flattened; the array's name must not repeat.
		name: 'Google APIs error.errors[] objects',
		input: '{"error":{"code":401,"errors":[{"message":"Invalid Credentials","reason":"authError"}]}}',
		expected: [['error.code', 401], ['error.errors.message', 'Invalid Credentials'], ['error.errors.reason', 'authError']],
	},
	{
		name: 'comments and trailing commas are tolerated',
		input: '{\n  // the error\n  "error": "invalid_client", /* from Okta */\n  "ok": false,\n  "n": null,\n}',
		expected: [['error', 'invalid_client'], ['ok', false], ['n', null]],
		errorCount: 0,
	},
	{
		name: 'nested objects join their property names with dots',
		input: '{"response":{"body":{"error":"invalid_scope"}},"f":true}',
		expected: [['response.body.error', 'invalid_scope'], ['f', true]],
	},
	{
		name: 'a top-level array',
		input: '[{"error":"invalid_request"}]',
		expected: [['error', 'invalid_request']],
		isObject: false,
	},
	{
		name: 'broken JSON: values before the break are kept',
		input: '{"error": "invalid_grant", "error_description": "Bad code" "extra": }',
		expected: [['error', 'invalid_grant'], ['error_description', 'Bad code']],
	},
	{
		name: 'escaped characters are decoded in the value',
		input: '{"error_description":"say \\"hi\\"\\n\\u00e9"}',
		expected: [['error_description', 'say "hi"\né']],
	},
];

suite('readJsonBody', () => {
	suite('paths and values', () => {
		for (const row of rows) {
			test(row.name, () => {
				const body = read(row.input);
				assert.deepEqual(pairs(body), row.expected);
				assert.equal(body.tooDeep, false);
				assert.equal(body.isObject, row.isObject ?? true);
				if (row.errorCount !== undefined) assert.equal(body.errorCount, row.errorCount);
			});
		}
	});

	suite('spans', () => {
		test('string span includes the quotes, valueSpan excludes them', () => {
			const text = 'HTTP/1.1 400 Bad Request\n\n{"error": "invalid_grant", "error_description": "Code expired"}';
			const start = text.indexOf('{');
			const body = readJsonBody(text, start, text.length);
			const error = jsonString(body, 'error');
			assert.ok(error);
			assert.equal(error.value, 'invalid_grant');
			const quoted = text.indexOf('"invalid_grant"');
			assert.deepEqual(error.span, { start: quoted, end: quoted + '"invalid_grant"'.length });
			assert.deepEqual(error.valueSpan, { start: quoted + 1, end: quoted + 1 + 'invalid_grant'.length });
			const description = jsonString(body, 'error_description');
			assert.ok(description);
			assert.equal(text.slice(description.valueSpan.start, description.valueSpan.end), 'Code expired');
		});

		test('numbers, booleans and null: valueSpan equals span', () => {
			const text = '{"error_codes":[70008],"ok":false,"x":null}';
			const body = read(text);
			for (const [path, literal] of [['error_codes[]', '70008'], ['ok', 'false'], ['x', 'null']] as const) {
				const v = jsonValue(body, path);
				assert.ok(v, path);
				const at = text.indexOf(literal);
				assert.deepEqual(v.span, { start: at, end: at + literal.length });
				assert.deepEqual(v.valueSpan, v.span);
			}
		});

		test('escaped string: valueSpan covers the raw characters between the quotes', () => {
			const text = '{"error_description":"a\\"b"}';
			const v = jsonString(read(text), 'error_description');
			assert.ok(v);
			assert.equal(v.value, 'a"b');
			assert.equal(text.slice(v.valueSpan.start, v.valueSpan.end), 'a\\"b');
		});

		test('unterminated string: valueSpan keeps every character after the opening quote', () => {
			const text = '{"error": "invalid_grant", "error_description": "oops';
			const body = read(text);
			assert.ok(body.errorCount > 0);
			const v = jsonString(body, 'error_description');
			assert.ok(v);
			assert.equal(v.value, 'oops');
			assert.equal(text.slice(v.valueSpan.start, v.valueSpan.end), 'oops');
		});

		test('key, depth and nearest property name', () => {
			const body = read('{"error":{"message":"m"},"error_codes":[1]}');
			const message = jsonValue(body, 'error.message');
			assert.ok(message);
			assert.equal(message.key, 'message');
			assert.equal(message.depth, 2);
			const code = jsonValue(body, 'error_codes[]');
			assert.ok(code);
			assert.equal(code.key, 'error_codes');
			assert.equal(code.depth, 2);
		});
	});

	suite('limits', () => {
		test('a body nested 100,000 deep is reported tooDeep without throwing', () => {
			const text = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
			const body = read(text);
			assert.equal(body.tooDeep, true);
			assert.deepEqual(body.values, []);
			assert.equal(body.isObject, true);
		});

		test('100,000 open brackets that never close', () => {
			const body = read('['.repeat(100_000));
			assert.equal(body.tooDeep, true);
			assert.equal(body.isObject, false);
		});

		test('exactly MAX_DEPTH levels are still read', () => {
			const text = '{"a":'.repeat(MAX_DEPTH - 1) + '{"error":"x"}' + '}'.repeat(MAX_DEPTH - 1);
			const body = read(text);
			assert.equal(body.tooDeep, false);
			assert.equal(body.values.length, 1);
			assert.equal(body.values[0].value, 'x');
			assert.equal(body.values[0].depth, MAX_DEPTH);
		});

		test('brackets inside strings do not count towards depth', () => {
			const text = `{"error_description":"${'['.repeat(1000)}","error":"invalid_request"}`;
			const body = read(text);
			assert.equal(body.tooDeep, false);
			assert.equal(jsonString(body, 'error')?.value, 'invalid_request');
		});
	});

	suite('helpers', () => {
		test('jsonString skips non-string values at the path', () => {
			const body = read('{"error":{"code":401},"code":"x"}');
			assert.equal(jsonString(body, 'error.code'), undefined);
			assert.equal(jsonValue(body, 'error.code')?.value, 401);
			assert.equal(jsonString(body, 'code')?.value, 'x');
		});

		test('absent paths', () => {
			const body = read('{"error":"x"}');
			assert.equal(jsonValue(body, 'error_description'), undefined);
			assert.equal(jsonString(body, 'nope'), undefined);
		});
	});
});
