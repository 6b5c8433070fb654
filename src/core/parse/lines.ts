import type { Span } from '../types';

/** One line of text: `[start, end)` excludes the line break; `next` is where the following line starts. */
export interface Line extends Span {
	next: number;
}

/** The line starting at `pos`. Accepts LF, CRLF and CR-only line ends. */
export function lineAt(text: string, pos: number): Line {
	let i = pos;
	const n = text.length;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === 10) return { start: pos, end: i, next: i + 1 };
		if (c === 13) return { start: pos, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
		i++;
	}
	return { start: pos, end: n, next: n };
}

/** True for space and tab. */
export function isBlankChar(c: number): boolean {
	return c === 32 || c === 9;
}

/** First offset in `[start, end)` that is not a space or tab (or `end`). */
export function skipBlanks(text: string, start: number, end: number): number {
	let i = start;
	while (i < end && isBlankChar(text.charCodeAt(i))) i++;
	return i;
}

/** Last offset + 1 in `[start, end)` after trimming trailing blanks. */
export function trimEnd(text: string, start: number, end: number): number {
	let i = end;
	while (i > start && isBlankChar(text.charCodeAt(i - 1))) i--;
	return i;
}

/** True when the line holds only spaces and tabs. */
export function isBlankLine(text: string, line: Span): boolean {
	return skipBlanks(text, line.start, line.end) === line.end;
}

/** True for ASCII letters, digits and `_` (word characters of error codes). */
export function isWordChar(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** RFC 9110 `tchar`: the characters of a header name or token. */
export function isTokenChar(c: number): boolean {
	return isWordChar(c) || c === 45 || c === 46 || c === 33 || c === 35 || c === 36 || c === 37 || c === 38
		|| c === 39 || c === 42 || c === 43 || c === 94 || c === 96 || c === 124 || c === 126;
}

/** Start of the line containing `at`, not before `min`. */
export function lineStartOf(text: string, at: number, min = 0): number {
	let i = at;
	while (i > min && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
	return i;
}

/**
 * End of the line containing `at` (before its line break), not after `max`.
 * It reads the line from `at` on: give a near `max`, or use
 * {@link TextIndex.lineEnd}, where lines may be long and asked about often.
 */
export function lineEndOf(text: string, at: number, max = text.length): number {
	const stop = Math.min(max, text.length);
	let i = at;
	while (i < stop) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) break;
		i++;
	}
	return Math.max(at, i);
}

/** The first `needle` in text[from, end), or -1. It reads text[from, end) only: for short ranges, or ranges searched once. */
export function indexWithin(text: string, needle: string, from: number, end: number): number {
	const last = Math.min(end, text.length) - needle.length;
	if (last < from) return -1;
	if (last - from < 256) {
		// Short ranges: compared in place, nothing allocated (a cookie header of a million segments asks this a million times).
		const first = needle.charCodeAt(0);
		for (let i = Math.max(0, from); i <= last; i++) if (text.charCodeAt(i) === first && text.startsWith(needle, i)) return i;
		return -1;
	}
	const at = (end >= text.length ? text : text.slice(0, end)).indexOf(needle, from);
	return at >= 0 && at + needle.length <= end ? at : -1;
}

/**
 * True when the line starting at `lineStart` opens a new log record: after
 * blanks and `[`, a date (`2026-`) or a time (`12:`). Evidence never spans two
 * records, which keeps the analysis of one record independent of the others.
 */
export function isRecordStart(text: string, lineStart: number): boolean {
	let i = lineStart;
	while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 91) i++;
	if (!isDigitAt(text, i) || !isDigitAt(text, i + 1)) return false;
	return (isDigitAt(text, i + 2) && isDigitAt(text, i + 3) && text.charCodeAt(i + 4) === 45) || text.charCodeAt(i + 2) === 58;
}

function isDigitAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	return c >= 48 && c <= 57;
}

/**
 * One text as one analysis reads it: forward searches that remember their last
 * answer, so that a document searched region by region, moving forwards, is
 * read about once instead of once per region. Built once per analysis (or per
 * call of a parser used alone) and passed down; nothing is kept between
 * analyses.
 */
