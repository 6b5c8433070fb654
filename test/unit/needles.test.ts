import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { indexWithin, lineEndOf, TextIndex } from '../../src/core/parse/lines';
import { literalTrie, NeedleSet } from '../../src/core/parse/needles';

/** Words over a small alphabet (with a capital and a regexp metacharacter), so that needles overlap and share prefixes. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '.', '/', '-', 'é'), minLength: 1, maxLength: 6 });
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '.', '/', '-', 'é', ' '), maxLength: 80 });

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Every match of `pattern`, moving one position on after each (as the vendor search does): offset and text. */
function matches(pattern: RegExp, s: string): string[] {
	const out: string[] = [];
	pattern.lastIndex = 0;
	for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
		out.push(`${m.index}:${m[0]}`);
		pattern.lastIndex = m.index + 1;
	}
	return out;
}

suite('Literal needles', () => {
	test('foundIn finds exactly the needles that includes() finds', () => {
		fc.assert(fc.property(fc.array(word, { maxLength: 20 }), text, (needles, s) => {
			const set = new NeedleSet(needles);
			assert.deepEqual([...set.foundIn(s)].sort(), [...new Set(needles.filter(n => s.includes(n)))].sort());
		}), { seed: 20261208, numRuns: 2000 });
	});

	test('ignoreCase folds ASCII letters only, as a regular expression\'s i flag does', () => {
		fc.assert(fc.property(fc.array(word, { maxLength: 20 }), text, (needles, s) => {
			const set = new NeedleSet(needles, { ignoreCase: true });
			const expected = new Set(needles.filter(n => new RegExp(escape(n), 'i').test(s)).map(n => n.replace(/[A-Z]/g, c => c.toLowerCase())));
			assert.deepEqual([...set.foundIn(s)].sort(), [...expected].sort());
		}), { seed: 20261208, numRuns: 2000 });
		assert.deepEqual([...new NeedleSet(['É']).foundIn('é')], []);
	});

	test('scanLongest reports the longest needle at each position, as a longest-first alternation does', () => {
		fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), text, (needles, s) => {
			const lower = [...new Set(needles.map(n => n.replace(/[A-Z]/g, c => c.toLowerCase())))].sort((a, b) => b.length - a.length);
			const alternation = new RegExp(lower.map(escape).join('|'), 'gi');
			const found: string[] = [];
			new NeedleSet(needles, { ignoreCase: true }).scanLongest(s, 0, s.length, (at, needle) => {
				found.push(`${at}:${s.slice(at, at + needle.length)}`);
			});
			assert.deepEqual(found, matches(alternation, s));
		}), { seed: 20261208, numRuns: 2000 });
	});

	test('scanLongest stays inside [from, to) and stops when asked', () => {
		const set = new NeedleSet(['ab', 'abc', 'c']);
		const seen: string[] = [];
		set.scanLongest('xabcab', 1, 5, (at, needle) => {
			seen.push(`${at}:${needle}`);
		});
		// `ab` at 4 would end past 5.
		assert.deepEqual(seen, ['1:abc', '3:c']);
		const first: string[] = [];
		set.scanLongest('abab', 0, 4, at => {
			first.push(String(at));
			return true;
		});
		assert.deepEqual(first, ['0']);
	});

	test('literalTrie matches what a longest-first alternation of the same words matches', () => {
		fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 25 }), text, (words, s) => {
			const lower = [...new Set(words.map(w => w.replace(/[A-Z]/g, c => c.toLowerCase())))];
			const alternation = new RegExp([...lower].sort((a, b) => b.length - a.length).map(escape).join('|'), 'gi');
			assert.deepEqual(matches(new RegExp(literalTrie(lower), 'gi'), s), matches(alternation, s));
		}), { seed: 20261208, numRuns: 2000 });
	});

	test('literalTrie shares prefixes and uses no quantifier', () => {
		const source = literalTrie(['login.example.com', 'login.example.org', 'login']);
		assert.equal(source, 'login(?:\\.example\\.(?:com|org)|)');
		assert.doesNotMatch(source, /[*+?{](?<!\(\?)/);
	});

	test('indexWithin, lineEndOf and a TextIndex\'s searches agree with plain definitions (property)', () => {
		const doc = fc.string({ unit: fc.constantFrom('a', 'b', '=', '\n', '\r', ' '), maxLength: 700 });
		const needle = fc.constantFrom('a', '=', 'ab', 'b=a', '\n');
		fc.assert(fc.property(doc, needle, fc.nat(), fc.nat(), (t, n, x, y) => {
			const from = x % (t.length + 2);
			const end = from + (y % (t.length + 3 - from));
			const plain = t.indexOf(n, from);
			const expected = plain >= 0 && plain + n.length <= end ? plain : -1;
			assert.equal(indexWithin(t, n, from, end), expected);
			const index = new TextIndex(t);
			assert.equal(index.indexWithin(n, from, end), expected);
			const breakAt = [t.indexOf('\n', from), t.indexOf('\r', from)].filter(i => i >= 0);
			const lineEnd = Math.max(from, Math.min(breakAt.length ? Math.min(...breakAt) : t.length, end));
			assert.equal(lineEndOf(t, from, end), lineEnd);
			assert.equal(index.lineEnd(from, end), lineEnd);
		}), { seed: 20261208, numRuns: 3000 });
	});
});
