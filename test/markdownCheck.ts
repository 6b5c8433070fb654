/*
 * What a real Markdown renderer makes of our reports and hovers: markdown-it (the renderer of
 * VS Code's preview) with autolinked URLs and hosts, raw HTML read as HTML, and VS Code's own
 * math plugin. Shared by the explain tests and the report-quality test over the corpora.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import katex from '@vscode/markdown-it-katex';
import { isInvisibleChar } from '../src/core/explain/sanitize';

const renderer = new MarkdownIt({ html: true, linkify: true });
renderer.use((katex as unknown as { default?: typeof katex }).default ?? katex);

/** The block tokens and, flattened in order, every inline child token of `md`. */
export function tokensOf(md: string): Token[] {
	const out: Token[] = [];
	for (const t of renderer.parse(md, {})) {
		out.push(t);
		if (t.children) out.push(...t.children);
	}
	return out;
}

export function renderHtml(md: string): string {
	return renderer.render(md);
}

/** Strong-emphasis labels our own templates write. */
const OWN_STRONG = /^(Usual cause\.|Most likely:|To be sure:|What to do next|If not that:?|What happened\.|Also found|Facts|Notes|References|What to do:|Unknown error code|WWW-Authenticate challenge|Token Error Help)$/;

export interface InertOptions {
	/** Strong texts the template may also write (catalog titles, secret kind names). */
	ownStrong?: (text: string) => boolean;
	/** Number of headings the template writes. */
	headings?: number;
}

/**
 * What hostile pasted text could make of `md`, as a renderer reads it: every problem found.
 * Allowed: code spans, our `**labels**`, our headings (lines starting with `#`), ordinary
 * `[title](https://…)` links, lists and paragraphs. Not allowed: raw HTML, images, autolinks or
 * linkified text, non-https links, emphasis or strikethrough, math, tables, code blocks, block
 * quotes, rules, headings on lines we did not start with `#`, and any control, bidi or
 * zero-width character.
 */
export function inertnessProblems(md: string, options: InertOptions = {}): string[] {
	const problems: string[] = [];
	for (let i = 0; i < md.length; i++) {
		const c = md.charCodeAt(i);
		if (c !== 10 && isInvisibleChar(c)) problems.push(`invisible character U+${c.toString(16).padStart(4, '0')} at ${i}`);
	}
	const lines = md.split('\n');
	const tokens = tokensOf(md);
	let headings = 0;
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k];
		switch (t.type) {
			case 'html_inline': case 'html_block': problems.push(`raw HTML ${JSON.stringify(t.content)}`); break;
			case 'image': problems.push(`image ${t.attrGet('src')}`); break;
			case 'math_inline': case 'math_block': case 'math_inline_block': problems.push(`math ${JSON.stringify(t.content)}`); break;
			case 'table_open': case 'code_block': case 'fence': case 'blockquote_open': case 'hr': case 'em_open': case 's_open':
				problems.push(`${t.type} ${JSON.stringify(tokens[k + 1]?.content ?? '')}`); break;
			case 'link_open': {
				const href = t.attrGet('href') ?? '';
				if (t.markup === 'linkify' || t.markup === 'autolink') problems.push(`${t.markup} ${href}`);
				else if (!href.startsWith('https://')) problems.push(`link to ${href}`);
				break;
			}
			case 'heading_open': {
				headings++;
				const line = t.map ? lines[t.map[0]] : '';
				if (!/^#{1,6} /.test(line)) problems.push(`heading from ${JSON.stringify(line)}`);
				break;
			}
			case 'strong_open': {
				let text = '';
				for (let j = k + 1; j < tokens.length && tokens[j].type !== 'strong_close'; j++) text += tokens[j].content;
				if (!OWN_STRONG.test(text) && !options.ownStrong?.(text)) problems.push(`strong ${JSON.stringify(text)}`);
				break;
			}
		}
	}
	if (options.headings !== undefined && headings !== options.headings) problems.push(`${headings} headings, ${options.headings} written`);
	return problems;
}

/** The text of every code span of `md`, as a renderer reads it. */
export function codeSpans(md: string): string[] {
	return tokensOf(md).filter(t => t.type === 'code_inline').map(t => t.content);
}

const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const isPunct = (ch: string): boolean => ASCII_PUNCTUATION.includes(ch) || /[\p{P}\p{S}]/u.test(ch);
const isWhite = (ch: string): boolean => /\s/.test(ch);

