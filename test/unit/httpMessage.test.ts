import * as assert from 'node:assert/strict';
import { parseHeader, splitHttpMessages, type RawHttpMessage } from '../../src/core/parse/httpMessage';
import type { Span } from '../../src/core/types';

/** The span of the `nth` occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string, nth = 0): Span {
	let start = text.indexOf(needle);
	for (let i = 0; i < nth; i++) start = text.indexOf(needle, start + 1);
	assert.ok(start >= 0, `${JSON.stringify(needle)} not in ${JSON.stringify(text)}`);
	return { start, end: start + needle.length };
}

/** What a test expects of one message; text fields are compared as slices of the input. */
interface Expected {
	kind: 'response' | 'request';
	/** The whole message, as a slice of the input. */
	text: string;
	status?: number | null;
	reason?: string;
	method?: string;
	target?: string;
	headers?: [string, string][];
	/** The body, as a slice of the input; null for none. */
	body?: string | null;
}

interface Row {
	name: string;
	input: string;
	expected: Expected[];
}

function summarize(input: string, messages: RawHttpMessage[]): Expected[] {
	return messages.map((m) => {
		const out: Expected = { kind: m.kind, text: input.slice(m.span.start, m.span.end) };
		if (m.kind === 'response') {
			out.status = m.status;
			out.reason = m.reason;
		} else {
			out.method = m.method;
			out.target = m.target;
		}
		out.headers = m.headers.map((h) => [h.name, h.value]);
		out.body = m.body ? input.slice(m.body.start, m.body.end) : null;
		return out;
	});
}

const GRANT = '{"error":"invalid_grant"}';
const CLIENT = '{"error":"invalid_client"}';
const JSON_HEADER: [string, string] = ['Content-Type', 'application/json'];

