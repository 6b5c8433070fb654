/**
 * The one output sanitiser: every string that reaches a person (a terminal,
 * a Markdown preview, a hover, a problem, an LSP or MCP client) passes through
 * here, so pasted text cannot drive a terminal (ESC, BEL, OSC 52, CSI…),
 * reorder what is shown (bidi overrides and isolates), hide characters
 * (zero-width), or break the output's encoding (lone surrogates).
 *
 * Replacements stay visible: a C0 control becomes its Unicode control picture
 * (`␛` for ESC), anything else invisible becomes U+FFFD, so a code with a
 * hidden character never looks like the real code.
 */

/** C0 and C1 controls and DEL. */
export function isControlChar(c: number): boolean {
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/** Characters that change how the text around them is shown, or show nothing at all. */
export function isFormatChar(c: number): boolean {
	return c === 0x00ad || c === 0x034f || c === 0x061c || c === 0x115f || c === 0x1160 || c === 0x17b4 || c === 0x17b5 || c === 0x180e
		|| (c >= 0x200b && c <= 0x200f) // zero-width space, non-joiner, joiner; LRM, RLM
		|| (c >= 0x2028 && c <= 0x202e) // line and paragraph separators; LRE, RLE, PDF, LRO, RLO
		|| (c >= 0x2060 && c <= 0x206f) // word joiner, invisible operators, LRI, RLI, FSI, PDI, deprecated format characters
		|| c === 0x3164 || c === 0xfeff || c === 0xffa0 || (c >= 0xfff9 && c <= 0xfffb);
}

/** Controls, bidi controls and zero-width characters: none may reach an output as such. */
export function isInvisibleChar(c: number): boolean {
	return isControlChar(c) || isFormatChar(c);
}

/** Options of {@link sanitizeText}. */
export interface SanitizeOptions {
	/** Keep LF (and turn CR LF / CR into LF) for multi-line output; by default line breaks become spaces. */
	keepLineBreaks?: boolean;
}

/** True when `s` holds nothing {@link sanitizeText} would change (the common case: no copy is made). */
function isClean(s: string, keepLineBreaks: boolean): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) continue;
		if (c === 10 && keepLineBreaks) continue;
		if (isInvisibleChar(c) || (c & 0xf800) === 0xd800) return false;
	}
	return true;
}

/**
 * `s` made safe to show: a run of tabs and line breaks becomes one space (with
 * `keepLineBreaks`, line breaks become LF and each tab a space), other C0 controls their control picture (ESC → `␛`),
 * DEL `␡`, C1 controls, bidi controls, zero-width characters and lone
 * surrogates U+FFFD. Linear time; never throws.
 */
export function sanitizeText(s: string, options: SanitizeOptions = {}): string {
	if (typeof s !== 'string') return '';
	const keepLineBreaks = options.keepLineBreaks ?? false;
	if (isClean(s, keepLineBreaks)) return s;
	let out = '';
	let from = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) continue;
		let replacement: string | undefined;
		if ((c & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			i++;
			continue;
		} else if ((c & 0xf800) === 0xd800) {
			replacement = '\ufffd';
		} else if (keepLineBreaks && c === 13) {
			replacement = s.charCodeAt(i + 1) === 10 ? '' : '\n';
		} else if (keepLineBreaks && c === 10) {
			continue;
		} else if (c === 9 || c === 10 || c === 13) {
			// A run of tabs and line breaks becomes one space.
			const p = s.charCodeAt(i - 1);
			replacement = !keepLineBreaks && (p === 9 || p === 10 || p === 13) ? '' : ' ';
		} else if (c < 0x20) {
			replacement = String.fromCharCode(0x2400 + c);
		} else if (c === 0x7f) {
			replacement = '\u2421';
		} else if (isInvisibleChar(c)) {
			replacement = '\ufffd';
		}
		if (replacement === undefined) continue;
		out += s.slice(from, i) + replacement;
		from = i + 1;
	}
	return out + s.slice(from);
}

/**
 * JSON text safe for a terminal: every character {@link sanitizeText} would
 * replace is written as a `\uXXXX` escape instead, so the data stays exactly
 * what was sent while nothing in it can act on the terminal.
 */
export function terminalSafeJson(json: string): string {
	if (isClean(json, true)) return json;
	let out = '';
	let from = 0;
	for (let i = 0; i < json.length; i++) {
		const c = json.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) continue;
		if ((c & 0xfc00) === 0xd800 && (json.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			i++;
			continue;
		}
		if (c === 10 || !(isInvisibleChar(c) || (c & 0xf800) === 0xd800)) continue;
		out += `${json.slice(from, i)}\\u${c.toString(16).padStart(4, '0')}`;
		from = i + 1;
	}
	return out + json.slice(from);
}
