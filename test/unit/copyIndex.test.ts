import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CopyIndex } from '../../src/core/secrets/copyIndex';

// CopyIndex replaces every copy of many secret values in one pass (the CLI's last-line scrub, the
// MCP answers, SARIF lines). Checked against the obvious method: one search per value.

/** The obvious method: each value, longest first, replaced everywhere. */
function naive(target: string, values: ReadonlyArray<readonly [string, string]>): string {
	let out = target;
	for (const [value, replacement] of [...values].filter(([v]) => v.length >= 8).sort((a, b) => b[0].length - a[0].length)) out = out.split(value).join(replacement);
	return out;
}

suite('CopyIndex', () => {
	test('replaces every copy, leaves the rest, ignores values under 8 characters', () => {
		const index = new CopyIndex([['SecretValue-123', '«a»'], ['short', '«b»'], ['eyJhbGciOiJSUzI1NiJ9.payload.sig', '«jwt»']]);
		assert.equal(index.replace('x SecretValue-123 y SecretValue-123 short eyJhbGciOiJSUzI1NiJ9.payload.sig'), 'x «a» y «a» short «jwt»');
		assert.equal(index.replace('nothing here'), 'nothing here');
		assert.equal(index.replace('Secret'), 'Secret', 'shorter than a window');
		assert.equal(new CopyIndex([]).replace('SecretValue-123'), 'SecretValue-123');
	});

	test('a value containing another is replaced whole', () => {
		const index = new CopyIndex([['InnerSecret1', '«inner»'], ['OuterInnerSecret1Tail', '«outer»']]);
		assert.equal(index.replace('a OuterInnerSecret1Tail b InnerSecret1'), 'a «outer» b «inner»');
	});

	test('thousands of values sharing a start (JWT headers) or an end (padding) are all found', () => {
		const head = Array.from({ length: 1500 }, (_, i) => `eyJhbGciOiJSUzI1NiJ9.${i.toString(36)}x${(i * 7919).toString(36)}`);
		const tail = Array.from({ length: 1500 }, (_, i) => `${(i * 104729).toString(36)}k${i}AAAAAAAA==`);
		const values = [...head, ...tail].map(v => [v, '«r»'] as const);
		const text = [...head, ...tail].map((v, i) => `line ${i}: token=${v};`).join('\n');
		const out = new CopyIndex(values).replace(text);
		assert.equal(out, naive(text, values));
		assert.ok(!head.some(v => out.includes(v)) && !tail.some(v => out.includes(v)));
	});

	test('random values and texts: the same as one search per value whenever copies do not overlap, and never a copy left', () => {
		const alphabet = fc.constantFrom(...'abcAB12-_.=');
		const value = fc.string({ unit: alphabet, minLength: 8, maxLength: 20 });
		fc.assert(fc.property(fc.uniqueArray(value, { minLength: 1, maxLength: 12 }), fc.array(fc.oneof(value, fc.string({ unit: alphabet, maxLength: 10 })), { maxLength: 30 }), (vals, parts) => {
			const entries = vals.map((v, i) => [v, `«${i}»`] as const);
			const text = parts.join(' ');
			const out = new CopyIndex(entries).replace(text);
			for (const v of vals) assert.ok(!out.includes(v), `${v} left in ${out}`);
			// Where no two copies overlap or nest, both methods agree exactly.
			const spans = vals.flatMap(v => {
				const found: Array<[number, number]> = [];
				for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) found.push([i, i + v.length]);
				return found;
			}).sort((a, b) => a[0] - b[0]);
			if (spans.every((s, i) => i === 0 || s[0] >= spans[i - 1][1])) assert.equal(out, naive(text, entries));
		}), { numRuns: 500, seed: 5 });
	});
});
