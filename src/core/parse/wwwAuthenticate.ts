/**
 * Parser for the field value of a `WWW-Authenticate` header (RFC 9110
 * §11.6.1): one or more challenges, each an auth-scheme followed by either a
 * token68 or a comma-separated list of auth-params.
 *
 * It is a single forward pass over character codes, so its cost is linear in
 * the input whatever the input is. Real servers send malformed challenges; the
 * parser forgives the common mistakes, keeps the best-effort parameters and
 * reports each deviation as a {@link ChallengeProblem}.
 */
import type { Span } from '../types';

/** What kind of deviation from RFC 9110 the parser tolerated. */
export type ChallengeProblemKind =
	| 'stray-comma' | 'unquoted-value' | 'unterminated-quote' | 'missing-comma'
	| 'duplicate-param' | 'empty-value' | 'invalid-char' | 'no-scheme';

/** A tolerated deviation; `span` covers the offending text. Messages never quote values. */
export interface ChallengeProblem {
	kind: ChallengeProblemKind;
	message: string;
	span: Span;
}

/** One auth-param of a challenge. */
export interface ChallengeParam {
	/** The parameter name, lower-cased (names are case-insensitive). */
	name: string;
	/** The value without its quotes, backslash escapes resolved. */
	value: string;
	nameSpan: Span;
	/** The value's characters as written, excluding surrounding quotes. */
	valueSpan: Span;
	/** True when the value was quoted (double quotes, or tolerated single quotes). */
	quoted: boolean;
}

/** One challenge: an auth-scheme with a token68 or with auth-params. */
export interface Challenge {
	/** The scheme as written (compare case-insensitively); `''` when the value has none. */
	scheme: string;
	/** Where the scheme is; empty, at the first element, when there is none. */
	schemeSpan: Span;
	params: ChallengeParam[];
	token68?: { value: string; span: Span };
	/** From the scheme (or the first element) to the end of the last element. */
	span: Span;
	problems: ChallengeProblem[];
}

/**
 * Parses the field value of a WWW-Authenticate header: text[start, end).
 * Offsets are absolute into `text`. Never throws; an empty value gives `[]`.
 */
export function parseWwwAuthenticate(text: string, start: number, end: number): Challenge[] {
	if (typeof text !== 'string') return [];
	const from = clamp(start, 0, text.length);
	const s: Scanner = { text, end: clamp(end, from, text.length), pos: from };
	const challenges: Challenge[] = [];
	s.pos = skipCommas(s, s.pos);
	while (s.pos < s.end) {
		const before = s.pos;
		challenges.push(parseChallenge(s));
		// Every challenge consumes input; this only guards against a future bug looping forever.
		if (s.pos <= before) s.pos = before + 1;
		s.pos = skipCommas(s, s.pos);
	}
	return challenges;
}

/** Convenience: the first param `name` (lower-case) of a challenge. */
export function challengeParam(challenge: Challenge, name: string): ChallengeParam | undefined {
	const wanted = name.toLowerCase();
	return challenge.params.find((p) => p.name === wanted);
}

