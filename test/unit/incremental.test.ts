import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, combineChanges, reanalyze, type Analysis, type TextChange } from '../../src/core';

/** Fixed seed, as in properties.test.ts (`npm run fuzz` sets FUZZ_SEED/FUZZ_RUNS for longer runs). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 400;

/** The analysis as plain data: catalog entries by id, and a response's request by its start. */
function snapshot(analysis: Analysis): string {
	return JSON.stringify(analysis, (key, value) => {
		if (key === 'entry') return value ? value.id : null;
		if (key === 'request') return value ? { requestAt: value.span.start } : undefined;
		return value;
	});
}

/** Where two snapshots first differ, with some context. */
function difference(got: string, want: string): string {
	let i = 0;
	while (i < got.length && got[i] === want[i]) i++;
	return `incremental: …${got.slice(Math.max(0, i - 300), i + 200)}\nfull:        …${want.slice(Math.max(0, i - 300), i + 200)}`;
}

const stamp = fc.integer({ min: 0, max: 59 }).map(s => `2026-11-23T10:00:${String(s).padStart(2, '0')}.000Z`);
const line = fc.oneof(
	stamp.map(t => `${t} INFO  [main] c.e.orders.OrderController - request completed in 12 ms`),
	stamp.map(t => `${t} ERROR [main] c.e.auth.TokenClient - token request failed: invalid_grant (AADSTS70008: expired)`),
	stamp.map(t => `${t} ERROR okta said E0000011: Invalid token provided`),
	stamp.map(t => `${t} WARN callback https://app.example.com/cb?error=access_denied&error_description=denied`),
	stamp.map(t => `${t} DEBUG body {"error":"invalid_client","error_description":"Client authentication failed"}`),
	stamp.map(t => `${t} DEBUG {"event":"cache","count":3,"ok":true}`),
	stamp.map(t => `${t} DEBUG refresh_token=0.AXkAbCdEfGhIjKlMnOpQrStUvWxYz012345 client_secret=Zk3Jq9vX2mP7sL4tR8wY1nB6`),
	fc.constantFrom(
		'HTTP/1.1 400 Bad Request', 'HTTP/2 401', 'Content-Type: application/json', 'WWW-Authenticate: Bearer error="invalid_token"',
		'{', '  "error": "invalid_grant",', '  "error_description": "AADSTS54005: code already redeemed"', '}', '',
		'###', 'POST https://login.microsoftonline.com/common/oauth2/v2.0/token', 'grant_type=refresh_token&client_id=abc',
		'GET https://login.example.com/oauth2/token?grant_type=client_credentials', 'Caused by: invalid_grant', 'at com.example.Foo.bar(Foo.java:12)',
		'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln', 'plain words and slow_down without context', '{"error":"slow_down"',
		'< HTTP/1.1 401', '> POST /token HTTP/1.1', '  indented: invalid_grant', '12:00:01 polling: authorization_pending', '\r', '@host = https://x.example',
		'see https://auth0.com/docs/errors', 'token URL: https://sso.example.org/realms/shop/protocol/openid-connect/token', 'returned access_denied',
	),
	fc.string({ maxLength: 30 }),
);
const documentLines = fc.array(line, { minLength: 1, maxLength: 60 });

/** One edit: replace lines [at, at + remove) with `insert`, or change characters inside a line. */
const edit = fc.record({
	at: fc.nat(),
	remove: fc.integer({ min: 0, max: 3 }),
	insert: fc.array(line, { maxLength: 3 }),
	chars: fc.option(fc.record({ offset: fc.nat(), length: fc.integer({ min: 0, max: 5 }), text: fc.constantFrom('', 'x', '"', '{', '}', '\n', 'HTTP/1.1 401 ', '_grant', '2026-') }), { nil: undefined }),
});

/** Applies an edit to `text`; returns the new text and the change, in the form reanalyze takes. */
function apply(text: string, e: typeof edit extends fc.Arbitrary<infer T> ? T : never): { text: string; change: TextChange } {
	if (e.chars) {
		const start = text.length ? e.chars.offset % text.length : 0;
		const oldEnd = Math.min(text.length, start + e.chars.length);
		return { text: text.slice(0, start) + e.chars.text + text.slice(oldEnd), change: { start, oldEnd, newEnd: start + e.chars.text.length } };
	}
	const starts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	const first = e.at % starts.length;
	const start = starts[first];
	const oldEnd = first + e.remove < starts.length ? starts[first + e.remove] : text.length;
	const inserted = e.insert.map(l => `${l}\n`).join('');
	return { text: text.slice(0, start) + inserted + text.slice(oldEnd), change: { start, oldEnd, newEnd: start + inserted.length } };
}

