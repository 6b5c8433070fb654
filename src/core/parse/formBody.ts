import { indexWithin } from './lines';
import type { Span } from '../types';

/** One `name=value` pair of a query string or form-urlencoded body. */
export interface FormParam {
	name: string;
	/** Percent-decoded, `+` as space. */
	value: string;
	span: Span;
	nameSpan: Span;
	/** The raw (still encoded) value. */
	valueSpan: Span;
}

/**
 * Splits `a=b&c=d` in text[start, end) into parameters with absolute offsets.
 * Decoding is lenient: a broken `%` escape stays as written.
 */
export function parseFormParams(text: string, start: number, end: number): FormParam[] {
	const params: FormParam[] = [];
	let pos = start;
	while (pos < end) {
		let amp = indexWithin(text, '&', pos, end);
		if (amp < 0) amp = end;
		const eq = indexWithin(text, '=', pos, amp);
		const nameEnd = eq >= 0 ? eq : amp;
		const nameText = text.slice(pos, nameEnd).trim();
		if (nameText) {
			const valueStart = nameEnd < amp ? nameEnd + 1 : amp;
			params.push({
				name: decodeFormComponent(nameText),
				value: decodeFormComponent(text.slice(valueStart, amp).trim()),
				span: { start: pos, end: amp },
				nameSpan: { start: pos, end: nameEnd },
				valueSpan: { start: valueStart, end: amp },
			});
		}
		pos = amp + 1;
	}
	return params;
}

/** Percent-decodes a form component (UTF-8), leaving malformed escapes as they are. */
export function decodeFormComponent(raw: string): string {
	if (!raw.includes('%') && !raw.includes('+')) return raw;
	let out = '';
	let bytes: number[] = [];
	const flush = () => {
		if (bytes.length) out += utf8.decode(new Uint8Array(bytes));
		bytes = [];
	};
	for (let i = 0; i < raw.length; i++) {
		const c = raw.charCodeAt(i);
		if (c === 37 && i + 2 < raw.length && isHex(raw.charCodeAt(i + 1)) && isHex(raw.charCodeAt(i + 2))) {
			bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
			i += 2;
			continue;
		}
		flush();
		out += c === 43 ? ' ' : raw[i];
	}
	flush();
	return out;
}

const utf8 = new TextDecoder('utf-8');

function isHex(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** True when text[start, end) reads like a form-urlencoded body (`name=value&…`, no spaces). */
export function looksLikeForm(text: string, start: number, end: number): boolean {
	if (end - start < 3) return false;
	const eq = indexWithin(text, '=', start, end);
	if (eq <= start) return false;
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9 || c === 60 || c === 34) return false;
		if (c === 10 || c === 13) {
			// REST Client lets a long body continue on lines that start with '&'
			let j = i + 1;
			while (j < end && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 32)) j++;
			if (j < end && text.charCodeAt(j) !== 38) return false;
			i = j - 1;
		}
	}
	return true;
}