const rows: Row[] = [
	{
		name: 'HTTP/1.1 with reason phrase, headers and JSON body',
		input: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}\n`,
		expected: [{ kind: 'response', text: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: GRANT }],
	},
	{
		name: 'HTTP/2 without reason phrase',
		input: 'HTTP/2 401\nwww-authenticate: Bearer error="invalid_token"\n',
		expected: [{ kind: 'response', text: 'HTTP/2 401\nwww-authenticate: Bearer error="invalid_token"', status: 401, reason: '', headers: [['www-authenticate', 'Bearer error="invalid_token"']], body: null }],
	},
	{
		name: 'HTTP/3 status line alone',
		input: 'HTTP/3 503',
		expected: [{ kind: 'response', text: 'HTTP/3 503', status: 503, reason: '', headers: [], body: null }],
	},
	{
		name: 'httpYac "200 - OK"',
		input: 'HTTP/1.1 200 - OK\ncontent-type: text/plain\n\nhello',
		expected: [{ kind: 'response', text: 'HTTP/1.1 200 - OK\ncontent-type: text/plain\n\nhello', status: 200, reason: 'OK', headers: [['content-type', 'text/plain']], body: 'hello' }],
	},
	{
		name: 'CRLF line ends',
		input: `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n${GRANT}\r\n`,
		expected: [{ kind: 'response', text: `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: GRANT }],
	},
	{
		name: 'CR-only line ends',
		input: `HTTP/1.1 400 Bad Request\rContent-Type: application/json\r\r${GRANT}\r`,
		expected: [{ kind: 'response', text: `HTTP/1.1 400 Bad Request\rContent-Type: application/json\r\r${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: GRANT }],
	},
	{
		name: 'indented message with body ends at a less-indented line',
		input: `Response:\n    HTTP/1.1 400 Bad Request\n    Content-Type: application/json\n\n    ${GRANT}\n  That was the response.\n`,
		expected: [{ kind: 'response', text: `HTTP/1.1 400 Bad Request\n    Content-Type: application/json\n\n    ${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: GRANT }],
	},
	{
		name: 'indented headers end at a less-indented line (no body)',
		input: 'Response:\n    HTTP/1.1 400 Bad Request\n    Content-Type: application/json\n  Cache-Control: no-store\n',
		expected: [{ kind: 'response', text: 'HTTP/1.1 400 Bad Request\n    Content-Type: application/json', status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: null }],
	},
	{
		name: 'indented text body ends at a less-indented line',
		input: '    HTTP/1.1 401 Unauthorized\n\n    Access denied\n    for this client\nafter\n',
		expected: [{ kind: 'response', text: 'HTTP/1.1 401 Unauthorized\n\n    Access denied\n    for this client', status: 401, reason: 'Unauthorized', headers: [], body: 'Access denied\n    for this client' }],
	},
	{
		name: 'log prefix with inline JSON body',
		input: `2024-05-01T10:00:00Z ERROR HTTP/1.1 400 Bad Request ${GRANT}\nnext line\n`,
		expected: [{ kind: 'response', text: `HTTP/1.1 400 Bad Request ${GRANT}`, status: 400, reason: 'Bad Request', headers: [], body: GRANT }],
	},
	{
		name: 'log prefix with a pipe separator',
		input: `[main] WARN | HTTP/1.1 401 Unauthorized ${CLIENT}`,
		expected: [{ kind: 'response', text: `HTTP/1.1 401 Unauthorized ${CLIENT}`, status: 401, reason: 'Unauthorized', headers: [], body: CLIENT }],
	},
	{
		name: 'curl -v request and response markers',
		input: [
			'> POST /oauth/token HTTP/1.1',
			'> Host: example.com',
			'> Content-Type: application/x-www-form-urlencoded',
			'>',
			'< HTTP/1.1 401 Unauthorized',
			'< Content-Type: application/json',
			'<',
			CLIENT,
			'',
		].join('\n'),
		expected: [
			{ kind: 'request', text: 'POST /oauth/token HTTP/1.1\n> Host: example.com\n> Content-Type: application/x-www-form-urlencoded', method: 'POST', target: '/oauth/token', headers: [['Host', 'example.com'], ['Content-Type', 'application/x-www-form-urlencoded']], body: null },
			{ kind: 'response', text: `HTTP/1.1 401 Unauthorized\n< Content-Type: application/json\n<\n${CLIENT}`, status: 401, reason: 'Unauthorized', headers: [JSON_HEADER], body: CLIENT },
		],
	},
	{
		name: 'messages separated by ###',
		input: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}\n\n###\n\nHTTP/1.1 401 Unauthorized\n\n${CLIENT}\n`,
		expected: [
			{ kind: 'response', text: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: GRANT },
			{ kind: 'response', text: `HTTP/1.1 401 Unauthorized\n\n${CLIENT}`, status: 401, reason: 'Unauthorized', headers: [], body: CLIENT },
		],
	},
	{
		name: '### right after the headers ends the message',
		input: 'HTTP/1.1 204 No Content\nX-Trace: 1\n### next\nHTTP/1.1 404 Not Found\n',
		expected: [
			{ kind: 'response', text: 'HTTP/1.1 204 No Content\nX-Trace: 1', status: 204, reason: 'No Content', headers: [['X-Trace', '1']], body: null },
			{ kind: 'response', text: 'HTTP/1.1 404 Not Found', status: 404, reason: 'Not Found', headers: [], body: null },
		],
	},
	{
		name: 'request line with {{variables}} (REST Client / httpYac)',
		input: 'POST {{baseUrl}}/oauth2/token HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id={{id}}\n',
		expected: [{ kind: 'request', text: 'POST {{baseUrl}}/oauth2/token HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id={{id}}', method: 'POST', target: '{{baseUrl}}/oauth2/token', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'grant_type=client_credentials&client_id={{id}}' }],
	},
	{
		name: 'request and documented response',
		input: 'POST https://login.example.com/token HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=authorization_code&code=abc\n\n' +
			`HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}\n`,
		expected: [
			{ kind: 'request', text: 'POST https://login.example.com/token HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=authorization_code&code=abc', method: 'POST', target: 'https://login.example.com/token', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'grant_type=authorization_code&code=abc' },
			{ kind: 'response', text: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: GRANT },
		],
	},
	{
		name: 'GET request without body, no HTTP version',
		input: 'GET /authorize?client_id=abc&response_type=code\nAccept: text/html\n',
		expected: [{ kind: 'request', text: 'GET /authorize?client_id=abc&response_type=code\nAccept: text/html', method: 'GET', target: '/authorize?client_id=abc&response_type=code', headers: [['Accept', 'text/html']], body: null }],
	},
	{
		name: '... elision lines between headers are skipped',
		input: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n...\nCache-Control: no-store\n…\nPragma: no-cache\n\n${GRANT}\n`,
		expected: [{ kind: 'response', text: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n...\nCache-Control: no-store\n…\nPragma: no-cache\n\n${GRANT}`, status: 400, reason: 'Bad Request', headers: [JSON_HEADER, ['Cache-Control', 'no-store'], ['Pragma', 'no-cache']], body: GRANT }],
	},
	{
		// The JSON extent follows the brackets, so a blank line inside the object does not end the body.
		name: 'JSON body with a blank line inside',
		input: 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\n  "error": "invalid_grant",\n\n  "error_description": "x"\n}\nafter\n',
		expected: [{ kind: 'response', text: 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\n  "error": "invalid_grant",\n\n  "error_description": "x"\n}', status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: '{\n  "error": "invalid_grant",\n\n  "error_description": "x"\n}' }],
	},
	{
		name: 'broken JSON that never closes stops at the next HTTP/ line',
		input: `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error": "invalid_grant",\n"error_description": "x"\nHTTP/1.1 401 Unauthorized\n\n${CLIENT}\n`,
		expected: [
			{ kind: 'response', text: 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error": "invalid_grant",\n"error_description": "x"', status: 400, reason: 'Bad Request', headers: [JSON_HEADER], body: '{"error": "invalid_grant",\n"error_description": "x"' },
			{ kind: 'response', text: `HTTP/1.1 401 Unauthorized\n\n${CLIENT}`, status: 401, reason: 'Unauthorized', headers: [], body: CLIENT },
		],
	},
	{
		name: 'broken JSON that never closes stops at a code fence',
		input: '```http\nHTTP/1.1 400 Bad Request\n\n{"error": "invalid_grant",\n```\nmore prose\n',
		expected: [{ kind: 'response', text: 'HTTP/1.1 400 Bad Request\n\n{"error": "invalid_grant",', status: 400, reason: 'Bad Request', headers: [], body: '{"error": "invalid_grant",' }],
	},
	{
		// Lenient by design: a status line inside prose still counts; the rest of the line becomes the reason.
		name: 'prose "we got HTTP/1.1 400 back" is read as a bare status line',
		input: 'we got HTTP/1.1 400 back from the server\n',
		expected: [{ kind: 'response', text: 'HTTP/1.1 400 back from the server', status: 400, reason: 'back from the server', headers: [], body: null }],
	},
	{
		name: 'text without status or request lines has no messages',
		input: 'The token endpoint said invalid_grant.\nSee HTTP/1.1 spec. Status 400.\nPOST it again later\n',
		expected: [],
	},
	{
		name: 'not status lines: glued prefix, 3-digit rule, status range',
		input: 'xHTTP/1.1 400 Bad\nHTTP/1.1 4000 Bad\nHTTP/1.1 600 Nope\nHTTP/1.1 40 Bad\nHTTP/x 400\n',
		expected: [],
	},
	{
		name: 'an example in an HTML page is not a pasted response',
		input: '  <pre><code>HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_request"}</code></pre>\n',
		expected: [],
	},
];

