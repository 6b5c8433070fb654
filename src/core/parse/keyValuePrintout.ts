import type { JsonBody, JsonValue } from './jsonBody';
import type { Line } from './lines';

/**
 * Printed objects that are not JSON, read as a flat list of key/value pairs:
 * a JS console object (`{serviceErrorCode: 65600, message: "…"}`), a Java or
 * Kotlin toString (`Foo{code=190, message='…'}` is not read: `=` pairs are log
 * fields), a Dart/Swift description (`GraphResponse: {errorCode: 190, …}`,
 * `Error(code: …, description: "…")`), a Ruby hash or inspect
 * (`{:error_code=>"3100"}`, `#<Foo @status=401>`), a PHP `print_r` or Laravel
 * `dd()` array (`[error] => invalid_grant`, `"code" => 124`) and `key - value`
 * or `key: value` lines. Every value keeps its offsets in the text; paths are
 * the bare keys (nesting is rarely kept by such printouts).
 */

/** Lines longer than this are not read as printouts (minified documents, not printed objects). */
const MAX_LINE = 4000;
/** A printout block ends after this many lines. */
const MAX_BLOCK_LINES = 200;
/** Pairs kept per block. */
const MAX_PAIRS = 400;
/** Blocks handed back per text. */
const MAX_BLOCKS = 200;

/** One printout block: consecutive lines holding key/value pairs. */
export interface PrintoutBlock {
	start: number;
	end: number;
	body: JsonBody;
}

/**
 * A key at a pair's start: `@name=`, `:name=>`, `"name" =>`, `'name':`, `[name] =>`, `["name"]=>`, `name:`,
 * `name -` (the last only at a line's start). Group 1..4 hold the name; group 5 the separator.
 */
