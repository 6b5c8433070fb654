import { sanitizeText } from './sanitize';

/*
 * Markdown that reads clean as plain text and as rendered Markdown (CommonMark, with the
 * extensions VS Code's preview and hovers and GitHub turn on: tables, strikethrough, autolinked
 * URLs and hosts, `$…$` math).
 *
 * - `codeSpan(value)`: a pasted value shown as it is, inert: nothing inside a code span is Markdown.
 * - `escapeMarkdown(text)`: running text (our own catalog text, or a message quoting pasted text).
 *   A character is escaped only where, in its position, it could take part in Markdown syntax;
 *   words that a renderer would turn into links (URLs, hosts, e-mail addresses) become code spans.
 *
 * A fragment is one line (line breaks become spaces) placed inside a line we write, so what
 * comes before and after it is unknown: at its edges every character is escaped as if anything
 * could follow.
 */

/** A pasted value in a code span: a backtick fence longer than any run of backticks inside, padded when needed. */
export function codeSpan(value: string): string {
	const s = sanitizeText(value);
	if (!s.length) return '(empty)';
	let longest = 0;
	let run = 0;
	for (let i = 0; i < s.length; i++) {
		run = s[i] === '`' ? run + 1 : 0;
		if (run > longest) longest = run;
	}
	const fence = '`'.repeat(longest + 1);
	// A renderer strips one space from each end when both ends have one, and a backtick at an end would join the fence.
	const pad = s[0] === '`' || s[s.length - 1] === '`' || (s[0] === ' ' && s[s.length - 1] === ' ') ? ' ' : '';
	return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * Running text for Markdown: sanitised to one line, then escaped only where CommonMark (or
 * tables, strikethrough, autolinks and math) could read syntax; URLs, hosts and e-mail addresses
 * become code spans so that no renderer makes a link of them.
 */
export function escapeMarkdown(text: string): string {
	return escapeText(text, false, true);
}

/**
 * {@link escapeMarkdown} for text that goes after other text on its line (`**Label:** text`),
 * never where a line's content starts (a heading, a list item): marks that only act there
 * (`#`, `-`, `+`, `>`, `1.`) stay as they are.
 */
export function escapeInline(text: string): string {
	return escapeText(text, false, false);
}

/** Where a piece of text goes on its line. */
export interface EscapeOptions {
	/** After other text on its line (see {@link escapeInline}). */
	midLine?: boolean;
}

function escapeAs(text: string, options: EscapeOptions): string {
	return escapeText(text, false, !options.midLine);
}

function escapeText(text: string, linkText: boolean, lineStart: boolean): string {
	const s = sanitizeText(text).trim();
	const context = contextOf(s, linkText, lineStart);
	let out = '';
	let next = 0;
	const plain = (from: number, to: number) => {
		for (const [start, end] of linkWords(s, from, to)) {
			out += escapeRun(s, next, start, context) + codeSpan(s.slice(start, end));
			next = end;
		}
		out += escapeRun(s, next, to, context);
		next = to;
	};
	// A code span the text writes itself (`error_description`) stays one: its content is inert.
	for (const [start, end] of codeRanges(s)) {
		plain(next, start);
		out += s.slice(start, end);
		next = end;
	}
	plain(next, s.length);
	return out;
}

/**
 * The code spans of `s` by CommonMark's rule: a backtick run is closed by the next run of the
 * same length; a run never closed is literal (and escaped). Linear: the runs of each length are
 * visited once.
 */
function codeRanges(s: string): Array<[number, number]> {
	const runs: Array<[number, number]> = [];
	for (let i = s.indexOf('`'); i >= 0; i = s.indexOf('`', i)) {
		let n = 0;
		while (s[i + n] === '`') n++;
		runs.push([i, n]);
		i += n;
	}
	if (runs.length < 2) return [];
	const byLength = new Map<number, number[]>();
	runs.forEach(([, n], k) => {
		const list = byLength.get(n);
		if (list) list.push(k);
		else byLength.set(n, [k]);
	});
	const cursor = new Map<number, number>();
	const out: Array<[number, number]> = [];
	for (let k = 0; k < runs.length; k++) {
		const [at, n] = runs[k];
		if (out.length && at < out[out.length - 1][1]) continue;
		const list = byLength.get(n)!;
		let c = cursor.get(n) ?? 0;
		while (c < list.length && list[c] <= k) c++;
		cursor.set(n, c);
		if (c < list.length) {
			const close = runs[list[c]];
			out.push([at, close[0] + n]);
		}
	}
	return out;
}

/** A Markdown link when the URL is https (the only scheme we ever render), else escaped text. */
export function safeLink(title: string, url: string | undefined): string {
	// Inside link text every bracket is escaped: our closing `]` follows.
	if (url && /^https:\/\/[^\s<>()"'`\\$]+$/.test(url)) return `[${escapeText(title, true, false)}](${url})`;
	return escapeMarkdown(title);
}

const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

function isAsciiPunctuation(ch: string | undefined): boolean {
	return ch !== undefined && ch.length === 1 && ASCII_PUNCTUATION.includes(ch);
}

/** CommonMark's punctuation: ASCII punctuation and Unicode punctuation and symbols. */
function isPunctuation(ch: string): boolean {
	return isAsciiPunctuation(ch) || /[\p{P}\p{S}]/u.test(ch);
}

function isSpace(ch: string): boolean {
	return /\s/.test(ch);
}

/** An HTML entity or numeric character reference starting at `&`. */
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/**
 * `s.slice(from, to)` escaped. Neighbours outside the run are what the caller puts there: the
 * text's edges are unknown, and a code span next to the run starts or ends with a backtick.
 */
/** What escaping a character of `s` depends on beyond its neighbours, found once per text. */
interface TextContext {
	linkText: boolean;
	/** Index of the text's first character when it starts a line's content, else -1. */
	start: number;
	lastClose: number;
	firstOpen: number;
	/** Start of a closing ATX heading sequence (a run of `#` ending the text after a space), else -1. */
	closing: number;
	/** Index of the `.` or `)` of an ordered-list marker starting the text, else -1. */
	listMark: number;
}

function contextOf(s: string, linkText: boolean, lineStart: boolean): TextContext {
	let closing = s.length;
	while (closing > 0 && s[closing - 1] === '#') closing--;
	if (closing === 0 || closing === s.length || !isSpace(s[closing - 1])) closing = -1;
	const marker = lineStart ? /^[0-9]{1,9}[.)]/.exec(s) : null;
	const listMark = marker && (marker[0].length === s.length || isSpace(s[marker[0].length])) ? marker[0].length - 1 : -1;
	return { linkText, start: lineStart ? 0 : -1, lastClose: s.lastIndexOf(']'), firstOpen: s.indexOf('['), closing, listMark };
}

function escapeRun(s: string, from: number, to: number, context: TextContext): string {
	if (from >= to) return '';
	const { linkText, start, lastClose, firstOpen, closing, listMark } = context;
	const at = (i: number): string | undefined => i < 0 || i >= s.length ? undefined : i < from || i >= to ? '`' : s[i];
	let out = '';
	let i = from;
	while (i < to) {
		const ch = s[i];
		const prev = at(i - 1);
		const next = at(i + 1);
		if (ch === '*' || ch === '_' || ch === '~') {
			let end = i;
			while (end < to && s[end] === ch) end++;
			const before = at(i - 1);
			const after = at(end);
			const run = s.slice(i, end);
			out += delimiterMayAct(ch, before, after) ? run.replace(/[*_~]/g, '\\$&') : run;
			i = end;
			continue;
		}
		let escape = false;
		switch (ch) {
			case '\\': escape = next === undefined || isAsciiPunctuation(next); break;
			case '`': escape = true; break;
			case '[': escape = linkText || i === start || i < lastClose; break;
			case ']': escape = linkText || (firstOpen >= 0 && firstOpen < i) || next === undefined || next === '(' || next === '[' || next === ':'; break;
			case '<': escape = next === undefined || /[A-Za-z/!?]/.test(next); break;
			case '>': escape = i === start; break;
			case '#': escape = i === start || i === closing; break;
			case '+': escape = i === start && (next === undefined || isSpace(next)); break;
			case '-': escape = i === start && (next === undefined || isSpace(next) || /^[-\s]*$/.test(s.slice(i, to))); break;
			case '.': case ')': escape = i === listMark; break;
			case '&': ENTITY.lastIndex = i; escape = ENTITY.test(s); break;
			case '$': escape = prev === undefined || next === undefined || !isSpace(prev) || !isSpace(next); break;
		}
		out += escape ? `\\${ch}` : ch;
		i++;
	}
	return out;
}

/**
 * Whether a run of `*`, `_` or `~` could open or close emphasis (or strikethrough): CommonMark's
 * left- and right-flanking rules, with an unknown neighbour (the text's edge) taken as the worst case.
 */
function delimiterMayAct(ch: string, before: string | undefined, after: string | undefined): boolean {
	if (before === undefined || after === undefined) return true;
	const left = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
	const right = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
	if (ch !== '_') return left || right;
	const canOpen = left && (!right || isPunctuation(before));
	const canClose = right && (!left || isPunctuation(after));
	return canOpen || canClose;
}

/** Characters that may wrap a link-like word without being part of it. */
const OPENERS = '("\'<[{';
const CLOSERS = '.,;:!?)"\'>]}';

/**
 * Ranges of words a renderer would make links of: URLs (`scheme://`, `//host`, `www.`,
 * `mailto:`), e-mail addresses and host names (`name.tld`). Linear: one pass over each word.
 */
function linkWords(s: string, from: number, to: number): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	let i = from;
	while (i < to) {
		while (i < to && isSpace(s[i])) i++;
		let end = i;
		while (end < to && !isSpace(s[end])) end++;
		let a = i;
		let b = end;
		while (a < b && OPENERS.includes(s[a])) a++;
		while (b > a && CLOSERS.includes(s[b - 1])) b--;
		if (b > a && looksLikeLink(s.slice(a, b))) out.push([a, b]);
		i = end;
	}
	return out;
}

function looksLikeLink(word: string): boolean {
	const lower = word.toLowerCase();
	if (lower.includes('://') || lower.startsWith('//') || lower.startsWith('www.') || lower.includes('mailto:')) return true;
	// name.tld: a dot between a name character and two or more letters ending the label.
	for (let dot = word.indexOf('.'); dot > 0; dot = word.indexOf('.', dot + 1)) {
		if (!/[\p{L}\p{N}_-]/u.test(word[dot - 1])) continue;
		let end = dot + 1;
		while (end < word.length && /\p{L}/u.test(word[end])) end++;
		if (end - dot - 1 >= 2 && (end === word.length || !/[\p{L}\p{N}_]/u.test(word[end]))) return true;
	}
	return false;
}

/**
 * Running text that quotes pasted text in double quotes (`error_description says "…"`,
 * `Unknown error code "…"`): each quoted part becomes a code span, the rest is escaped.
 * Unpaired quotes stay as text; every part is inert either way.
 */
export function escapeQuoted(text: string, options: EscapeOptions = {}): string {
	const s = sanitizeText(text).trim();
	let out = '';
	let from = 0;
	// Evidence ends with what the paste says, itself maybe quoting: `… says "Invalid "code" in request."` is one quote.
	const first = s.indexOf('"');
	const whole = s.endsWith('"') && first >= 5 && first < s.length - 1 && s.slice(first - 5, first) === 'says ' ? first : -1;
	for (let open = first; open >= 0; open = s.indexOf('"', from)) {
		const close = open === whole ? s.length - 1 : s.indexOf('"', open + 1);
		if (close < 0 || close === open + 1) break;
		out += part(s.slice(from, open), { midLine: !!options.midLine || from > 0 }) + codeSpan(s.slice(open + 1, close));
		from = close + 1;
	}
	return from ? out + part(s.slice(from), { midLine: true }) : escapeAs(s, options);
}

/** A piece of text between code spans, escaped, keeping one space where it had space at either end. */
function part(segment: string, options: EscapeOptions): string {
	const escaped = escapeAs(segment, options);
	if (!escaped) return segment.length ? ' ' : '';
	return `${isSpace(segment[0]) ? ' ' : ''}${escaped}${isSpace(segment[segment.length - 1]) ? ' ' : ''}`;
}
