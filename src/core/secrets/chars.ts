/**
 * Character classes and forward scanning helpers shared by the secret
 * detectors. Every helper reads forward from an index with a bound, so the
 * scanners built on them stay linear in their input.
 */

/** A test on one UTF-16 code unit. */
export type CharTest = (c: number) => boolean;

export const isDigit: CharTest = (c) => c >= 48 && c <= 57;
export const isUpper: CharTest = (c) => c >= 65 && c <= 90;
export const isLower: CharTest = (c) => c >= 97 && c <= 122;
export const isAlnum: CharTest = (c) => isDigit(c) || isUpper(c) || isLower(c);
export const isUpperDigit: CharTest = (c) => isDigit(c) || isUpper(c);
export const isWord: CharTest = (c) => isAlnum(c) || c === 95;
/** Letters, digits and `-` (Slack tokens). */
export const isAlnumDash: CharTest = (c) => isAlnum(c) || c === 45;
export const isB64Url: CharTest = (c) => isWord(c) || c === 45;
export const isB64UrlOrSlash: CharTest = (c) => isB64Url(c) || c === 47;
/** Standard base64 and base64url digits, with `=` padding. */
export const isB64Any: CharTest = (c) => isB64Url(c) || c === 43 || c === 47 || c === 61;
export const isHex: CharTest = (c) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
export const isBlank: CharTest = (c) => c === 32 || c === 9;
export const isDash: CharTest = (c) => c === 45;
export const isLineBreak: CharTest = (c) => c === 10 || c === 13;
export const DOT = 46;

/** Index of the first character at or after `from` (and before `limit`) failing `test`. */
export function runEnd(s: string, from: number, test: CharTest, limit = s.length): number {
	let i = from;
	while (i < limit && test(s.charCodeAt(i))) {
		i++;
	}
	return i;
}

/** True when some character of `s[from, to)` passes `test`. */
export function hasChar(s: string, from: number, to: number, test: CharTest): boolean {
	for (let i = from; i < to; i++) {
		if (test(s.charCodeAt(i))) {
			return true;
		}
	}
	return false;
}

/**
 * `s.indexOf(needle, from)`, looking for the needle from its character `skip`
 * on: `indexOf` skips fastest to a rare first character, and `e` or `-` are
 * everywhere in logs while `J` (of `eyJ`) and `B` (of `-----BEGIN`) are not.
 */
export function indexOfRare(s: string, needle: string, skip: number, from = 0): number {
	const tail = needle.slice(skip);
	let i = s.indexOf(tail, from + skip);
	while (i !== -1 && !s.startsWith(needle, i - skip)) i = s.indexOf(tail, i + 1);
	return i === -1 ? -1 : i - skip;
}

/**
 * Where a search for `needle` should start inside it: at its first upper-case
 * letter, digit, `.` or `/` (rarer in logs than lower-case letters, `_` and
 * `-`), so that `indexOf` jumps between rare characters; else at its start.
 */
export function rareSkip(needle: string): number {
	for (let i = 0; i < needle.length; i++) {
		const c = needle.charCodeAt(i);
		if (isUpper(c) || isDigit(c) || c === DOT || c === 47) return i;
	}
	return 0;
}
