/**
 * Replaces every occurrence of a set of values in a string in one pass over the string, through
 * an index of a short window of each value, instead of one search of the whole string per value:
 * a log with a secret on every line has tens of thousands of values, and a report, a field or a
 * whole output is scrubbed against all of them.
 */
interface Indexed {
	value: string;
	replacement: string;
	/** Where in the value its key window starts. */
	offset: number;
}

const BASE = 0x01000193;

/** Polynomial hash of `s[start, start + w)`, as a 32-bit signed integer (kept small enough to never be boxed). */
function windowHash(s: string, start: number, w: number): number {
	let h = 0;
	for (let k = 0; k < w; k++) h = (Math.imul(h, BASE) + s.charCodeAt(start + k)) | 0;
	return h;
}

export class CopyIndex {
	/** Values by the hash of a window of {@link #window} characters: its start, middle or end, whichever the fewest values share. */
	readonly #byWindow = new Map<number, Indexed[]>();
	readonly #window: number;
	/** BASE^(window - 1), to drop the character leaving the rolling hash. */
	readonly #highPower: number;
	/** Low 16 bits of every indexed hash: most windows of a text are ruled out without a map look-up. */
	readonly #filter = new Uint8Array(1 << 16);

	/** `entries`: value → replacement (the first one given wins). Values shorter than `minLength` are ignored: too likely to occur by chance. */
	constructor(entries: Iterable<readonly [string, string]>, minLength = 8) {
		const w = this.#window = minLength;
		let power = 1;
		for (let k = 1; k < w; k++) power = Math.imul(power, BASE);
		this.#highPower = power;
		const values = new Map<string, string>();
		for (const [value, replacement] of entries) if (value.length >= minLength && !values.has(value)) values.set(value, replacement);
		// Tokens of one kind often share a start (a JWT header) or an end (padding): key each value
		// by the window that the fewest values share, so that no window holds them all.
		const offsets = (v: string) => [...new Set([0, (v.length - w) >> 1, v.length - w])];
		const shared = new Map<string, number>();
		for (const v of values.keys()) for (const o of offsets(v)) shared.set(v.slice(o, o + w), (shared.get(v.slice(o, o + w)) ?? 0) + 1);
		for (const [value, replacement] of values) {
			let offset = 0;
			let fewest = Infinity;
			for (const o of offsets(value)) {
				const n = shared.get(value.slice(o, o + w))!;
				if (n < fewest) [offset, fewest] = [o, n];
			}
			const key = windowHash(value, offset, w);
			this.#filter[key & 0xffff] = 1;
			const list = this.#byWindow.get(key);
			if (list) list.push({ value, replacement, offset }); else this.#byWindow.set(key, [{ value, replacement, offset }]);
		}
	}

	/** True when no value is indexed (replace returns its input). */
	get empty(): boolean {
		return this.#byWindow.size === 0;
	}

	/**
	 * `target` with every occurrence of a value replaced, found in one pass; where occurrences
	 * overlap, the leftmost wins, and of those starting together the longest.
	 */
	replace(target: string): string {
		const w = this.#window;
		if (!this.#byWindow.size || target.length < w) return target;
		const matches: Array<{ start: number; end: number; replacement: string }> = [];
		// A rolling hash over every window of the target: no substring is made, each step is O(1).
		let h = windowHash(target, 0, w);
		for (let i = 0; ; i++) {
			const list = this.#filter[h & 0xffff] ? this.#byWindow.get(h) : undefined;
			if (list) {
				for (const { value, replacement, offset } of list) {
					const start = i - offset;
					if (start >= 0 && target.startsWith(value, start)) matches.push({ start, end: start + value.length, replacement });
				}
			}
			if (i + w >= target.length) break;
			h = (Math.imul((h - Math.imul(target.charCodeAt(i), this.#highPower)) | 0, BASE) + target.charCodeAt(i + w)) | 0;
		}
		if (!matches.length) return target;
		matches.sort((a, b) => a.start - b.start || b.end - a.end);
		let out = '';
		let cursor = 0;
		for (const m of matches) {
			if (m.start < cursor) continue;
			out += target.slice(cursor, m.start) + m.replacement;
			cursor = m.end;
		}
		return out + target.slice(cursor);
	}
}