/** Where a line's inline content starts: after heading marks, list markers and block-quote marks. */
function contentStart(line: string): number {
	const m = /^(?:#{1,6} +|[-*+] +|[0-9]{1,9}[.)] +|> ?)*/.exec(line);
	return m ? m[0].length : 0;
}

/**
 * Needless escapes in `md`: a backslash before an ASCII punctuation character, outside code
 * spans, where CommonMark (with tables, strikethrough and `$` math) could not read that character
 * as syntax in that position. Per character, it is needed only:
 * - `\` before ASCII punctuation or at the end of the line; `` ` `` always (it could pair with any later run);
 * - `*`, `_`, `~` when its run could open or close emphasis or strikethrough (CommonMark's
 *   flanking rules; `_` not inside a word), or starts the line's content;
 * - `[` at the start of the content or with a `]` after it on the line; `]` after a `[` on the
 *   line or before `(`, `[` or `:`; `!` before `[`;
 * - `<` before a letter, `/`, `!` or `?` (HTML, autolinks);
 * - `#`, `>`, `+`, `-` at the start of the content (headings, quotes, list items, rules); `#` also
 *   as a heading's closing sequence; `.` or `)` after the leading digits of the content (ordered lists);
 * - `&` starting an entity or character reference;
 * - `$` that could open or close math (next character or previous character not a space);
 * - never for `|` (no line of ours is a table's delimiter row) or any other character.
 * Returns each needless escape with its line.
 */
export function needlessEscapes(md: string): string[] {
	const out: string[] = [];
	for (const line of md.split('\n')) {
		const start = contentStart(line);
		const heading = /^#{1,6} /.test(line);
		let i = 0;
		while (i < line.length) {
			const ch = line[i];
			if (ch === '`') {
				// A code span: skip to the closing run of the same length (none: the backticks are literal).
				let n = 0;
				while (line[i + n] === '`') n++;
				let close = -1;
				for (let j = line.indexOf('`', i + n); j >= 0; j = line.indexOf('`', j)) {
					let m = 0;
					while (line[j + m] === '`') m++;
					if (m === n) { close = j; break; }
					j += m;
				}
				i = close < 0 ? i + n : close + n;
				continue;
			}
			if (ch !== '\\' || !ASCII_PUNCTUATION.includes(line[i + 1] ?? ' ')) { i++; continue; }
			const c = line[i + 1];
			const at = i + 1;
			if (!escapeNeeded(line, at, c, start, heading)) out.push(`\\${c} at ${at} in ${JSON.stringify(line)}`);
			i += 2;
		}
	}
	return out;
}

function escapeNeeded(line: string, at: number, c: string, start: number, heading: boolean): boolean {
	const prev = at - 1 > 0 ? line[at - 2] : ' ';
	const next = line[at + 1] ?? ' ';
	const first = at - 1 === start;
	switch (c) {
		case '\\': return at + 1 >= line.length || ASCII_PUNCTUATION.includes(next);
		case '`': return true;
		case '*': case '_': case '~': {
			if (first) return true;
			// The run this character belongs to, its escaped neighbours counted in.
			let a = at - 1;
			while (a >= 2 && line[a - 1] === c && line[a - 2] === '\\') a -= 2;
			let b = at + 1;
			while (line[b] === '\\' && line[b + 1] === c) b += 2;
			while (line[b] === c) b++;
			const before = a > 0 ? line[a - 1] : ' ';
			const after = line[b] ?? ' ';
			const left = !isWhite(after) && (!isPunct(after) || isWhite(before) || isPunct(before));
			const right = !isWhite(before) && (!isPunct(before) || isWhite(after) || isPunct(after));
			if (c !== '_') return left || right;
			return (left && (!right || isPunct(before))) || (right && (!left || isPunct(after)));
		}
		case '[': return first || line.indexOf(']', at + 1) >= 0;
		case ']': return line.lastIndexOf('[', at - 1) >= 0 || next === '(' || next === '[' || next === ':';
		case '!': return next === '[';
		case '<': return /[A-Za-z/!?]/.test(next);
		case '>': case '+': case '-': return first;
		case '#': return first || (heading && isWhite(prev) && /^#+ *$/.test(line.slice(at)));
		case '.': case ')': return /^[0-9]{1,9}$/.test(line.slice(start, at - 1)) && isWhite(next);
		case '&': return /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(line.slice(at, at + 40));
		case '$': return !isWhite(next) || !isWhite(prev);
		default: return false;
	}
}