suite('splitHttpMessages', () => {
	suite('messages', () => {
		for (const row of rows) {
			test(row.name, () => {
				assert.deepEqual(summarize(row.input, splitHttpMessages(row.input)), row.expected);
			});
		}
	});

	suite('spans', () => {
		test('status, reason and start line of a response', () => {
			const input = 'prefix\nHTTP/1.1 429 Too Many Requests\nRetry-After: 10\n';
			const [m] = splitHttpMessages(input);
			assert.deepEqual(m.statusSpan, spanOf(input, '429'));
			assert.deepEqual(m.startLine, spanOf(input, 'HTTP/1.1 429 Too Many Requests'));
			assert.deepEqual(m.span, spanOf(input, 'HTTP/1.1 429 Too Many Requests\nRetry-After: 10'));
		});

		test('method and target spans of a request', () => {
			const input = '### token\nPOST https://idp.example.com/oauth2/v2.0/token HTTP/1.1\nHost: idp.example.com\n';
			const [m] = splitHttpMessages(input);
			assert.deepEqual(m.methodSpan, spanOf(input, 'POST'));
			assert.deepEqual(m.targetSpan, spanOf(input, 'https://idp.example.com/oauth2/v2.0/token'));
			assert.equal(m.status, null);
		});

		test('header name, value and whole-line spans', () => {
			const input = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate:   Bearer realm="api", error="invalid_token"  \nX-Request-Id: 7f3a\n';
			const [m] = splitHttpMessages(input);
			const [auth, id] = m.headers;
			assert.equal(auth.name, 'WWW-Authenticate');
			assert.equal(auth.lower, 'www-authenticate');
			assert.equal(auth.value, 'Bearer realm="api", error="invalid_token"');
			assert.deepEqual(auth.nameSpan, spanOf(input, 'WWW-Authenticate'));
			assert.deepEqual(auth.valueSpan, spanOf(input, 'Bearer realm="api", error="invalid_token"'));
			assert.deepEqual(auth.span, spanOf(input, 'WWW-Authenticate:   Bearer realm="api", error="invalid_token"'));
			assert.deepEqual(id.nameSpan, spanOf(input, 'X-Request-Id'));
			assert.deepEqual(id.valueSpan, spanOf(input, '7f3a'));
		});

		test('curl marker lines: header spans skip the marker', () => {
			const input = '< HTTP/2 400\n< content-type: application/json\n<\n{"error":"invalid_scope"}\n';
			const [m] = splitHttpMessages(input);
			assert.deepEqual(m.span, { start: spanOf(input, 'HTTP/2').start, end: spanOf(input, '{"error":"invalid_scope"}').end });
			assert.deepEqual(m.headers[0].nameSpan, spanOf(input, 'content-type'));
			assert.deepEqual(m.body, spanOf(input, '{"error":"invalid_scope"}'));
		});

		test('inline log body span', () => {
			const input = `10:00:01 ERROR HTTP/1.1 400 Bad Request ${GRANT} (took 12 ms)\n`;
			const [m] = splitHttpMessages(input);
			assert.deepEqual(m.body, spanOf(input, GRANT));
			assert.deepEqual(m.span, { start: spanOf(input, 'HTTP/1.1').start, end: spanOf(input, GRANT).end });
			assert.equal(m.reason, 'Bad Request');
		});

		test('from/to restrict the scan and keep absolute offsets', () => {
			const input = `HTTP/1.1 500 Internal Server Error\n\nHTTP/1.1 400 Bad Request\n\n${GRANT}\nHTTP/1.1 502 Bad Gateway\n`;
			const from = spanOf(input, 'HTTP/1.1 400').start;
			const to = spanOf(input, GRANT).end;
			const messages = splitHttpMessages(input, from, to);
			assert.equal(messages.length, 1);
			assert.equal(messages[0].status, 400);
			assert.deepEqual(messages[0].body, spanOf(input, GRANT));
		});
	});

	suite('robustness', () => {
		test('many messages in one text are all found, in order', () => {
			const one = `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${GRANT}\n\n`;
			const input = one.repeat(500);
			const messages = splitHttpMessages(input);
			assert.equal(messages.length, 500);
			messages.forEach((m, i) => assert.equal(m.span.start, i * one.length));
		});

		test('an unclosed JSON body at the end of the text ends at the end', () => {
			const input = 'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"';
			const [m] = splitHttpMessages(input);
			assert.deepEqual(m.body, spanOf(input, '{"error":"invalid_grant"'));
		});

		test('empty text and blank lines', () => {
			assert.deepEqual(splitHttpMessages(''), []);
			assert.deepEqual(splitHttpMessages('\n\r\n\r   \n'), []);
		});
	});
});

suite('parseHeader', () => {
	const cases: { input: string; expected: [string, string] | undefined }[] = [
		{ input: 'Content-Type: application/json', expected: ['Content-Type', 'application/json'] },
		{ input: 'x-amzn-ErrorType:NotAuthorizedException', expected: ['x-amzn-ErrorType', 'NotAuthorizedException'] },
		{ input: 'Location: https://app.example.com/cb?error=access_denied', expected: ['Location', 'https://app.example.com/cb?error=access_denied'] },
		{ input: 'Empty:', expected: ['Empty', ''] },
		{ input: 'Not a header: value', expected: undefined },
		{ input: ': no name', expected: undefined },
		{ input: '{"error": "x"}', expected: undefined },
		{ input: 'NoColon', expected: undefined },
	];
	for (const c of cases) {
		test(JSON.stringify(c.input), () => {
			const h = parseHeader(c.input, 0, c.input.length);
			assert.deepEqual(h ? [h.name, h.value] : undefined, c.expected);
		});
	}
});
