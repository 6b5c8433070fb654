/**
 * What the MCP server does to every string it returns: pasted text may be hostile, and an
 * assistant shows the answer to a person and reads it as context.
 */
import { escapeMarkdown, redactionMarker, type SecretSpan } from '../core';
import { CopyIndex } from '../core/secrets/copyIndex';
import { MIN_REPEAT_LENGTH } from '../core/secrets/secrets';

/** C0/C1 controls (tab and line breaks too), zero-width characters, line/paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** The same without tab, LF and CR: multi-line text keeps its lines. */
// eslint-disable-next-line no-control-regex
const INVISIBLE_INLINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line of text: controls, zero-width and bidi characters become spaces. */
export function oneLine(value: string): string {
	return value.replace(INVISIBLE, ' ');
}

/** Multi-line text: tabs and line breaks stay, every other invisible character becomes a space. */
export function multiLine(value: string): string {
	return value.replace(INVISIBLE_INLINE, ' ');
}

/** `value` cut to `max` characters (never inside a surrogate pair), with a note when it was cut. */
export function cut(value: string, max: number): { text: string; cut: boolean } {
	if (value.length <= max) return { text: value, cut: false };
	let end = max;
	const c = value.charCodeAt(end - 1);
	if (c >= 0xd800 && c <= 0xdbff) end--;
	return { text: value.slice(0, end), cut: true };
}

/**
 * Last line of defence for a whole answer: every string in `value` (deeply) has each copy of a
 * detected secret replaced, in its raw and its Markdown-escaped form (one pass per string).
 */
export function scrubDeep<T>(value: T, scrubber: CopyIndex): T {
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return scrubber.replace(v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
		return v;
	};
	return walk(value) as T;
}

/** The scrubber for an analysed text: each secret value (8+ characters) and its Markdown-escaped form. */
export function secretScrubber(text: string, secrets: readonly SecretSpan[]): CopyIndex {
	const entries: Array<[string, string]> = [];
	for (const s of secrets) {
		const value = text.slice(s.start, s.end);
		entries.push([value, redactionMarker(s.kind)]);
		const escaped = escapeMarkdown(value);
		if (escaped !== value) entries.push([escaped, '«redacted»']);
	}
	return new CopyIndex(entries, MIN_REPEAT_LENGTH);
}
