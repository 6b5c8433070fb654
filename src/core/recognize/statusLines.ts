import type { Catalog } from '../catalog/catalog';
import { lineEndOf, lineStartOf, upTo } from '../parse/lines';
import type { HttpMessage } from './model';

/** Text longer than this is not searched for request log lines. */
const MAX_STATUS_TEXT = 512 * 1024;
/** Request log lines looked at per text. */
const MAX_STATUS_LINES = 50;
/** How far around a request line the vendor's name may be. */
const BEFORE = 1500;
const AFTER = 500;

/**
 * A request logged with its answer on one line: urllib3's
 * `https://host:443 "POST /path HTTP/1.1" 401 41`, an access log's
 * `--> POST /path 400 15ms`. Method, target, optional protocol, status.
 */
const REQUEST_LINE = /\b(?:GET|POST|PUT|PATCH|DELETE) ([^\s"]{1,2048})(?: HTTP\/\d(?:\.\d)?)?"? ([45]\d\d)\b/g;
/**
 * A status in an exception's or a client's words: `HTTP 401`, `status code 403`, `Status: 400`, `401 Unauthorized`,
 * an exception message that starts with the status (`…Error: 403: Client is not…`), or the `#code: 400` property
 * of an exception object dumped by PHP's var-dumper (Laravel's dd).
 */
const STATUS_PHRASE = /\b(?:HTTP|[Ss]tatus(?: [Cc]ode)?|Response Code)(?: |: ?|:? ?\[)(4\d\d)\b|\b(4\d\d) (?:Unauthorized|Forbidden|Bad Request)\b|(?:Error|Exception): (4\d\d): |^ {0,8}#code: (4\d\d)\r?$/gm;
/**
 * How far past its start a match (with the character its closing `\b` reads) reaches, at most:
 * `DELETE ` + a 2048-character target + ` HTTP/1.1"` + ` 401` + 1; a status phrase (a `#code:` line with its line end) is shorter than 32.
 */
const REQUEST_LINE_REACH = 2048 + 32;
const STATUS_PHRASE_REACH = 32;
/** Targets of the authorization flow, where a 400 is an authorization failure rather than any bad request. */
const AUTH_TARGET = /token|oauth|authoriz|oidc|connect/i;

/**
 * A logged request that the server refused (401 or 403, or 400 from a token
 * or authorization endpoint) with no body to read, near evidence of the
 * vendor that answered: a message with that status and vendor and no code,
 * so that the answer can speak of that vendor. `isClaimed` tells spans other
 * evidence already holds.
 */
export function statusLineFragments(text: string, start: number, end: number, catalog: Catalog, isClaimed: (start: number, end: number) => boolean, make: (start: number, end: number) => HttpMessage): HttpMessage[] {
	if (end - start > MAX_STATUS_TEXT) return [];
	const out: HttpMessage[] = [];
	const pattern = new RegExp(REQUEST_LINE.source, 'g');
	pattern.lastIndex = start;
	// Searched no further than a request line starting before `end` may reach: a gap without one costs its own length.
	const scope = upTo(text, end + REQUEST_LINE_REACH);
	let seen = 0;
	for (let m = pattern.exec(scope); m && m.index < end && seen < MAX_STATUS_LINES; m = pattern.exec(scope)) {
		seen++;
		const status = Number(m[2]);
		if (status !== 401 && status !== 403 && !(status === 400 && AUTH_TARGET.test(m[1]))) continue;
		const lineStart = lineStartOf(text, m.index, start);
		const lineEnd = lineEndOf(text, m.index, end);
		if (isClaimed(lineStart, lineEnd)) continue;
		const vendor = catalog.profiles.vendorIn(text.slice(Math.max(start, lineStart - BEFORE), Math.min(end, lineEnd + AFTER)));
		if (!vendor) continue;
		const fragment = make(lineStart, lineEnd);
		const statusAt = m.index + m[0].length - m[2].length;
		fragment.status = status;
		fragment.statusSpan = { start: statusAt, end: statusAt + 3 };
		fragment.vendor = vendor;
		out.push(fragment);
		// One line per request: the next match starts on a later line.
		if (pattern.lastIndex < lineEnd) pattern.lastIndex = lineEnd;
	}
	if (!out.length) {
		const phrase = statusPhraseFragment(text, start, end, catalog, make);
		if (phrase) out.push(phrase);
	}
	return out;
}

/**
 * The first 401 or 403 an exception or client states in words, near evidence of
 * the vendor that answered (its SDK's exception name, its host): a message with
 * that status and vendor and no code.
 */
function statusPhraseFragment(text: string, start: number, end: number, catalog: Catalog, make: (start: number, end: number) => HttpMessage): HttpMessage | undefined {
	const pattern = new RegExp(STATUS_PHRASE.source, 'gm');
	pattern.lastIndex = start;
	const scope = upTo(text, end + STATUS_PHRASE_REACH);
	let seen = 0;
	for (let m = pattern.exec(scope); m && m.index < end && seen < MAX_STATUS_LINES; m = pattern.exec(scope)) {
		seen++;
		const digits = m[1] ?? m[2] ?? m[3] ?? m[4];
		const status = Number(digits);
		if (status !== 401 && status !== 403 && status !== 400) continue;
		const lineStart = lineStartOf(text, m.index, start);
		const lineEnd = lineEndOf(text, m.index, end);
		const vendor = catalog.profiles.vendorIn(text.slice(Math.max(start, lineStart - BEFORE), Math.min(end, lineEnd + AFTER)));
		if (!vendor) continue;
		const fragment = make(lineStart, lineEnd);
		const statusAt = m.index + m[0].indexOf(digits);
		fragment.status = status;
		fragment.statusSpan = { start: statusAt, end: statusAt + 3 };
		fragment.vendor = vendor;
		return fragment;
	}
	return undefined;
}
