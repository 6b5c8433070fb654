/**
 * Base64 / base64url decoding to text, without Buffer or atob: the core also
 * runs in a browser. Linear time, never throws.
 */
import { isDigit, isLower, isUpper, runEnd } from './chars';

function base64Digit(c: number): number {
	if (isUpper(c)) {
		return c - 65;
	}
	if (isLower(c)) {
		return c - 71;
	}
	if (isDigit(c)) {
		return c + 4;
	}
	if (c === 45 || c === 43) {
		return 62;
	}
	return c === 95 || c === 47 ? 63 : -1;
}

function base64Bytes(text: string): Uint8Array | undefined {
	const body = text.slice(0, runEnd(text, 0, (c) => c !== 61));
	if (runEnd(text, body.length, (c) => c === 61) !== text.length || body.length % 4 === 1) {
		return undefined;
	}
	const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
	let acc = 0;
	let bits = 0;
	let n = 0;
	for (let i = 0; i < body.length; i++) {
		const d = base64Digit(body.charCodeAt(i));
		if (d < 0) {
			return undefined;
		}
		acc = ((acc << 6) | d) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[n++] = (acc >> bits) & 0xff;
		}
	}
	return bytes;
}

/** Length of the UTF-8 sequence led by `b` and the smallest code point it may encode (no overlongs). */
function utf8Lead(b: number): [number, number] {
	if (b >= 0xc2 && b <= 0xdf) {
		return [2, 0x80];
	}
	if (b >= 0xe0 && b <= 0xef) {
		return [3, 0x800];
	}
	return b >= 0xf0 && b <= 0xf4 ? [4, 0x10000] : [0, 0];
}

/** The code point at `i` and the index after it; invalid input yields U+FFFD and one byte. */
function readUtf8(bytes: Uint8Array, i: number): [number, number] {
	const b = bytes[i];
	if (b < 0x80) {
		return [b, i + 1];
	}
	const [size, min] = utf8Lead(b);
	let cp = b & (0x3f >> (size - 1));
	for (let k = 1; k < size; k++) {
		const next = bytes[i + k];
		if (next === undefined || (next & 0xc0) !== 0x80) {
			return [0xfffd, i + 1];
		}
		cp = (cp << 6) | (next & 0x3f);
	}
	const valid = size > 0 && cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
	return valid ? [cp, i + size] : [0xfffd, i + 1];
}

function utf8Decode(bytes: Uint8Array): string {
	const units: number[] = [];
	for (let i = 0; i < bytes.length;) {
		const [cp, next] = readUtf8(bytes, i);
		if (cp > 0xffff) {
			units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else {
			units.push(cp);
		}
		i = next;
	}
	let out = '';
	for (let k = 0; k < units.length; k += 4096) {
		out += String.fromCharCode(...units.slice(k, k + 4096));
	}
	return out;
}

/**
 * Decodes base64url (or standard base64, padded or not) to text, reading the
 * bytes as UTF-8 (invalid sequences become U+FFFD). Undefined when the input
 * is not base64. Never throws.
 */
export function decodeBase64Url(text: string): string | undefined {
	try {
		const bytes = typeof text === 'string' ? base64Bytes(text) : undefined;
		return bytes ? utf8Decode(bytes) : undefined;
	} catch {
		return undefined;
	}
}