suite('incremental re-analysis', () => {
	test('equals a full analysis after any sequence of edits (property)', () => {
		fc.assert(fc.property(documentLines, fc.array(edit, { minLength: 1, maxLength: 6 }), (lines, edits) => {
			let text = lines.join('\n');
			let analysis = analyze(text);
			for (const e of edits) {
				const next = apply(text, e);
				analysis = reanalyze(analysis, next.text, next.change);
				text = next.text;
				const got = snapshot(analysis);
				const want = snapshot(analyze(text));
				if (got !== want) assert.fail(`differs after ${JSON.stringify(next.change)} in ${JSON.stringify(text)}\n${difference(got, want)}`);
			}
		}), { seed: SEED, numRuns: RUNS });
	});

	test('a one-line edit in a long log re-analyses only the records near it', () => {
		const lines: string[] = [];
		for (let i = 0; i < 3000; i++) {
			lines.push(i % 50 === 7 ? `2026-11-23T10:00:00.000Z ERROR token request failed: invalid_grant (#${i})` : `2026-11-23T10:00:00.000Z INFO request ${i} completed`);
		}
		const text = lines.join('\n');
		const before = analyze(text);
		const keptObjects = new Set(before.messages);
		const at = text.indexOf('request 1500 completed');
		const inserted = 'request 1500 failed: invalid_client';
		const next = text.slice(0, at) + inserted + text.slice(at + 'request 1500 completed'.length);
		const after = reanalyze(before, next, { start: at, oldEnd: at + 'request 1500 completed'.length, newEnd: at + inserted.length });
		assert.equal(snapshot(after), snapshot(analyze(next)));
		const reused = after.messages.filter(m => keptObjects.has(m)).length;
		// 60 error lines before the edit: all but the handful near it are the same objects, moved.
		assert.ok(reused >= after.messages.length - 5, `reused ${reused} of ${after.messages.length}`);
		assert.ok(after.messages.some(m => m.errors.some(e => e.code === 'invalid_client')));
	});

	test('an edit declaring a file variable re-analyses the whole document', () => {
		const text = '@host = https://login.example.com\n\nPOST {{host}}/oauth2/token\n\ngrant_type=password\n';
		const before = analyze(text);
		const next = text.replace('login.example.com', 'login.microsoftonline.com');
		const change = { start: text.indexOf('login'), oldEnd: text.indexOf('login') + 'login.example.com'.length, newEnd: text.indexOf('login') + 'login.microsoftonline.com'.length };
		assert.equal(snapshot(reanalyze(before, next, change)), snapshot(analyze(next)));
	});

	test('a change that does not fit the previous text falls back to a full analysis', () => {
		const before = analyze('HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}');
		const text = 'something else entirely: invalid_client error';
		assert.equal(snapshot(reanalyze(before, text, { start: 0, oldEnd: 3, newEnd: 3 })), snapshot(analyze(text)));
	});

	test('two changes combine into one change of the first text (property)', () => {
		const change = (text: string, a: number, b: number, insert: string) => {
			const start = Math.min(a, b) % (text.length + 1);
			const oldEnd = Math.max(a, b) % (text.length + 1) < start ? start : Math.max(a, b) % (text.length + 1);
			return { text: text.slice(0, start) + insert + text.slice(oldEnd), change: { start, oldEnd, newEnd: start + insert.length } };
		};
		fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }),
			(old, a1, b1, i1, a2, b2, i2) => {
				const first = change(old, a1, b1, i1);
				const then = change(first.text, a2, b2, i2);
				const c = combineChanges(first.change, then.change);
				assert.equal(old.slice(0, c.start) + then.text.slice(c.start, c.newEnd) + old.slice(c.oldEnd), then.text);
				assert.equal(old.length + c.newEnd - c.oldEnd, then.text.length);
			}), { seed: SEED, numRuns: 3000 });
	});
});
