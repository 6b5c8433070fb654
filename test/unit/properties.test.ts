import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, explainMessage, redact, renderReport, type Analysis } from '../../src/core';

/** Fixed seed: the same 10,000+ cases on every run of npm test (`npm run fuzz` explores further). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0);

const CODES = ['invalid_grant', 'invalid_client', 'authorization_pending', 'slow_down', 'AADSTS70008', 'E0000011', 'invalid_grand', 'access_denied'];
const SECRETS = ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln', 'Zk3Jq9vX2mP7sL4tR8wY1nB6', 'gho_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'];

const token = fc.constantFrom(...CODES);
const secret = fc.constantFrom(...SECRETS);
const line = fc.oneof(
	fc.string({ maxLength: 60 }),
	fc.constantFrom('HTTP/1.1 400 Bad Request', 'HTTP/2 401', 'HTTP/1.1 200 - OK', '###', '```', '...', '', '  ', '< HTTP/1.1 401', '> POST /token HTTP/1.1', 'POST {{host}}/oauth2/token', 'GET https://login.example.com/oauth2/token?client_secret=x'),
	token.map(c => `{"error":"${c}","error_description":"AADSTS70008: expired","error_codes":[70008]}`),
	fc.tuple(token, fc.string({ maxLength: 20 })).map(([c, d]) => `WWW-Authenticate: Bearer, error=${c}, error_description="${d}`),
	fc.tuple(token, fc.string({ maxLength: 20 })).map(([c, d]) => `https://app.example.com/cb?error=${c}&error_description=${encodeURIComponent(d)}#error=${c}`),
	secret.map(s => `{"access_token":"${s}","refresh_token":"${s}","token_type":"Bearer"}`),
	secret.map(s => `Authorization: Bearer ${s}`),
	secret.map(s => `client_secret=${s}&grant_type=authorization_cod&code=abc`),
	fc.constantFrom('Content-Type: application/json', 'content-type: text/plain', 'Cache-Control: no-store', 'Set-Cookie: sid=abcdef123456; Path=/', '{', '}', '"', '\\', '=', '%zz', '\u0000', '\ud800', '\r'),
);
const document = fc.array(line, { maxLength: 30 }).chain(lines => fc.constantFrom('\n', '\r\n', '\r').map(eol => lines.join(eol)));
const anyText = fc.oneof(document, fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }));

function checkInvariants(text: string, analysis: Analysis): void {
	let previous = -1;
	for (const m of analysis.messages) {
		assert.ok(m.span.start >= 0 && m.span.start <= m.span.end && m.span.end <= text.length, 'message span in bounds');
		assert.ok(m.span.start >= previous, 'messages in document order');
		previous = m.span.start;
		for (const s of [...m.errors.map(e => e.span), ...m.vendorCodes.map(v => v.span), ...m.findings.map(f => f.span), ...m.secrets]) {
			assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, 'span in bounds');
		}
		for (const f of m.findings) for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.span.start >= 0 && e.span.end <= text.length && e.span.start <= e.span.end, 'fix edit in bounds');
	}
}

suite('properties (fast-check)', () => {
	test('analysis, rules, explanations and reports never throw; offsets stay in bounds and ordered', () => {
		fc.assert(fc.property(anyText, text => {
			const analysis = analyze(text);
			checkInvariants(text, analysis);
			for (const m of analysis.messages) explainMessage(text, m);
			renderReport(text, analysis.messages);
		}), { seed: SEED, numRuns: RUNS || 6000 });
	});

	test('redaction never leaves a detected secret behind', () => {
		fc.assert(fc.property(document, text => {
			const analysis = analyze(text);
			const values = analysis.messages.flatMap(m => m.secrets).map(s => text.slice(s.start, s.end)).filter(v => v.length >= 8);
			const redacted = redact(text, analysis);
			for (const v of values) assert.ok(!redacted.includes(v), `secret left behind: ${v.slice(0, 12)}…`);
			const again = analyze(redacted);
			assert.deepEqual(again.messages.flatMap(m => m.secrets).map(s => redacted.slice(s.start, s.end)).filter(v => !v.startsWith('«')), []);
		}), { seed: SEED, numRuns: RUNS || 4000 });
	});

	test('reports never contain a detected secret value', () => {
		fc.assert(fc.property(document, text => {
			const analysis = analyze(text);
			const report = renderReport(text, analysis.messages).replace(/\\/g, '');
			for (const s of analysis.messages.flatMap(m => m.secrets)) {
				const value = text.slice(s.start, s.end);
				if (value.length >= 8) assert.ok(!report.includes(value), `report contains a ${s.kind}`);
			}
		}), { seed: SEED, numRuns: RUNS || 2000 });
	});
});
