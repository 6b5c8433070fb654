import * as assert from 'node:assert/strict';
import { analyze, DEFAULT_MAX_MESSAGES, redact, renderReport } from '../../src/core';

/** Documents a user can paste by accident: each gets a clear outcome, never an exception or a hang. */
suite('odd documents', () => {
	test('a 50 MB single-line JSON body is read, and its error found', () => {
		const text = `{"blob":"${'x'.repeat(50 * 1024 * 1024)}","error":"invalid_grant"}`;
		const analysis = analyze(text);
		assert.deepEqual(analysis.messages.flatMap(m => m.errors.map(e => e.code)), ['invalid_grant']);
	});

	test('JSON nested 100,000 deep does not overflow the stack', () => {
		const text = `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const analysis = analyze(text);
		assert.equal(analysis.messages.length, 1);
		assert.equal(analysis.messages[0].json?.tooDeep, true);
		assert.ok(renderReport(text, analysis.messages).startsWith('# Token Error Help'));
	});

	test('NUL bytes and binary noise around a response', () => {
		const noise = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 37) % 256)).join('');
		const text = `${noise}\nHTTP/1.1 400 Bad Request\n\n{"error":"invalid_client"}\n${noise}\u0000`;
		assert.deepEqual(analyze(text).messages.flatMap(m => m.errors.map(e => e.code)), ['invalid_client']);
	});

	test('lone surrogates in an error_description are kept out of harm', () => {
		const text = `HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant","error_description":"bad \ud800 and \udfff"}`;
		const analysis = analyze(text);
		assert.equal(analysis.messages[0].errors[0].code, 'invalid_grant');
		assert.ok(renderReport(text, analysis.messages).includes('invalid_grant'));
	});

	test('CR-only line ends', () => {
		const text = 'HTTP/1.1 401 Unauthorized\rWWW-Authenticate: Bearer error="invalid_token"\r\r';
		const analysis = analyze(text);
		assert.equal(analysis.messages[0].status, 401);
		assert.deepEqual(analysis.messages[0].errors.map(e => e.code), ['invalid_token']);
	});

	test('10,000 responses: the analysis stops at its limit and says so', () => {
		const text = 'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}\n\n'.repeat(10_000);
		const analysis = analyze(text);
		assert.equal(analysis.truncated, true);
		assert.equal(analysis.messages.length, DEFAULT_MAX_MESSAGES);
		assert.ok(redact(text, analysis).length > 0);
	});

	test('an empty document and whitespace only', () => {
		for (const text of ['', ' ', '\n\n\n', '\t']) assert.deepEqual(analyze(text), { messages: [], truncated: false });
	});
});
