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

/** End of the line containing `at` (before its line break), not after `max`. */
export function lineEndOf(text: string, at: number, max = text.length): number {
	// Remembered searches: a megabyte-long line is not walked again for every code on it.
	const lf = indexOfFrom(text, '\n', at);
	const cr = indexOfFrom(text, '\r', at);
	const end = lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
	return Math.max(at, Math.min(end, max));
}

/** Per needle: the last search in `text` (from → at), and from where on it does not occur at all. */
const lastSearch = new Map<string, { text: string; from: number; at: number; noneFrom: number }>();

/**
 * `text.indexOf(needle, from)`, remembering the answer: the analysis searches each
 * document forwards region by region, and a plain indexOf would rescan the rest of
 * the document from every region (quadratic on documents with many small messages).
 * It also remembers from where on the needle no longer occurs, so that a pass
 * going back to the start of a region never searches the rest of the text again.
 */
export function indexOfFrom(text: string, needle: string, from: number): number {
	let last = lastSearch.get(needle);
	if (last && last.text === text) {
		if (from >= last.noneFrom) return -1;
		if (from >= last.from && (last.at === -1 || last.at >= from)) return last.at;
	} else {
		last = undefined;
	}
	const at = text.indexOf(needle, from);
	const noneFrom = at === -1 ? Math.min(from, last?.noneFrom ?? Infinity) : last?.noneFrom ?? Infinity;
	lastSearch.set(needle, { text, from, at, noneFrom });
	return at;
}

/** The first `needle` in text[from, end), or -1. */
export function indexWithin(text: string, needle: string, from: number, end: number): number {
	const at = indexOfFrom(text, needle, from);
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

/** The last record search: the first record start after `from` and before `limit` was `at` (-1: none). */
let lastRecord: { text: string; from: number; limit: number; at: number } | undefined;

/**
 * The start of the first record line (see {@link isRecordStart}) after the line
 * holding `from` and before `end`, or -1. The analysis asks region by region,
 * moving forwards, so the last answer is remembered (as in {@link indexOfFrom}).
 */
export function nextRecordStart(text: string, from: number, end: number): number {
	const last = lastRecord;
	if (last && last.text === text && from >= last.from) {
		if (last.at >= 0 && last.at > from) return last.at < end ? last.at : -1;
		if (last.at < 0 && end <= last.limit) return -1;
	}
	let at = -1;
	for (let i = lineAfter(text, from); i < end && i < text.length; i = lineAfter(text, i)) {
		if (isRecordStart(text, i)) {
			at = i;
			break;
		}
	}
	lastRecord = { text, from, limit: end, at };
	return at;
}

/** The start of the line after the one holding `at` (the text's length on the last line). */
export function lineAfter(text: string, at: number): number {
	const end = lineEndOf(text, Math.min(at, text.length));
	if (end >= text.length) return text.length;
	return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/** Per pattern: the last search in `text` (from → match). */
const lastPatternSearch = new Map<RegExp, { text: string; from: number; match: Span | undefined }>();

/**
 * The first match of `pattern` (a regular expression with the `g` flag) at or
 * after `from`, remembering the last answer as {@link indexOfFrom} does.
 */
export function searchFrom(text: string, pattern: RegExp, from: number): Span | undefined {
	const last = lastPatternSearch.get(pattern);
	if (last && last.text === text && from >= last.from && (!last.match || last.match.start >= from)) return last.match;
	pattern.lastIndex = from;
	const m = pattern.exec(text);
	const match = m ? { start: m.index, end: m.index + m[0].length } : undefined;
	lastPatternSearch.set(pattern, { text, from, match });
	return match;
}
