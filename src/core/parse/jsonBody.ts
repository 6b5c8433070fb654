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
 * offsets, tolerating comments, trailing commas and broken JSON.
 */
export function readJsonBody(text: string, start: number, end: number): JsonBody {
	const source = text.slice(start, end);
	const body: JsonBody = { isObject: source.trimStart().startsWith('{'), values: [], errorCount: 0, tooDeep: false };
	if (exceedsDepth(source, MAX_DEPTH)) {
		body.tooDeep = true;
		return body;
	}
	const keys: string[] = [];
	const containers: Array<'object' | 'array'> = [];
	let pendingKey = '';
	visit(source, {
		onObjectBegin: () => { containers.push('object'); keys.push(pendingKey); },
		onObjectEnd: () => { containers.pop(); keys.pop(); },
		onArrayBegin: () => { containers.push('array'); keys.push(pendingKey + '[]'); },
		onArrayEnd: () => { containers.pop(); keys.pop(); },
		onObjectProperty: property => { pendingKey = property; },
		onLiteralValue: (value: unknown, offset: number, length: number) => {
			if (body.values.length >= MAX_VALUES) return;
			const inArray = containers[containers.length - 1] === 'array';
			const key = inArray ? keys[keys.length - 1].slice(0, -2) : pendingKey;
			const parents = keys.slice(1).map(k => k.replace(/\[\]$/, '')).filter(k => k);
			const leaf = inArray ? `${key}[]` : key;
			const path = containers.length <= 1 ? leaf : [...parents.slice(0, inArray ? -1 : undefined), leaf].join('.');
			const span = { start: start + offset, end: start + offset + length };
			const quoted = typeof value === 'string' && length >= 2;
			body.values.push({
				path,
				key,
				value: value as JsonValue['value'],
				span,
				valueSpan: quoted ? { start: span.start + 1, end: span.end - 1 } : span,
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