export class TextIndex {
	readonly text: string;
	/** Per needle: the last search (from → at), and from where on the needle does not occur at all. */
	readonly #needles = new Map<string, { from: number; at: number; noneFrom: number }>();
	/** Per pattern: the last search (from → match). */
	readonly #patterns = new Map<RegExp, { from: number; match: Span | undefined }>();
	/** The last record search: the first record start after `from` and before `limit` was `at` (-1: none). */
	#record: { from: number; limit: number; at: number } | undefined;
	/** The last line {@link lineAround} found. */
	#line: Span | undefined;

	constructor(text: string) {
		this.text = text;
	}

	/**
	 * `text.indexOf(needle, from)`, remembering the answer: a plain indexOf from
	 * every region would rescan the rest of the document (quadratic on documents
	 * with many small messages). It also remembers from where on the needle no
	 * longer occurs, so that a pass going back to the start of a region never
	 * searches the rest of the text again.
	 */
	indexOf(needle: string, from: number): number {
		let last = this.#needles.get(needle);
		if (last) {
			if (from >= last.noneFrom) return -1;
			if (from >= last.from && (last.at === -1 || last.at >= from)) return last.at;
		} else {
			last = undefined;
		}
		const at = this.text.indexOf(needle, from);
		const noneFrom = at === -1 ? Math.min(from, last?.noneFrom ?? Infinity) : last?.noneFrom ?? Infinity;
		this.#needles.set(needle, { from, at, noneFrom });
		return at;
	}

	/** The first `needle` in text[from, end), or -1 (a remembered search, see {@link indexOf}). */
	indexWithin(needle: string, from: number, end: number): number {
		const at = this.indexOf(needle, from);
		return at >= 0 && at + needle.length <= end ? at : -1;
	}

	/** End of the line containing `at` (before its line break), not after `max`, by remembered searches: a megabyte-long line is not walked again for every code on it. */
	lineEnd(at: number, max = this.text.length): number {
		const lf = this.indexOf('\n', at);
		const cr = this.indexOf('\r', at);
		const end = lf < 0 ? (cr < 0 ? this.text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
		return Math.max(at, Math.min(end, max));
	}

	/** The start of the line after the one holding `at` (the text's length on the last line). */
	lineAfter(at: number): number {
		const text = this.text;
		const end = this.lineEnd(Math.min(at, text.length));
		if (end >= text.length) return text.length;
		return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
	}

	/** The line holding `at`, remembered: the mentions on one long line share a single walk back to its start. */
	lineAround(at: number): Span {
		const last = this.#line;
		if (last && at >= last.start && at < last.end) return last;
		const line = { start: lineStartOf(this.text, at), end: this.lineEnd(at) };
		this.#line = line;
		return line;
	}

	/**
	 * The start of the first record line (see {@link isRecordStart}) after the line
	 * holding `from` and before `end`, or -1. The analysis asks region by region,
	 * moving forwards, so the last answer is remembered.
	 */
	nextRecordStart(from: number, end: number): number {
		const text = this.text;
		const last = this.#record;
		if (last && from >= last.from) {
			if (last.at >= 0 && last.at > from) return last.at < end ? last.at : -1;
			if (last.at < 0 && end <= last.limit) return -1;
		}
		let at = -1;
		for (let i = this.lineAfter(from); i < end && i < text.length; i = this.lineAfter(i)) {
			if (isRecordStart(text, i)) {
				at = i;
				break;
			}
		}
		this.#record = { from, limit: end, at };
		return at;
	}

	/** The first match of `pattern` (a regular expression with the `g` flag) at or after `from`, remembered as {@link indexOf} does. */
	search(pattern: RegExp, from: number): Span | undefined {
		const last = this.#patterns.get(pattern);
		if (last && from >= last.from && (!last.match || last.match.start >= from)) return last.match;
		pattern.lastIndex = from;
		const m = pattern.exec(this.text);
		const match = m ? { start: m.index, end: m.index + m[0].length } : undefined;
		this.#patterns.set(pattern, { from, match });
		return match;
	}
}

/** `text` cut at `end` (a view, not a copy), so that a search from an offset before it stops there. */
export function upTo(text: string, end: number): string {
	return end < text.length ? text.slice(0, end) : text;
}