/** The first challenge whose scheme matches `scheme`, ignoring case. */
export function findChallenge(challenges: readonly Challenge[], scheme: string): Challenge | undefined {
	const wanted = scheme.toLowerCase();
	return challenges.find((c) => c.scheme.toLowerCase() === wanted);
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;
const DEL = 0x7f;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TCHAR = charTable(ALNUM + '!#$%&\'*+-.^_`|~');
const TOKEN68 = charTable(ALNUM + '-._~+/');

function charTable(chars: string): Uint8Array {
	const table = new Uint8Array(128);
	for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
	return table;
}

function isTchar(c: number): boolean {
	return c < 128 && TCHAR[c] === 1;
}

function isToken68Char(c: number): boolean {
	return c < 128 && TOKEN68[c] === 1;
}

/** SP and HTAB are OWS; CR and LF are tolerated too (obs-fold, pasted line breaks). */
function isSpace(c: number): boolean {
	return c === SPACE || c === TAB || c === LF || c === CR;
}

function isCtl(c: number): boolean {
	return (c < 0x20 && c !== TAB) || c === DEL;
}

function clamp(n: number, lo: number, hi: number): number {
	if (!(n >= lo)) return lo;
	return n <= hi ? Math.floor(n) : hi;
}

/** Cursor over text[pos, end). */
interface Scanner {
	readonly text: string;
	readonly end: number;
	pos: number;
	/** A missing comma between two challenges, reported on the second one. */
	pendingGap?: Span;
}

/** Book-keeping for the challenge being read. */
interface Builder {
	challenge: Challenge;
	seen: Set<string>;
	/** End of the last element read (scheme, value, junk). */
	lastEnd: number;
	/** True where a parameter may start without a comma before it. */
	expectParam: boolean;
}

interface Value {
	value: string;
	span: Span;
	quoted: boolean;
}

function code(s: Scanner, p: number): number {
	return s.text.charCodeAt(p);
}

function skipSpace(s: Scanner, p: number): number {
	while (p < s.end && isSpace(code(s, p))) p++;
	return p;
}

/** Skips list separators: commas and whitespace (empty list elements are legal). */
function skipCommas(s: Scanner, p: number): number {
	while (p < s.end && (code(s, p) === COMMA || isSpace(code(s, p)))) p++;
	return p;
}

function skipToken(s: Scanner, p: number): number {
	while (p < s.end && isTchar(code(s, p))) p++;
	return p;
}

/** `token BWS "="` at p: an auth-param, not a scheme. */
function isParamAt(s: Scanner, p: number): boolean {
	const t = skipToken(s, p);
	const q = skipSpace(s, t);
	return t > p && q < s.end && code(s, q) === EQUALS;
}

/** A token at p that is not a parameter name begins a new challenge. */
function startsChallenge(s: Scanner, p: number): boolean {
	return skipToken(s, p) > p && !isParamAt(s, p);
}

function addProblem(b: Builder, kind: ChallengeProblemKind, span: Span, message: string): void {
	b.challenge.problems.push({ kind, message, span });
}

/** Where a comma should have been: the gap before `start`, or the name itself when there is none. */
function gapBefore(b: Builder, start: number, nameEnd: number): Span {
	return b.lastEnd < start ? { start: b.lastEnd, end: start } : { start, end: nameEnd };
}

function displayName(name: string): string {
	return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

function parseChallenge(s: Scanner): Challenge {
	const begin = s.pos;
	const empty = { start: begin, end: begin };
	const challenge: Challenge = { scheme: '', schemeSpan: empty, params: [], span: empty, problems: [] };
	const b: Builder = { challenge, seen: new Set(), lastEnd: begin, expectParam: true };
	if (s.pendingGap) {
		addProblem(b, 'missing-comma', s.pendingGap, 'A comma is missing before this challenge.');
		s.pendingGap = undefined;
	}
	const schemeEnd = skipToken(s, begin);
	if (schemeEnd > begin && !isParamAt(s, begin)) {
		challenge.scheme = s.text.slice(begin, schemeEnd);
		challenge.schemeSpan = { start: begin, end: schemeEnd };
		b.lastEnd = s.pos = schemeEnd;
		parseAfterScheme(s, b);
	} else {
		const span = { start: begin, end: Math.max(schemeEnd, begin + 1) };
		addProblem(b, 'no-scheme', span, 'The challenge does not start with an auth-scheme such as Bearer.');
		parseParams(s, b);
	}
	challenge.span = { start: begin, end: b.lastEnd };
	return challenge;
}

function parseAfterScheme(s: Scanner, b: Builder): void {
	const p = skipSpace(s, s.pos);
	if (p < s.end && code(s, p) === COMMA) {
		parseStrayComma(s, b, p);
		return;
	}
	if (p > s.pos && readToken68(s, b, p)) return;
	s.pos = p;
	parseParams(s, b);
}

/** `Bearer, error=…`: a comma before the first parameter rather than between challenges. */
function parseStrayComma(s: Scanner, b: Builder, comma: number): void {
	s.pos = skipCommas(s, comma);
	if (s.pos >= s.end || startsChallenge(s, s.pos)) return;
	const message = 'A comma follows the auth-scheme; the first parameter must follow it after a space only.';
	addProblem(b, 'stray-comma', { start: comma, end: comma + 1 }, message);
	parseParams(s, b);
}

/**
 * token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", ending the challenge.
 * `name=` followed by another parameter is read as an empty parameter instead.
 */
function readToken68(s: Scanner, b: Builder, p: number): boolean {
	let valueEnd = p;
	while (valueEnd < s.end && isToken68Char(code(s, valueEnd))) valueEnd++;
	if (valueEnd === p) return false;
	while (valueEnd < s.end && code(s, valueEnd) === EQUALS) valueEnd++;
	const after = skipSpace(s, valueEnd);
	let next = after;
	if (after < s.end) {
		if (code(s, after) !== COMMA) return false;
		next = skipCommas(s, after);
		if (next < s.end && !startsChallenge(s, next)) return false;
	}
	b.challenge.token68 = { value: s.text.slice(p, valueEnd), span: { start: p, end: valueEnd } };
	b.lastEnd = valueEnd;
	s.pos = next;
	return true;
}

/** Reads auth-params until the input ends or a new challenge begins. */
function parseParams(s: Scanner, b: Builder): void {
	while (s.pos < s.end) {
		const c = code(s, s.pos);
		if (isSpace(c)) s.pos = skipSpace(s, s.pos);
		else if (c === COMMA) {
			if (!readComma(s, b)) return;
		} else if (isTchar(c)) {
			if (!readParam(s, b)) return;
		} else readJunk(s, b);
	}
}

/** Consumes list separators; false when what follows begins a new challenge. */
function readComma(s: Scanner, b: Builder): boolean {
	s.pos = skipCommas(s, s.pos);
	if (s.pos >= s.end || startsChallenge(s, s.pos)) return false;
	b.expectParam = true;
	return true;
}

/** Reads `name = value`, or a bare name; false when the token begins a new challenge instead. */
function readParam(s: Scanner, b: Builder): boolean {
	const start = s.pos;
	const nameEnd = skipToken(s, start);
	const eq = skipSpace(s, nameEnd);
	const hasEquals = eq < s.end && code(s, eq) === EQUALS;
	if (!hasEquals && eq > nameEnd && eq < s.end && code(s, eq) !== COMMA) {
		// `token SP something` without a comma before it: the next challenge.
		s.pendingGap = gapBefore(b, start, nameEnd);
		return false;
	}
	const name = s.text.slice(start, nameEnd).toLowerCase();
	const nameSpan = { start, end: nameEnd };
	if (!b.expectParam) {
		addProblem(b, 'missing-comma', gapBefore(b, start, nameEnd), `A comma is missing before the parameter "${displayName(name)}".`);
	}
	const v = hasEquals ? readValue(s, b, name, nameSpan, eq) : bareName(s, b, name, nameSpan);
	if (b.seen.has(name)) {
		addProblem(b, 'duplicate-param', nameSpan, `The parameter "${displayName(name)}" occurs more than once in this challenge.`);
	} else b.seen.add(name);
	b.challenge.params.push({ name, value: v.value, nameSpan, valueSpan: v.span, quoted: v.quoted });
	b.expectParam = false;
	return true;
}

function bareName(s: Scanner, b: Builder, name: string, nameSpan: Span): Value {
	addProblem(b, 'empty-value', nameSpan, `The parameter "${displayName(name)}" has no "=" and no value.`);
	b.lastEnd = s.pos = nameSpan.end;
	return { value: '', span: { start: nameSpan.end, end: nameSpan.end }, quoted: false };
}

function readValue(s: Scanner, b: Builder, name: string, nameSpan: Span, eq: number): Value {
	const p = skipSpace(s, eq + 1);
	const c = p < s.end ? code(s, p) : COMMA;
	if (c === COMMA) {
		addProblem(b, 'empty-value', { start: nameSpan.start, end: eq + 1 }, `The parameter "${displayName(name)}" has no value.`);
		b.lastEnd = s.pos = eq + 1;
		return { value: '', span: { start: eq + 1, end: eq + 1 }, quoted: false };
	}
	if (c === DQUOTE) return readQuoted(s, b, p);
	if (c === SQUOTE) {
		const single = readSingleQuoted(s, b, p);
		if (single) return single;
	}
	return readUnquoted(s, b, name, p);
}

interface QuotedScan {
	value: string;
	/** Index of the closing quote, or the end of the input when there is none. */
	contentEnd: number;
	terminated: boolean;
	/** First control character, or -1. */
	ctl: number;
}

/** Scans a quoted-string whose content starts at `from`, resolving quoted-pairs. */
function scanQuoted(text: string, from: number, end: number): QuotedScan {
	let value = '';
	let chunk = from;
	let ctl = -1;
	for (let i = from; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === DQUOTE) return { value: value + text.slice(chunk, i), contentEnd: i, terminated: true, ctl };
		if (c === BACKSLASH && i + 1 < end) {
			value += text.slice(chunk, i);
			chunk = ++i;
		}
		if (ctl < 0 && isCtl(text.charCodeAt(i))) ctl = i;
	}
	return { value: value + text.slice(chunk, end), contentEnd: end, terminated: false, ctl };
}

function readQuoted(s: Scanner, b: Builder, open: number): Value {
	const q = scanQuoted(s.text, open + 1, s.end);
	if (!q.terminated) {
		addProblem(b, 'unterminated-quote', { start: open, end: s.end }, 'The quoted string is never closed; its value runs to the end of the header.');
	}
	if (q.ctl >= 0) {
		addProblem(b, 'invalid-char', { start: q.ctl, end: q.ctl + 1 }, 'The quoted string contains a control character.');
	}
	b.lastEnd = s.pos = q.terminated ? q.contentEnd + 1 : s.end;
	return { value: q.value, span: { start: open + 1, end: q.contentEnd }, quoted: true };
}

/**
 * `name='value'` is not HTTP quoting but some servers send it; strip the quotes.
 * Without a closing quote the value is read as a token (`'` is a tchar).
 */
function readSingleQuoted(s: Scanner, b: Builder, open: number): Value | undefined {
	let close = open + 1;
	while (close < s.end && code(s, close) !== SQUOTE) close++;
	if (close >= s.end) return undefined;
	addProblem(b, 'invalid-char', { start: open, end: close + 1 }, 'Single quotes do not quote a value in HTTP; use double quotes.');
	b.lastEnd = s.pos = close + 1;
	return { value: s.text.slice(open + 1, close), span: { start: open + 1, end: close }, quoted: true };
}

/** An unquoted value runs to whitespace or a comma; only a token is legal unquoted. */
function readUnquoted(s: Scanner, b: Builder, name: string, p: number): Value {
	let q = p;
	let isToken = true;
	for (; q < s.end; q++) {
		const c = code(s, q);
		if (c === COMMA || isSpace(c)) break;
		if (!isTchar(c)) isToken = false;
	}
	const span = { start: p, end: q };
	if (!isToken) {
		addProblem(b, 'unquoted-value', span, `The value of "${displayName(name)}" has characters that are only allowed in a quoted string.`);
	}
	b.lastEnd = s.pos = q;
	return { value: s.text.slice(p, q), span, quoted: false };
}

/** Skips characters that cannot start a parameter (a stray quoted string counts as one). */
function readJunk(s: Scanner, b: Builder): void {
	const start = s.pos;
	let p = start;
	while (p < s.end) {
		const c = code(s, p);
		if (c === COMMA || isSpace(c) || isTchar(c)) break;
		if (c !== DQUOTE) p++;
		else {
			const q = scanQuoted(s.text, p + 1, s.end);
			p = q.terminated ? q.contentEnd + 1 : s.end;
		}
	}
	addProblem(b, 'invalid-char', { start, end: p }, 'Unexpected characters where a parameter was expected.');
	b.lastEnd = s.pos = p;
}
