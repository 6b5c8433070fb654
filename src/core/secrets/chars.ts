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

/** How common a character is in logs, roughly: lower ranks are rarer and make better `indexOf` anchors. */
function commonness(c: number): number {
	if (isUpper(c)) return 0;
	if (c === 95) return 1; // _
	if (c === 47) return 2; // /
	if (isDigit(c)) return 3; // timestamps are full of digits
	if (c === DOT) return 5;
	if (c === 58 || c === 45) return 6; // : -
	if (isLower(c) || c === 32) return 8;
	return 4;
}

/**
 * Where a search for `needle` should start inside it: at its rarest character
 * in logs (upper case, `_`, `/`, digits… before `.`, `:`, `-` and lower case),
 * so that `indexOf` jumps between rare characters.
 */
export function rareSkip(needle: string): number {
	let best = 0;
	for (let i = 1; i < needle.length; i++) {
		if (commonness(needle.charCodeAt(i)) < commonness(needle.charCodeAt(best))) best = i;
	}
	return best;
}
