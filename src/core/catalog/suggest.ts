/**
 * Closest known code to a mistyped one (`invalid_grand` → `invalid_grant`),
 * by Damerau–Levenshtein distance with a cut-off that scales with length.
 */
export function suggestCode(code: string, known: Iterable<string>): string | undefined {
	return indexOf([...known]).suggest(code);
}

/** What {@link suggestFromCatalog} needs of a catalog: its codes, which never change. */
export interface CodeSource {
	codes(): Iterable<string>;
}

/** One index per catalog: built on the first unknown code, then reused (a log repeats its unknown codes). */
const indexes = new WeakMap<CodeSource, SuggestionIndex>();

/** {@link suggestCode} against a catalog's codes, with the catalog's codes indexed once and answers remembered. */
export function suggestFromCatalog(code: string, catalog: CodeSource): string | undefined {
	let index = indexes.get(catalog);
	if (!index) {
		index = indexOf([...catalog.codes()]);
		indexes.set(catalog, index);
	}
	return index.suggest(code);
}

/** Answers remembered per index; then the memory starts over. */
const MAX_REMEMBERED = 10_000;
/** Buckets of the character histograms (characters are folded into them). */
const BUCKETS = 32;

interface Candidate {
	code: string;
	/** Position among the known codes: ties go to the earlier code. */
	order: number;
	/** Which buckets the code's characters fall in. */
	mask: number;
	histogram: Uint8Array;
}

function histogramOf(code: string): Uint8Array {
	const h = new Uint8Array(BUCKETS);
	for (let i = 0; i < code.length; i++) {
		const b = code.charCodeAt(i) % BUCKETS;
		if (h[b] < 255) h[b]++;
	}
	return h;
}

function maskOf(histogram: Uint8Array): number {
	let mask = 0;
	for (let b = 0; b < BUCKETS; b++) if (histogram[b]) mask |= 1 << b;
	return mask;
}

function bitCount(n: number): number {
	let v = n - ((n >>> 1) & 0x55555555);
	v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
	return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Known codes by length, with cheap lower bounds on the edit distance: an
 * insertion or deletion changes one character count by one, a substitution
 * two counts, a transposition none, so the distance is at least half the L1
 * distance of the histograms (and of their presence masks). Only candidates
 * that pass both bounds are compared character by character.
 */
class SuggestionIndex {
	readonly #byLength = new Map<number, Candidate[]>();
	readonly #answers = new Map<string, string | undefined>();

	constructor(codes: readonly string[]) {
		for (const [order, code] of codes.entries()) {
			const histogram = histogramOf(code);
			const candidate = { code, order, histogram, mask: maskOf(histogram) };
			const list = this.#byLength.get(code.length);
			if (list) list.push(candidate); else this.#byLength.set(code.length, [candidate]);
		}
	}

	suggest(code: string): string | undefined {
		if (this.#answers.has(code)) return this.#answers.get(code);
		const answer = this.#search(code);
		if (this.#answers.size >= MAX_REMEMBERED) this.#answers.clear();
		this.#answers.set(code, answer);
		return answer;
	}

	#search(code: string): string | undefined {
		const target = code.toLowerCase();
		const limit = target.length <= 6 ? 1 : target.length <= 12 ? 2 : 3;
		const histogram = histogramOf(target);
		const mask = maskOf(histogram);
		let best: string | undefined;
		let bestDistance = limit + 1;
		// No tie counts until there is a best: only distances within the limit do.
		let bestOrder = -1;
		// Same length first, then ±1, ±2…: a close answer found early makes the bounds prune the rest.
		for (let step = 0; step <= 2 * limit; step++) {
			const length = target.length + (step % 2 ? (step + 1) / 2 : -step / 2);
			for (const c of this.#byLength.get(length) ?? []) {
				const bound = Math.max(Math.abs(length - target.length), Math.ceil(bitCount(mask ^ c.mask) / 2));
				// A tie goes to the earlier code, so an equal distance still counts for an earlier one.
				const reach = c.order < bestOrder ? bestDistance + 1 : bestDistance;
				if (bound >= reach || l1Bound(histogram, c.histogram, reach) >= reach) continue;
				const d = editDistance(target, c.code, reach);
				if (d < bestDistance || (d === bestDistance && c.order < bestOrder)) {
					best = c.code;
					bestDistance = d;
					bestOrder = c.order;
				}
			}
		}
		return best;
	}
}

/** Half the L1 distance of two histograms, rounded up; stops early once it reaches `cap`. */
function l1Bound(a: Uint8Array, b: Uint8Array, cap: number): number {
	let sum = 0;
	for (let i = 0; i < BUCKETS; i++) {
		sum += Math.abs(a[i] - b[i]);
		if ((sum + 1) >> 1 >= cap) return cap;
	}
	return (sum + 1) >> 1;
}

function indexOf(codes: readonly string[]): SuggestionIndex {
	return new SuggestionIndex(codes);
}

/** Optimal-string-alignment distance; returns `cap` early once it cannot be beaten. */
export function editDistance(a: string, b: string, cap = Infinity): number {
	let prevPrev: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
			row.push(v);
			if (v < rowMin) rowMin = v;
		}
		if (rowMin >= cap) return cap;
		prevPrev = prev;
		prev = row;
	}
	return prev[b.length];
}

/**
 * Up to `max` known codes close to `code`, closest first (then alphabetically), with the same
 * length-scaled cut-off as {@link suggestCode}.
 */
export function suggestCodes(code: string, known: Iterable<string>, max = 5): string[] {
	const target = code.toLowerCase();
	const limit = target.length <= 6 ? 1 : target.length <= 12 ? 2 : 3;
	const found: Array<{ candidate: string; distance: number }> = [];
	for (const candidate of known) {
		if (Math.abs(candidate.length - target.length) > limit) continue;
		const distance = editDistance(target, candidate.toLowerCase(), limit + 1);
		if (distance <= limit) found.push({ candidate, distance });
	}
	return found.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
		.slice(0, max).map(f => f.candidate);
}
