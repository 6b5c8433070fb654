import type { SecretSpan, Span } from '../types';
import { CopyIndex } from './copyIndex';
import { MIN_REPEAT_LENGTH, redactSpans } from './secrets';
import { redactionMarker } from './tokenShapes';

/**
 * Redacts parts of one analysed text: a line, a message's excerpt, a field taken from it.
 * Built once per analysis; each call finds the secrets inside its range by binary search
 * (never by a walk over every secret), so asking for every line of a large log stays linear.
 */
export class RangeRedactor {
	readonly #text: string;
	readonly #secrets: SecretSpan[];
	/** For each secret (sorted by start): the largest end among it and every secret before it. */
	readonly #reach: number[] = [];
	readonly #copies: CopyIndex;

	constructor(text: string, secrets: readonly SecretSpan[]) {
		this.#text = text;
		this.#secrets = [...secrets].sort((a, b) => a.start - b.start || a.end - b.end);
		let max = -1;
		for (const s of this.#secrets) this.#reach.push(max = Math.max(max, s.end));
		this.#copies = new CopyIndex(secrets.map(s => [text.slice(s.start, s.end), redactionMarker(s.kind)] as const), MIN_REPEAT_LENGTH);
	}

	/**
	 * The text of `range` with each secret inside it (or overlapping it) replaced by its marker and,
	 * unless `copies` is false, every copy of a secret found elsewhere in the text too.
	 */
	range(range: Span, { copies = true } = {}): string {
		const { start, end } = range;
		const inside: SecretSpan[] = [];
		for (let i = this.#lastStartingBefore(end); i >= 0 && this.#reach[i] > start; i--) {
			const s = this.#secrets[i];
			if (s.end > start) inside.push({ kind: s.kind, start: Math.max(s.start, start) - start, end: Math.min(s.end, end) - start });
		}
		const redacted = redactSpans(this.#text.slice(start, end), inside, redactionMarker);
		return copies ? this.#copies.replace(redacted) : redacted;
	}

	/** `value` (any string: a field, a message, a report) with every copy of a detected secret value replaced. */
	copies(value: string): string {
		return this.#copies.replace(value);
	}

	/** Index of the last secret that starts before `offset`, or -1. */
	#lastStartingBefore(offset: number): number {
		let lo = 0;
		let hi = this.#secrets.length - 1;
		let found = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (this.#secrets[mid].start < offset) {
				found = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		return found;
	}
}
