import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineNumbers, lineOf } from '../../src/core';

/** Counts line breaks before `offset` one by one: the definition lineOf must agree with. */
function naiveLineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
	}
	return line;
}

suite('lineOf', () => {
	test('agrees with counting line breaks, for LF, CRLF and CR texts (property)', () => {
		const text = fc.array(fc.constantFrom('a', 'bc', '\n', '\r\n', '\r', ''), { maxLength: 60 }).map(parts => parts.join(''));
		fc.assert(fc.property(text, fc.nat(), (t, n) => {
			const numbered = lineNumbers(t);
			for (const offset of [0, n % (t.length + 2), t.length, t.length + 5]) {
				assert.equal(lineOf(t, offset), naiveLineOf(t, offset));
				assert.equal(numbered(offset), naiveLineOf(t, offset));
			}
		}), { seed: 20261123, numRuns: 2000 });
	});

	test('numbers lines anywhere in a long text, in any order of questions', () => {
		const text = 'x\n'.repeat(200_000);
		assert.equal(lineOf(text, text.length), 200_001);
		const numbered = lineNumbers(text);
		assert.equal(numbered(text.length), 200_001);
		for (let i = 20_000 - 1; i >= 0; i--) assert.equal(numbered(i * 20), i * 10 + 1);
	});
});
