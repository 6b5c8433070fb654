import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { bundledService, redact } from '../../src/core';
import { suggestCodes } from '../../src/core/catalog/suggest';
import { RangeRedactor } from '../../src/core/secrets/redactRange';
import { explainTokenError, MAX_LISTED_MESSAGES } from '../../src/mcp/explainTool';
import { lookupErrorCode } from '../../src/mcp/lookupTool';
import { canariesIn } from '../fixtures/security/securityChecks';

// The MCP tools' logic without the protocol (test/mcp/ drives the real server), and the two
// core helpers it added: RangeRedactor and suggestCodes.

const ROOT = resolve(__dirname, '../..');
const CANARY_TEXT = readFileSync(join(ROOT, 'test/fixtures/security/canaries.http'), 'utf8');
const service = bundledService();

suite('RangeRedactor', () => {
	test('the whole text redacted by range equals the core redaction', () => {
		const analysis = service.analyze(CANARY_TEXT);
		const redactor = new RangeRedactor(CANARY_TEXT, analysis.messages.flatMap(m => m.secrets));
		assert.equal(redactor.range({ start: 0, end: CANARY_TEXT.length }), redact(CANARY_TEXT, analysis));
	});

	test('a range cutting through a secret still hides its part', () => {
		const text = 'grant_type=client_credentials&client_secret=MadeUpSecret-Zx81Qm4Lw7Pk&scope=api';
		const analysis = service.analyze(text);
		const [secret] = analysis.messages.flatMap(m => m.secrets);
		assert.ok(secret, 'the client secret is detected');
		const redactor = new RangeRedactor(text, [secret]);
		const middle = redactor.range({ start: secret.start + 4, end: secret.end - 4 }, { copies: false });
		assert.equal(middle, '«redacted:client_secret»');
		const around = redactor.range({ start: secret.start - 5, end: secret.end + 6 });
		assert.equal(around, 'cret=«redacted:client_secret»&scope');
		assert.equal(redactor.range({ start: 0, end: 10 }), 'grant_type', 'a range without secrets is the text');
	});

	test('any range of any paste: no secret value of 8 characters or more survives', () => {
		const lines = CANARY_TEXT.split('\n');
		fc.assert(fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 30 }), fc.nat(), fc.nat(), (picked, a, b) => {
			const text = picked.join('\n');
			const secrets = service.analyze(text).messages.flatMap(m => m.secrets);
			const redactor = new RangeRedactor(text, secrets);
			const start = text.length ? a % text.length : 0;
			const end = Math.min(text.length, start + (b % 400));
			const out = redactor.range({ start, end });
			for (const s of secrets) {
				const value = text.slice(s.start, s.end);
				if (value.length >= 8) assert.ok(!out.includes(value), `${s.kind} survives in [${start}, ${end})`);
			}
		}), { numRuns: 200, seed: 11 });
	});
});

suite('suggestCodes', () => {
	const known = ['invalid_grant', 'invalid_client', 'invalid_request', 'invalid_scope', 'invalid_rapt', 'access_denied'];

	test('closest first, then alphabetical, at most max', () => {
		assert.deepEqual(suggestCodes('invalid_grand', known), ['invalid_grant', 'invalid_rapt']);
		assert.deepEqual(suggestCodes('INVALID_SCOPE', known), ['invalid_scope'], 'case does not count');
		assert.deepEqual(suggestCodes('invalid_grand', known, 1), ['invalid_grant']);
		assert.deepEqual(suggestCodes('zzzz', known), []);
	});
});

suite('MCP tools (without the protocol)', () => {
	test('a long log lists the first 50 messages and says how many more there are', () => {
		const line = (i: number) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z ERROR token refresh failed: invalid_grant (request ${i})`;
		const text = Array.from({ length: 60 }, (_, i) => line(i)).join('\n');
		const answer = explainTokenError(service, text);
		assert.ok(answer.ok);
		assert.equal(answer.structured.messageCount, 60);
		assert.equal(answer.structured.messages.length, MAX_LISTED_MESSAGES);
		assert.match(answer.markdown, /10 more messages are not shown: the first 50 are\./);
		assert.deepEqual(answer.structured.messages.map(m => m.line), Array.from({ length: 50 }, (_, i) => i + 1));
	});

	test('every string of the answer is free of the canaries, Markdown-escaped copies included', () => {
		const answer = explainTokenError(service, CANARY_TEXT);
		assert.ok(answer.ok);
		assert.deepEqual(canariesIn(answer.markdown), []);
		assert.deepEqual(canariesIn(JSON.stringify(answer.structured)), []);
	});

	test('a text longer than the returned head: a secret cut by the head\'s end is still redacted', () => {
		const secret = 'MadeUpSecret-Zx81Qm4Lw7Pk';
		const before = 'grant_type=client_credentials&client_secret=';
		const pad = 'INFO nothing to see\n'.repeat(Math.ceil((100_000 - before.length - 10) / 20));
		const head = pad.slice(0, 100_000 - before.length - 10);
		const text = `${head}${before}${secret}\n${'INFO more\n'.repeat(20_000)}`;
		const answer = explainTokenError(service, text);
		assert.ok(answer.ok);
		assert.equal(answer.structured.redactedInputTruncated, true);
		assert.ok(answer.structured.redactedInput.endsWith(`${before}«redacted:client_secret»`), answer.structured.redactedInput.slice(-80));
		assert.ok(!answer.structured.redactedInput.includes(secret.slice(0, 10)));
	});

	test('text without anything to explain', () => {
		const answer = explainTokenError(service, 'The deploy went fine.\n');
		assert.ok(answer.ok);
		assert.deepEqual(answer.structured.messages, []);
		assert.match(answer.markdown, /No OAuth or OpenID Connect error/);
	});

	test('lookup: an HTTP status, a vendor without an entry for the code, and a token pasted as a code', () => {
		const status = lookupErrorCode(service, '401');
		assert.ok(status.ok && status.structured.found);
		assert.equal(status.structured.entry?.kind, 'status');
		const miss = lookupErrorCode(service, 'AADSTS70008', 'okta');
		assert.ok(miss.ok);
		assert.equal(miss.structured.entry?.id, 'entra.AADSTS70008');
		assert.match(miss.structured.message, /The catalog has no Okta entry for it; this is the Microsoft Entra ID entry\./);
		const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtYWRlLXVwIiwiZXhwIjoxNzAwMDAwMDAwfQ.bWFkZS11cC1zaWduYXR1cmUtdmFsdWUtMTIz';
		const pasted = lookupErrorCode(service, jwt);
		assert.ok(pasted.ok);
		assert.ok(!JSON.stringify(pasted).includes(jwt.split('.')[2]), 'the token is not repeated back');
		assert.equal(pasted.structured.found, false);
	});
});
