/**
 * A fixed set of literal needles searched in one pass: each position of the
 * text is looked up by its first three characters (two or one for the shortest
 * needles) in tables built once, and only the needles starting so are compared
 * there. This replaces a regular expression alternating hundreds of literals
 * and repeated `includes` calls over a phrase list.
 *
 * With `ignoreCase`, ASCII letters are folded (as a regular expression's `i`
 * flag without `u` does); needles are reported in lower case.
 */
export class NeedleSet {
	/** Length of the longest needle (0 when there is none). */
	readonly longest: number;
	readonly #ignoreCase: boolean;
	/** Needles of three or more characters: at a hash of their first three, 1 + the index in #lists (0: none). */
	readonly #triples = new Uint16Array(TRIPLE_SLOTS);
	/** Needles of two characters: at a hash of both, 1 + the index in #lists (0: none). */
	readonly #pairs = new Uint16Array(TRIPLE_SLOTS);
	/** Needles by slot, longest first. */
	readonly #lists: string[][] = [];
	/** Needles of one character, by its code. */
	readonly #singles = new Map<number, string>();

	constructor(needles: Iterable<string>, options: { ignoreCase?: boolean } = {}) {
		this.#ignoreCase = options.ignoreCase ?? false;
		let longest = 0;
		const seen = new Set<string>();
		for (const raw of needles) {
			const needle = this.#ignoreCase ? foldAscii(raw) : raw;
			if (!needle || seen.has(needle)) continue;
			seen.add(needle);
			longest = Math.max(longest, needle.length);
			if (needle.length === 1) {
				this.#singles.set(needle.charCodeAt(0), needle);
				continue;
			}
			const table = needle.length === 2 ? this.#pairs : this.#triples;
			const key = needle.length === 2 ? pairSlot(needle.charCodeAt(0), needle.charCodeAt(1)) : tripleSlot(needle.charCodeAt(0), needle.charCodeAt(1), needle.charCodeAt(2));
			if (!table[key]) {
				if (this.#lists.length >= 0xffff) throw new Error('too many needles');
				this.#lists.push([]);
				table[key] = this.#lists.length;
			}
			this.#lists[table[key] - 1].push(needle);
		}
		for (const list of this.#lists) list.sort((a, b) => b.length - a.length);
		this.longest = longest;
	}

	/**
	 * Calls `found` at each position of text[from, to) where a needle lies wholly
	 * inside text[from, to), with the longest needle starting there, in text
	 * order, until `found` returns true.
	 */
	scanLongest(text: string, from: number, to: number, found: (at: number, needle: string) => boolean | void): void {
		this.#scan(text, from, to, false, found);
	}

	/** Calls `found` for every needle occurring in text[from, to) (every needle at each position, longest first), until it returns true. */
	scanAll(text: string, from: number, to: number, found: (at: number, needle: string) => boolean | void): void {
		this.#scan(text, from, to, true, found);
	}

	/** The needles occurring in `text`. */
	foundIn(text: string): Set<string> {
		const out = new Set<string>();
		this.scanAll(text, 0, text.length, (_at, needle) => {
			out.add(needle);
		});
		return out;
	}

	#scan(text: string, from: number, to: number, all: boolean, found: (at: number, needle: string) => boolean | void): void {
		const end = Math.min(to, text.length);
		const fold = this.#ignoreCase;
		const triples = this.#triples;
		const pairs = this.#pairs;
		const lists = this.#lists;
		const singles = this.#singles.size > 0 ? this.#singles : undefined;
		// The character at i (c0) and the two after it (-1 past the end), folded when asked.
		let c0 = from < end ? codeAt(text, from, fold) : -1;
		let c1 = from + 1 < end ? codeAt(text, from + 1, fold) : -1;
		for (let i = from; i < end; i++) {
			const c = c0;
			c0 = c1;
			c1 = i + 2 < end ? codeAt(text, i + 2, fold) : -1;
			let matched = false;
			if (c1 >= 0) {
				const slot = triples[tripleSlot(c, c0, c1)];
				if (slot) {
					const list = lists[slot - 1];
					for (let k = 0; k < list.length; k++) {
						const needle = list[k];
						if (i + needle.length <= end && matchesAt(text, i, needle, fold)) {
							matched = true;
							if (found(i, needle) === true) return;
							if (!all) break;
						}
					}
				}
			}
			if (c0 >= 0 && (all || !matched)) {
				const slot = pairs[pairSlot(c, c0)];
				if (slot) {
					const list = lists[slot - 1];
					for (let k = 0; k < list.length; k++) {
						if (matchesAt(text, i, list[k], fold)) {
							matched = true;
							if (found(i, list[k]) === true) return;
							break;
						}
					}
				}
			}
			if (singles && (all || !matched)) {
				const single = singles.get(c);
				if (single !== undefined && found(i, single) === true) return;
			}
		}
	}
}

/** Slots of each hash table (16 KB for both): a few hundred needles share few slots. */
const TRIPLE_SLOTS = 1 << 12;

function tripleSlot(a: number, b: number, c: number): number {
	return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) >>> 20;
}

function pairSlot(a: number, b: number): number {
	return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 20;
}

function codeAt(text: string, i: number, fold: boolean): number {
	const c = text.charCodeAt(i);
	return fold && c >= 65 && c <= 90 ? c + 32 : c;
}

/** `needle` (already folded when `fold`) at text[at…): hashes collide, so every character is compared. */
function matchesAt(text: string, at: number, needle: string, fold: boolean): boolean {
	for (let k = 0; k < needle.length; k++) {
		let c = text.charCodeAt(at + k);
		if (fold && c >= 65 && c <= 90) c += 32;
		if (c !== needle.charCodeAt(k)) return false;
	}
	return true;
}

/** ASCII letters in lower case, everything else as it is. */
function foldAscii(s: string): string {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
	}
	return out;
}

/**
 * A regular expression source matching any of `words` (lower case when the
 * expression gets the `i` flag), written as a trie: the words' common
 * prefixes are shared, so the engine follows one branch per character instead
 * of trying every word in turn. At each position it matches the longest word
 * starting there, as an alternation of the words sorted longest first would.
 * Only groups and alternatives, no quantifier.
 */
export function literalTrie(words: Iterable<string>): string {
	interface Node { children: Map<string, Node>; end: boolean }
	const root: Node = { children: new Map(), end: false };
	for (const word of words) {
		let node = root;
		for (const ch of word) {
			let child = node.children.get(ch);
			if (!child) node.children.set(ch, (child = { children: new Map(), end: false }));
			node = child;
		}
		node.end = true;
	}
	const emit = (node: Node): string => {
		const parts = [...node.children].map(([ch, child]) => escapeRegExp(ch) + emit(child));
		if (!parts.length) return '';
		// Longer words first: a word ending here is the last alternative (an empty one).
		if (parts.length === 1 && !node.end) return parts[0];
		return `(?:${parts.join('|')}${node.end ? '|' : ''})`;
	};
	return emit(root);
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