const KEY = /(?:@([A-Za-z_][\w]{0,63})(?==)|:?([A-Za-z_$][\w$]{0,63})|"([A-Za-z_$][\w$.-]{0,63})"|'([A-Za-z_$][\w$.-]{0,63})'|\[["']?([A-Za-z_$][\w$]{0,63})["']?\])[ \t]?(=>|:(?![:/])|=| -(?= ))/y;

/**
 * The printout blocks in text[start, end): runs of lines where each holds at
 * least one key/value pair at a line start or after `{`, `(`, `[` or `,`.
 * One pass over the text; every line is looked at once.
 */
export function printoutBlocks(text: string, start: number, end: number): PrintoutBlock[] {
	const blocks: PrintoutBlock[] = [];
	let current: { start: number; end: number; values: JsonValue[]; lines: number } | undefined;
	const close = () => {
		if (current && current.values.length) {
			blocks.push({ start: current.start, end: current.end, body: { isObject: true, values: current.values, errorCount: 0, tooDeep: false } });
		}
		current = undefined;
	};
	for (let pos = start; pos < end && blocks.length < MAX_BLOCKS;) {
		const line = lineFrom(text, pos);
		const lineEnd = Math.min(line.end, end);
		const pairs = lineEnd - line.start <= MAX_LINE ? pairsOn(text, line.start, lineEnd) : [];
		if (pairs.length) {
			if (!current || current.lines >= MAX_BLOCK_LINES) {
				close();
				current = { start: pairs[0].span.start, end: lineEnd, values: [], lines: 0 };
			}
			current.lines++;
			current.end = lineEnd;
			for (const p of pairs) if (current.values.length < MAX_PAIRS) current.values.push(p);
		} else {
			close();
		}
		if (line.next <= pos) break;
		pos = line.next;
	}
	close();
	return blocks;
}

/** The first line break from an offset on: one native search instead of a loop per character. */
const LINE_BREAK = /[\r\n]/g;

/** {@link lineAt}, found by {@link LINE_BREAK}. */
function lineFrom(text: string, pos: number): Line {
	LINE_BREAK.lastIndex = pos;
	if (!LINE_BREAK.test(text)) return { start: pos, end: text.length, next: text.length };
	const at = LINE_BREAK.lastIndex - 1;
	return { start: pos, end: at, next: text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1 };
}

/** The key/value pairs on one line. */
function pairsOn(text: string, from: number, end: number): JsonValue[] {
	const keys: Array<{ name: string; at: number; valueAt: number }> = [];
	// The text up to the line's end (a view): a search for the next mark stops there.
	const line = end < text.length ? text.slice(0, end) : text;
	let lineStart = true;
	for (let i = from; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9) continue;
		const prev = i > from ? text.charCodeAt(i - 1) : 32;
		// A key starts a line, follows an opening bracket or a comma, or is a Ruby `@ivar`.
		const afterSeparator = lineStart || prev === 123 || prev === 40 || prev === 91 || prev === 44 || (c === 64 && (prev === 32 || prev === 9))
			|| ((prev === 32 || prev === 9) && isOpenerOrComma(text, i - 1, from));
		if (afterSeparator) {
			KEY.lastIndex = i;
			const m = KEY.exec(text);
			if (m && m.index === i && KEY.lastIndex <= end) {
				const name = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
				const sep = m[6];
				// `name -` only at a line's start; `=` only for a Ruby `@ivar` (other `key=value` pairs are log fields, read elsewhere).
				if ((sep !== ' -' || lineStart) && (sep !== '=' || m[1] !== undefined)) {
					let valueAt = KEY.lastIndex;
					while (valueAt < end && (text.charCodeAt(valueAt) === 32 || text.charCodeAt(valueAt) === 9)) valueAt++;
					keys.push({ name, at: i, valueAt });
					i = valueAt - 1;
					lineStart = false;
					continue;
				}
			}
		}
		lineStart = false;
		// Skip a quoted string so that keys inside it are not taken for pairs.
		if (c === 34 || c === 39) i = closingQuote(text, i, end);
		else if (c !== 123 && c !== 40 && c !== 91 && c !== 44) i = nextMark(line, i + 1, end) - 1;
	}
	const values: JsonValue[] = [];
	for (let k = 0; k < keys.length; k++) {
		const key = keys[k];
		const limit = k + 1 < keys.length ? keys[k + 1].at : end;
		const value = valueOf(text, key.valueAt, limit);
		if (!value) continue;
		values.push({ path: key.name, key: key.name, value: value.value, span: value.span, valueSpan: value.valueSpan, depth: 1 });
	}
	return values;
}

/**
 * The first offset from `at` holding an opening bracket, a comma, a quote or `@` (or `end`). After a character
 * that is none of these and starts no key, only such a character, or the one after an opening bracket or a
 * comma, can start a key or a quoted string: the characters between need no look.
 */
function nextMark(line: string, at: number, end: number): number {
	MARK.lastIndex = at;
	return MARK.test(line) ? Math.min(MARK.lastIndex - 1, end) : end;
}

const MARK = /[{([,"'@]/g;

/** The character before the blanks ending at `at` is an opening bracket or a comma. */
function isOpenerOrComma(text: string, at: number, from: number): boolean {
	let i = at;
	while (i >= from && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
	if (i < from) return true;
	const c = text.charCodeAt(i);
	return c === 123 || c === 40 || c === 91 || c === 44;
}

/** Offset of the quote closing the string opened at `open` (or the last offset before `end`). */
function closingQuote(text: string, open: number, end: number): number {
	const quote = text.charCodeAt(open);
	for (let i = open + 1; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 92) i++;
		else if (c === quote) return i;
	}
	return end - 1;
}

/** A value between `at` and the next key (or the line's end): a quoted string, a number, a literal, or bare text. */
function valueOf(text: string, at: number, limit: number): Pick<JsonValue, 'value' | 'span' | 'valueSpan'> | undefined {
	if (at >= limit) return undefined;
	const first = text.charCodeAt(at);
	if (first === 34 || first === 39) {
		const close = closingQuote(text, at, limit);
		const closed = close < limit && text.charCodeAt(close) === first;
		const inner = { start: at + 1, end: closed ? close : limit };
		return { value: text.slice(inner.start, inner.end), span: { start: at, end: closed ? close + 1 : limit }, valueSpan: inner };
	}
	// Bare text: up to the comma before the next key, without closing brackets and trailing blanks.
	let stop = limit;
	while (stop > at) {
		const c = text.charCodeAt(stop - 1);
		if (c === 32 || c === 9 || c === 44 || c === 125 || c === 41 || c === 93 || c === 62 || c === 59) stop--;
		else break;
	}
	if (stop <= at) return undefined;
	const raw = text.slice(at, stop);
	const span = { start: at, end: stop };
	if (/^-?\d{1,15}$/.test(raw)) return { value: Number(raw), span, valueSpan: span };
	if (raw === 'null' || raw === 'nil' || raw === 'None' || raw === 'undefined' || raw === 'NULL') return { value: null, span, valueSpan: span };
	if (raw === 'true' || raw === 'false') return { value: raw === 'true', span, valueSpan: span };
	// PHP var_dump / Laravel dd type prefixes: `string(13) "invalid_grant"`, `int(190)`.
	const typed = /^(?:string|int|float|bool)\((\d{1,15})\)(?: "(.*)")?$/.exec(raw);
	if (typed) {
		if (typed[2] !== undefined) {
			const innerStart = at + raw.indexOf('"') + 1;
			const inner = { start: innerStart, end: innerStart + typed[2].length };
			return { value: typed[2], span: { start: innerStart - 1, end: inner.end + 1 }, valueSpan: inner };
		}
		return { value: Number(typed[1]), span, valueSpan: span };
	}
	if (first === 123 || first === 91 || first === 40 || first === 35) return undefined;
	// An enum case (Swift `OAuth2ServerError.Code.invalidGrant`, `.invalidGrant`) is read as the snake-case word it spells.
	const word = enumCaseOf(raw);
	if (word) {
		const caseStart = stop - word.length;
		return { value: word.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`), span: { start: caseStart, end: stop }, valueSpan: { start: caseStart, end: stop } };
	}
	// Code, not data: a member expression (`token.error`) or a call left open (`Some(`).
	if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(raw) || /[({[]$/.test(raw)) return undefined;
	return { value: raw, span, valueSpan: span };
}

/** Quoted values looked inside per block for a printout they quote (`"[{:error_code=>\\"3100\\"}]"`). */
const MAX_QUOTED_PRINTOUTS = 10;

/**
 * Pairs of printouts quoted, with escaped quotes, inside the string values of
 * a block (a Ruby exception message holding another hash's inspect), with
 * offsets in the text. Each escaped quote becomes a quote and a blank, so
 * offsets hold.
 */
export function quotedPrintoutPairs(text: string, block: PrintoutBlock): JsonValue[] {
	const out: JsonValue[] = [];
	let read = 0;
	for (const v of block.body.values) {
		if (read >= MAX_QUOTED_PRINTOUTS) break;
		if (typeof v.value !== 'string' || v.value.indexOf('\\"') < 0) continue;
		read++;
		const at = v.valueSpan.start;
		const inner = unescapedQuotes(text.slice(at, v.valueSpan.end));
		for (const b of printoutBlocks(inner, 0, inner.length)) {
			for (const p of b.body.values) {
				out.push({ ...p, span: { start: p.span.start + at, end: p.span.end + at }, valueSpan: { start: p.valueSpan.start + at, end: p.valueSpan.end + at } });
			}
		}
	}
	return out;
}

/** Each `\\"` made a quote and a blank: one that opens a string ` "`, one that closes it `" `. */
function unescapedQuotes(raw: string): string {
	let out = '';
	let from = 0;
	let open = false;
	for (let i = raw.indexOf('\\"'); i >= 0; i = raw.indexOf('\\"', i + 2)) {
		out += raw.slice(from, i) + (open ? '" ' : ' "');
		open = !open;
		from = i + 2;
	}
	return out + raw.slice(from);
}

/**
 * The case name of an enum value printed with its type path (`Type.Nested.caseName`, `.caseName`): a lower
 * camel-case word after one or more upper-case type names. Undefined for anything else (`token.error`).
 */
function enumCaseOf(raw: string): string | undefined {
	if (raw.length > 200) return undefined;
	const parts = raw.split('.');
	if (parts.length < 2) return undefined;
	const last = parts[parts.length - 1];
	for (let i = 0; i < parts.length - 1; i++) {
		if (parts[i] === '' ? i !== 0 || parts.length !== 2 : !/^[A-Z][\w$]*$/.test(parts[i])) return undefined;
	}
	if (!/^[a-z][A-Za-z0-9]{1,60}$/.test(last) || !/[A-Z]/.test(last)) return undefined;
	return last;
}
