/**
 * The last line of defence for pasted text shown in a report, a hover, a
 * problem or the CLI: a token the detectors do not know (`"error_description":
 * "Bearer token 9f2K… is invalid"`, `invalid_grant: refresh token 8xLO… is
 * expired`) still looks random. Every long random-looking run of token
 * characters is masked before it is shown.
 *
 * What stays: words and identifiers (`OAuth2AuthorizationCodeGrantFilter`),
 * hosts and paths (runs break at `.`, `/` and `:`), codes (`AADSTS7000215`),
 * GUIDs (trace and correlation ids are what support asks for) and dates.
 */
import { lineEndOf } from '../parse/lines';
import type { HttpMessage } from '../recognize/model';
import type { SecretSpan } from '../types';
import { isDigit, isHex, isLower, isUpper, type CharTest } from './chars';
import { isPlaceholder } from './placeholders';

/** The marker that replaces a masked run. */
export const MASK = '\u00abredacted\u00bb';

/** Characters of a run: base64 and base64url digits, `~`. Runs break at `.`, `/`, `:` and everything else. */
const isRunChar: CharTest = (c) => isDigit(c) || isUpper(c) || isLower(c) || c === 95 || c === 45 || c === 43 || c === 61 || c === 126;

/** Runs shorter than this are left alone: codes, words and short ids. */
export const MIN_MASKED_RUN = 20;
/** A hex run this long (and no GUID) is a key, a hash or a session id. */
const MIN_HEX_RUN = 32;

/**
 * True when a run of token characters reads as random: long hex (not a GUID);
 * or upper- and lower-case letters that change class as often as random base62
 * does (about 6 times in 10 neighbouring characters, at least 4 here), with
 * digits or about as many capitals as small letters (a CamelCase name changes
 * class at each word too, but has one capital per word); or letters of both
 * cases and a digit with nearly as many distinct characters as random base62
 * of that length (names repeat their letters). Random base64url tokens of 20
 * to 28 characters escape this about twice in a thousand.
 */
export function looksRandomRun(run: string): boolean {
	if (run.length < MIN_MASKED_RUN) return false;
	let upper = 0;
	let lower = 0;
	let digit = 0;
	let hex = true;
	let switches = 0;
	let pairs = 0;
	let distinct = 0;
	let previous = 0;
	// The distinct letters and digits seen, one bit each (capitals, small letters, digits).
	let seenUpper = 0;
	let seenLower = 0;
	let seenDigit = 0;
	for (let i = 0; i < run.length; i++) {
		const c = run.charCodeAt(i);
		const kind = isUpper(c) ? 1 : isLower(c) ? 2 : isDigit(c) ? 3 : 0;
		if (kind === 1) upper++;
		else if (kind === 2) lower++;
		else if (kind === 3) digit++;
		if (kind === 1 && !(seenUpper & (1 << (c - 65)))) {
			seenUpper |= 1 << (c - 65);
			distinct++;
		} else if (kind === 2 && !(seenLower & (1 << (c - 97)))) {
			seenLower |= 1 << (c - 97);
			distinct++;
		} else if (kind === 3 && !(seenDigit & (1 << (c - 48)))) {
			seenDigit |= 1 << (c - 48);
			distinct++;
		}
		if (!isHex(c)) hex = false;
		if (kind && previous) {
			pairs++;
			if (kind !== previous) switches++;
		}
		previous = kind;
	}
	if (hex && !isGuid(run)) return run.length >= MIN_HEX_RUN && digit > 0 && digit < run.length;
	if (upper < 2 || lower < 2) return false;
	const capitals = upper / (upper + lower);
	if (switches * 5 >= pairs * 2 && (digit >= 2 || (capitals >= 0.3 && capitals <= 0.7))) return true;
	// Distinct characters expected in n random base62 characters: 62 (1 - (61/62)^n).
	const expected = 62 * (1 - Math.pow(61 / 62, upper + lower + digit));
	return digit >= 1 && distinct >= 0.9 * expected;
}

function isGuid(run: string): boolean {
	return run.length === 36 && run.charCodeAt(8) === 45 && run.charCodeAt(13) === 45 && run.charCodeAt(18) === 45 && run.charCodeAt(23) === 45;
}

/**
 * `text` with every long random-looking run of token characters replaced by
 * «redacted». Linear time; returns `text` itself when nothing is masked.
 */
export function maskHighEntropy(text: string): string {
	if (typeof text !== 'string' || text.length < MIN_MASKED_RUN) return text;
	let out = '';
	let from = 0;
	let i = 0;
	while (i < text.length) {
		if (!isRunChar(text.charCodeAt(i))) {
			i++;
			continue;
		}
		const start = i;
		while (i < text.length && isRunChar(text.charCodeAt(i))) i++;
		if (i - start >= MIN_MASKED_RUN && looksRandomRun(text.slice(start, i))) {
			out += text.slice(from, start) + MASK;
			from = i;
		}
	}
	return from === 0 ? text : out + text.slice(from);
}

/** How much of a description or log line after a code is searched for tokens. */
const MAX_DESCRIBED = 4096;

/**
 * Random-looking runs where a server or a log describes an error: the error
 * code itself, its `error_description` (JSON, form, challenge), the reason
 * phrase, and the rest of a log line after a code. A token there (`Bearer
 * token 9f2K… is invalid`) is reported and redacted like any other secret.
 */
export function addOpaqueTokens(text: string, message: HttpMessage, out: SecretSpan[]): void {
	for (const e of message.errors) {
		addRuns(text, e.span.start, e.span.end, out);
		if (e.descriptionSpan) addRuns(text, e.descriptionSpan.start, e.descriptionSpan.end, out);
		else if (e.source === 'text') addRuns(text, e.span.end, lineEndOf(text, e.span.end, e.span.end + MAX_DESCRIBED), out);
	}
	for (const v of message.vendorCodes) {
		if (message.kind === 'fragment' && !message.body) addRuns(text, v.span.end, lineEndOf(text, v.span.end, v.span.end + MAX_DESCRIBED), out);
	}
	if (message.statusSpan && message.startLine) addRuns(text, message.statusSpan.end, message.startLine.end, out);
}

function addRuns(text: string, from: number, to: number, out: SecretSpan[]): void {
	const end = Math.min(to, from + MAX_DESCRIBED);
	let i = from;
	while (i < end) {
		if (!isRunChar(text.charCodeAt(i))) {
			i++;
			continue;
		}
		const start = i;
		while (i < end && isRunChar(text.charCodeAt(i))) i++;
		// A run cut by the bound, or touching a `.`/`/` that joins it to more, is judged on what is inside.
		if (i - start >= MIN_MASKED_RUN) {
			const run = text.slice(start, i);
			if (looksRandomRun(run) && !isPlaceholder(run)) out.push({ kind: 'opaque_token', start, end: i });
		}
	}
}
