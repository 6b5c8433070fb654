import { visit } from 'jsonc-parser';
import type { Span } from '../types';

/** A primitive JSON value found in a body, with the property path that leads to it. */
export interface JsonValue {
	/** Dotted path of property names; array elements add `[]` (`error_codes[]`, `error.message`). */
	path: string;
	/** The nearest property name (for array elements, the array's name). */
	key: string;
	value: string | number | boolean | null;
	/** The literal, quotes included. */
	span: Span;
	/** For strings, the characters between the quotes; otherwise the literal. */
	valueSpan: Span;
	depth: number;
}

/** What a JSON (or JSON-like) body holds. */
export interface JsonBody {
	/** The body is an object at the top. */
	isObject: boolean;
	values: JsonValue[];
	/** Parse errors reported by jsonc-parser (0 for valid JSON). */
	errorCount: number;
	/** Nesting went past {@link MAX_DEPTH}; only a shallow view was taken. */
	tooDeep: boolean;
}

/** Deeper documents are not handed to the (recursive) parser. */
export const MAX_DEPTH = 64;
/** At most this many values are kept from one body. */
const MAX_VALUES = 5000;

/**
 * Reads the primitive values of a JSON body in text[start, end) with absolute
 * offsets, tolerating comments, trailing commas and broken JSON. `source`, when
 * given, is a rewrite of that text of the same length (a Python repr as JSON).
 */
export function readJsonBody(text: string, start: number, end: number, source = text.slice(start, end)): JsonBody {
	const body: JsonBody = { isObject: source.trimStart().startsWith('{'), values: [], errorCount: 0, tooDeep: false };
	if (exceedsDepth(source, MAX_DEPTH)) {
		body.tooDeep = true;
		return body;
	}
	/** One path segment per open container: its property name, or '' for the root and array elements. */
	const segments: string[] = [];
	const containers: Array<'object' | 'array'> = [];
	let pendingKey = '';
	const open = (kind: 'object' | 'array') => {
		segments.push(containers.length === 0 || containers[containers.length - 1] === 'array' ? '' : pendingKey);
		containers.push(kind);
	};
	const close = () => {
		segments.pop();
		containers.pop();
	};
	visit(source, {
		onObjectBegin: () => open('object'),
		onObjectEnd: close,
		onArrayBegin: () => open('array'),
		onArrayEnd: close,
		onObjectProperty: property => { pendingKey = property; },
		onLiteralValue: (value: unknown, offset: number, length: number) => {
			if (body.values.length >= MAX_VALUES) return;
			const inArray = containers[containers.length - 1] === 'array';
			const key = inArray ? segments[segments.length - 1] : pendingKey;
			const parents = (inArray ? segments.slice(1, -1) : segments.slice(1)).filter(Boolean);
			const path = [...parents, inArray ? `${key}[]` : key].join('.');
			const span = { start: start + offset, end: start + offset + length };
			const closed = length >= 2 && source.charCodeAt(offset + length - 1) === 34;
			const quoted = typeof value === 'string' && length >= 1;
			body.values.push({
				path,
				key,
				value: value as JsonValue['value'],
				span,
				valueSpan: quoted ? { start: span.start + 1, end: closed ? span.end - 1 : span.end } : span,
				depth: containers.length,
			});
		},
		onError: () => { body.errorCount++; },
	}, { allowTrailingComma: true, disallowComments: false });
	return body;
}

/** The first top-level value at `path`, if any. */
export function jsonValue(body: JsonBody, path: string): JsonValue | undefined {
	return body.values.find(v => v.path === path);
}

/** The first top-level string value at `path`, if any. */
export function jsonString(body: JsonBody, path: string): (JsonValue & { value: string }) | undefined {
	const found = body.values.find(v => v.path === path && typeof v.value === 'string');
	return found as (JsonValue & { value: string }) | undefined;
}

/** Linear check for nesting deeper than `limit`, ignoring brackets inside strings. */
function exceedsDepth(source: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < source.length; i++) {
		const c = source.charCodeAt(i);
		if (inString) {
			if (c === 92) i++;
			else if (c === 34) inString = false;
		} else if (c === 34) {
			inString = true;
		} else if (c === 123 || c === 91) {
			if (++depth > limit) return true;
		} else if (c === 125 || c === 93) {
			depth--;
		}
	}
	return false;
}

/**
 * A printed object rewritten as JSON of exactly the same length, so offsets
 * into the original text still hold: a Python dict or list repr
 * (`{'error': 'invalid_grant', 'code': 124, 'x': None}`) or a Node
 * `util.inspect` dump (`{ code: 'unauthorized', status: 401 }`).
 * Single-quoted strings get double quotes (a double quote inside one becomes a
 * single quote), a `u`/`b` prefix a space, None, True and False their JSON
 * spellings, and a bare key `key: ` becomes `"key":` (the blank before it and
 * the one after its colon make room for the quotes). Undefined when the text
 * does not start as such a dump.
 */
export function pythonReprAsJson(repr: string): string | undefined {
	if (!/^[{[]\s*(?:[ub]?'|[A-Za-z_$][\w$]*: )/.test(repr)) return undefined;
	const out: string[] = [];
	let quote = 0;
	for (let i = 0; i < repr.length; i++) {
		const c = repr.charCodeAt(i);
		const ch = repr[i];
		if (quote) {
			if (c === 92 && i + 1 < repr.length) {
				// An escaped single quote is not a JSON escape: keep the quote, drop the backslash's meaning.
				out.push(repr.charCodeAt(i + 1) === 39 ? ' \'' : repr.slice(i, i + 2));
				i++;
			} else if (c === quote) {
				out.push('"');
				quote = 0;
			} else {
				out.push(c === 34 ? "'" : ch);
			}
			continue;
		}
		if (c === 39 || c === 34) {
			out.push('"');
			quote = c;
		} else if ((ch === 'u' || ch === 'b') && (repr.charCodeAt(i + 1) === 39 || repr.charCodeAt(i + 1) === 34) && !isWordChar(repr.charCodeAt(i - 1))) {
			out.push(' ');
		} else if (isWordChar(c) && !isWordChar(repr.charCodeAt(i - 1))) {
			let j = i;
			while (j < repr.length && isWordChar(repr.charCodeAt(j))) j++;
			const word = repr.slice(i, j);
			if (repr.charCodeAt(j) === 58 && isBlank(repr.charCodeAt(j + 1)) && isBlank(repr.charCodeAt(i - 1)) && out.length) {
				// A bare key: the blank before it opens the quotes, the colon closes them, the blank after is the colon.
				out[out.length - 1] = '"';
				out.push(word, '"', ':');
				i = j + 1;
				continue;
			}
			out.push(word === 'None' ? 'null' : word === 'True' ? 'true' : word === 'False' ? 'false' : word);
			i = j - 1;
		} else {
			out.push(ch);
		}
	}
	return out.join('');
}

function isBlank(c: number): boolean {
	return c === 32 || c === 9 || c === 10 || c === 13;
}

function isWordChar(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}
