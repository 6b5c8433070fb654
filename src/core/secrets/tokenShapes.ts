/**
 * Shape-based secret detection: credentials recognised by what they look like
 * (JWTs, vendor token prefixes, PEM private keys), with no key name needed,
 * plus the helpers that decide what is a placeholder and what may safely be
 * said about a secret.
 *
 * Everything here reads untrusted text: each scanner finds candidates with
 * `indexOf` on a fixed prefix and reads forward with character-class loops, so
 * the work is linear in the input, and no function throws.
 */
import type { SecretKind, SecretSpan } from '../types';

type CharTest = (c: number) => boolean;

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isUpper: CharTest = (c) => c >= 65 && c <= 90;
const isLower: CharTest = (c) => c >= 97 && c <= 122;
const isAlnum: CharTest = (c) => isDigit(c) || isUpper(c) || isLower(c);
const isUpperDigit: CharTest = (c) => isDigit(c) || isUpper(c);
const isWord: CharTest = (c) => isAlnum(c) || c === 95;
const isSlack: CharTest = (c) => isAlnum(c) || c === 45;
const isB64Url: CharTest = (c) => isWord(c) || c === 45;
const isB64UrlOrSlash: CharTest = (c) => isB64Url(c) || c === 47;
const isPemLabel: CharTest = (c) => isUpperDigit(c) || c === 32;
const isBlank: CharTest = (c) => c === 32 || c === 9;
const isDash: CharTest = (c) => c === 45;
const DOT = 46;

/** Index of the first character at or after `from` (and before `limit`) failing `test`. */
function runEnd(s: string, from: number, test: CharTest, limit = s.length): number {
	let i = from;
	while (i < limit && test(s.charCodeAt(i))) {
		i++;
	}
	return i;
}

/**
 * `s.indexOf(needle, from)`, looking for the needle from its character `skip`
 * on: `indexOf` skips fastest to a rare first character, and `e` or `-` are
 * everywhere in logs while `J` (of `eyJ`) and `B` (of `-----BEGIN`) are not.
 */
function indexOfRare(s: string, needle: string, skip: number, from = 0): number {
	const tail = needle.slice(skip);
	let i = s.indexOf(tail, from + skip);
	while (i !== -1 && !s.startsWith(needle, i - skip)) i = s.indexOf(tail, i + 1);
	return i === -1 ? -1 : i - skip;
}

function hasChar(s: string, from: number, to: number, test: CharTest): boolean {
	for (let i = from; i < to; i++) {
		if (test(s.charCodeAt(i))) {
			return true;
		}
	}
	return false;
}

/** A token made of a fixed prefix and a body of one character class. */
interface PrefixRule {
	readonly prefix: string;
	readonly kind: SecretKind;
	/** Characters of the body. */
	readonly body: CharTest;
	/** The token's alphabet: no such character may touch it on either side. */
	readonly edge: CharTest;
	/** Left neighbours refused in addition to `edge`. */
	readonly lead?: CharTest;
	/** Minimum body length (the exact length when `exact`). */
	readonly min: number;
	readonly exact?: boolean;
	/** The body must contain a digit (all real tokens of the kind do). */
	readonly digit?: boolean;
}

/** Rules sharing a cheap trigger string searched with `indexOf`. */
interface RuleGroup {
	readonly trigger: string;
	/** Search for the trigger from this character on (see indexOfRare). */
	readonly skip?: number;
	readonly rules: readonly PrefixRule[];
}

function gitHub(prefix: string): PrefixRule {
	return { prefix, kind: 'github_token', body: isAlnum, edge: isAlnum, min: 36 };
}

function slack(prefix: string): PrefixRule {
	return { prefix, kind: 'slack_token', body: isSlack, edge: isSlack, min: 10, digit: true };
}

function aws(prefix: string): PrefixRule {
	return { prefix, kind: 'aws_key', body: isUpperDigit, edge: isAlnum, min: 16, exact: true };
}

const RULE_GROUPS: readonly RuleGroup[] = [
	{ trigger: 'gh', rules: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map(gitHub) },
	{
		trigger: 'github_pat_',
		skip: 6,
		rules: [{ prefix: 'github_pat_', kind: 'github_token', body: isWord, edge: isWord, min: 22 }],
	},
	{ trigger: 'xox', rules: ['xoxe.xoxp-', 'xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-'].map(slack) },
	{ trigger: 'ya29.', rules: [{ prefix: 'ya29.', kind: 'google_token', body: isB64Url, edge: isB64Url, min: 20 }] },
	{
		trigger: '1//',
		rules: [{ prefix: '1//', kind: 'google_token', body: isB64Url, edge: isB64Url, lead: isB64UrlOrSlash, min: 20 }],
	},
	{ trigger: 'AIza', rules: [{ prefix: 'AIza', kind: 'api_key', body: isB64Url, edge: isB64Url, min: 35, exact: true }] },
	{ trigger: 'AKIA', rules: [aws('AKIA')] },
	{ trigger: 'ASIA', rules: [aws('ASIA')] },
];

/** End of the token matching `rule` at `i`, or -1. */
function matchRule(s: string, i: number, rule: PrefixRule): number {
	const before = s.charCodeAt(i - 1);
	if (!s.startsWith(rule.prefix, i) || rule.edge(before) || (rule.lead?.(before) ?? false)) {
		return -1;
	}
	const from = i + rule.prefix.length;
	const limit = rule.exact ? Math.min(s.length, from + rule.min) : s.length;
	const end = runEnd(s, from, rule.body, limit);
	if (end - from < rule.min || rule.edge(s.charCodeAt(end))) {
		return -1;
	}
	return !rule.digit || hasChar(s, from, end, isDigit) ? end : -1;
}

/** Tries each rule of a group at `i`; returns where the search resumes. */
function matchGroup(s: string, i: number, rules: readonly PrefixRule[], out: SecretSpan[]): number {
	for (const rule of rules) {
		const end = matchRule(s, i, rule);
		if (end >= 0) {
			pushUnlessPlaceholder(out, s, i, end, rule.kind);
			return end;
		}
	}
	return i + 1;
}

function scanGroup(s: string, group: RuleGroup, out: SecretSpan[]): void {
	let i = indexOfRare(s, group.trigger, group.skip ?? 0);
	while (i !== -1) {
		i = indexOfRare(s, group.trigger, group.skip ?? 0, matchGroup(s, i, group.rules, out));
	}
}

function pushUnlessPlaceholder(out: SecretSpan[], s: string, start: number, end: number, kind: SecretKind): void {
	if (!isPlaceholder(s.slice(start, end))) {
		out.push({ start, end, kind });
	}
}

// --- JWT / JWS / JWE -------------------------------------------------------

interface Segment {
	readonly start: number;
	readonly end: number;
}

const segLength = (seg: Segment | undefined): number => (seg ? seg.end - seg.start : 0);

/** Up to six dot-separated base64url runs from `i`; six is enough to see past a JWE. */
function readSegments(s: string, i: number): Segment[] {
	const segs: Segment[] = [];
	let pos = i;
	while (segs.length < 6) {
		const end = runEnd(s, pos, isB64Url);
		segs.push({ start: pos, end });
		if (s.charCodeAt(end) !== DOT) {
			break;
		}
		pos = end + 1;
	}
	return segs;
}

/** Header, encrypted key (empty for `dir`), IV, ciphertext, tag. */
function isJwe(segs: Segment[]): boolean {
	const fits = segs.length === 5 || (segs.length === 6 && segLength(segs[5]) === 0);
	return fits && segLength(segs[2]) >= 10 && segLength(segs[3]) >= 1 && segLength(segs[4]) >= 10;
}

/** Header, payload (JSON, so `eyJ`), signature (empty when unsigned). */
function isJws(s: string, segs: Segment[]): boolean {
	const fits = segs.length === 3 || (segs.length > 3 && segLength(segs[3]) === 0);
	return fits && segLength(segs[1]) >= 10 && s.startsWith('eyJ', segs[1].start);
}

/** End of a JWT starting at `i`, or -1. A trailing lone `.` (end of sentence) is not part of it. */
function matchJwt(s: string, i: number): number {
	const before = s.charCodeAt(i - 1);
	if (isB64Url(before) || (before === DOT && isB64Url(s.charCodeAt(i - 2)))) {
		return -1;
	}
	const segs = readSegments(s, i);
	if (segLength(segs[0]) < 10) {
		return -1;
	}
	if (isJwe(segs)) {
		return segs[4].end;
	}
	return isJws(s, segs) ? segs[2].end : -1;
}

function scanJwt(s: string, out: SecretSpan[]): void {
	let i = indexOfRare(s, 'eyJ', 2);
	while (i !== -1) {
		const end = matchJwt(s, i);
		if (end >= 0) {
			pushUnlessPlaceholder(out, s, i, end, 'jwt');
		}
		// Any later `eyJ` inside the first segment is refused by the left-boundary rule.
		i = indexOfRare(s, 'eyJ', 2, end >= 0 ? end : runEnd(s, i, isB64Url));
	}
}

// --- PEM private keys, Okta SSWS -------------------------------------------

const PEM_BEGIN = '-----BEGIN';
const PEM_END = '-----END';
const PEM_LABEL_MAX = 64;

/** End of a `-----BEGIN … PRIVATE KEY…-----` header at `i`, or -1. */
function pemHeaderEnd(s: string, i: number): number {
	const from = i + PEM_BEGIN.length;
	const labelEnd = runEnd(s, from, isPemLabel, Math.min(s.length, from + PEM_LABEL_MAX));
	const isPrivate = s.slice(from, labelEnd).includes('PRIVATE KEY');
	return isPrivate && s.startsWith('-----', labelEnd) ? labelEnd + 5 : -1;
}

/** Where the key's body ends and where its footer ends (the range end when there is no footer). */
function pemBodyEnd(s: string, from: number): Segment {
	const footer = s.indexOf(PEM_END, from);
	if (footer === -1) {
		return { start: s.length, end: s.length };
	}
	const labelStart = footer + PEM_END.length;
	const labelEnd = runEnd(s, labelStart, isPemLabel, Math.min(s.length, labelStart + PEM_LABEL_MAX));
	return { start: footer, end: runEnd(s, labelEnd, isDash, Math.min(s.length, labelEnd + 5)) };
}

function scanPem(s: string, out: SecretSpan[]): void {
	let i = indexOfRare(s, PEM_BEGIN, 5);
	while (i !== -1) {
		const headerEnd = pemHeaderEnd(s, i);
		if (headerEnd === -1) {
			i = indexOfRare(s, PEM_BEGIN, 5, i + 1);
			continue;
		}
		const footer = pemBodyEnd(s, headerEnd);
		// Escaped newlines are how keys travel inside JSON (service-account files).
		const body = s.slice(headerEnd, footer.start).split('\\n').join('');
		if (!isPlaceholder(body)) {
			out.push({ start: i, end: footer.end, kind: 'private_key' });
		}
		i = indexOfRare(s, PEM_BEGIN, 5, footer.end);
	}
}

/** Start of the API token after `SSWS ` at `i` and where the search resumes. */
function matchSsws(s: string, i: number, out: SecretSpan[]): number {
	const from = i + 4;
	const valueStart = runEnd(s, from, isBlank, Math.min(s.length, from + 8));
	if (isWord(s.charCodeAt(i - 1)) || valueStart === from) {
		return from;
	}
	const valueEnd = runEnd(s, valueStart, isB64Url);
	if (valueEnd - valueStart >= 20) {
		pushUnlessPlaceholder(out, s, valueStart, valueEnd, 'api_key');
	}
	return valueEnd;
}

function scanSsws(s: string, out: SecretSpan[]): void {
	let i = s.indexOf('SSWS');
	while (i !== -1) {
		i = s.indexOf('SSWS', matchSsws(s, i, out));
	}
}

// --- Public API --------------------------------------------------------------

function clampIndex(value: number | undefined, fallback: number, length: number): number {
	if (typeof value !== 'number' || Number.isNaN(value)) {
		return fallback;
	}
	return Math.min(Math.max(Math.trunc(value), 0), length);
}

/** Sorts and unions overlapping spans (the earliest one names the kind), shifting by `offset`. */
function mergeSpans(spans: SecretSpan[], offset: number): SecretSpan[] {
	// Each scanner's output is already sorted, so this sort only merges a handful of runs.
	spans.sort((a, b) => a.start - b.start || b.end - a.end);
	const merged: SecretSpan[] = [];
	for (const span of spans) {
		const last = merged[merged.length - 1];
		if (last && span.start + offset < last.end) {
			last.end = Math.max(last.end, span.end + offset);
		} else {
			merged.push({ start: span.start + offset, end: span.end + offset, kind: span.kind });
		}
	}
	return merged;
}

/**
 * Finds credential-shaped substrings in `text[start, end)` by their shape alone
 * (no key name needed): JWT/JWS/JWE, GitHub, Slack, Google and AWS tokens,
 * Google API keys, PEM private keys and Okta `SSWS` tokens. Placeholders
 * (see {@link isPlaceholder}) are skipped. The range edges count as word
 * boundaries. Offsets are absolute; spans are sorted and non-overlapping.
 * Never throws; linear time.
 */
export function scanTokenShapes(text: string, start?: number, end?: number): SecretSpan[] {
	try {
		if (typeof text !== 'string') {
			return [];
		}
		const lo = clampIndex(start, 0, text.length);
		const hi = clampIndex(end, text.length, text.length);
		if (hi <= lo) {
			return [];
		}
		const s = text.slice(lo, hi);
		const found: SecretSpan[] = [];
		scanJwt(s, found);
		RULE_GROUPS.forEach((group) => scanGroup(s, group, found));
		scanPem(s, found);
		scanSsws(s, found);
		return mergeSpans(found, lo);
	} catch {
		return [];
	}
}

// --- Placeholders --------------------------------------------------------------

const PLACEHOLDER_WORDS = new Set([
	'null', 'undefined', 'nil', 'none', 'true', 'false', 'n/a', 'changeme', 'change_me', 'change-me',
	'redacted', 'removed', 'hidden', 'placeholder', 'todo', 'tbd',
]);

/** Words that mark a `your-secret-here` style value. */
const PLACEHOLDER_CUES = new Set([
	'your', 'my', 'some', 'here', 'example', 'sample', 'placeholder', 'dummy', 'fake', 'insert',
	'replace', 'enter', 'changeme', 'redacted', 'xxx', 'todo', 'test', 'mock', 'stub',
]);

/** Prefixes stripped before asking whether the rest is masked (`ghp_xxxx…`, `AKIAXXXX…`). */
const TOKEN_PREFIXES = [
	'github_pat_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'xoxe.xoxp-', 'xoxb-', 'xoxp-', 'xoxa-', 'xoxr-',
	'xoxs-', 'xoxe-', 'ya29.', '1//', 'AIza', 'AKIA', 'ASIA', 'sk-', 'SSWS ', 'Bearer ', 'Basic ', 'hvs.', 'hvb.', 'hvr.',
];

const MASK_CHARS = '*xX.\u2026\u2022\u00b7#_-?';

function unquote(v: string): string {
	const q = v.charAt(0);
	const quoted = v.length >= 2 && (q === '"' || q === '\'' || q === '`') && v.endsWith(q);
	return quoted ? v.slice(1, -1).trim() : v;
}

function isMasked(v: string): boolean {
	for (let i = 0; i < v.length; i++) {
		if (!MASK_CHARS.includes(v.charAt(i)) && !isBlank(v.charCodeAt(i))) {
			return false;
		}
	}
	return true;
}

function isOneCharRepeated(v: string): boolean {
	return v.length >= 3 && v.split(v.charAt(0)).length === v.length + 1;
}

function isIdentifier(v: string): boolean {
	return v.length > 0 && !isDigit(v.charCodeAt(0)) && runEnd(v, 0, isWord) === v.length;
}

function isEnclosed(v: string, open: string, close: string): boolean {
	return v.length > open.length + close.length - 1 && v.startsWith(open) && v.endsWith(close);
}

/** `{{x}}`, `${x}`, `$(x)`, `$x`, `%x%`, `<x>`, `[x]`, `{x}`, `(x`, `##X##`, `$__file{…}`, or a value with a `{{…}}` / `${…}` inside. */
function isTemplate(v: string): boolean {
	const inner = v.slice(1, -1);
	if (isEnclosed(v, '<', '>') && !/[<>]/.test(inner)) {
		return true;
	}
	if (isEnclosed(v, '[', ']') && !/[[\]]/.test(inner)) {
		return true;
	}
	if (isEnclosed(v, '%', '%') && inner.length > 0 && !/[%\s]/.test(inner)) {
		return true;
	}
	// A name in braces (a Go or Python format field, `{deviceCode}`), Terraform's `(sensitive value)`.
	if ((isEnclosed(v, '{', '}') && isIdentifier(inner)) || (v.startsWith('(') && isIdentifier(v.slice(1).replace(/\)$/, '')))) {
		return true;
	}
	// Deploy-tool keywords (`##CLIENT_SECRET##`, `@@SECRET@@`) and Grafana's `$__file{…}`, `$__env{…}`, `$__vault{…}`.
	if (/^(?:##\w+##|@@\w+@@|\$__(?:file|env|vault)\{[^}]*\})$/.test(v)) {
		return true;
	}
	if (v.startsWith('$') && (isIdentifier(v.slice(1)) || isEnclosed(v, '$(', ')'))) {
		return true;
	}
	const open = Math.max(v.indexOf('{{'), v.indexOf('${'));
	return open >= 0 && v.indexOf('}', open + 2) > open;
}

/** `SOME_VALUE`, `YOUR_CLIENT_SECRET`: an upper-case snake-case name, not a value. */
function isUpperSnake(v: string): boolean {
	return isUpper(v.charCodeAt(0)) && v.includes('_') && runEnd(v, 0, (c) => isUpperDigit(c) || c === 95) === v.length;
}

const isLowerWordChar: CharTest = (c) => isLower(c) || c === 45 || c === 95 || c === 32;
const isUpperWordChar: CharTest = (c) => isUpper(c) || c === 45 || c === 95 || c === 32;

/**
 * `your-secret-here`, `MY API KEY`, `yourClientSecret`. Single-case letters
 * only, so a random token that happens to contain `-my_` never qualifies.
 */
function hasPlaceholderWords(v: string): boolean {
	if (v.startsWith('your') && isUpper(v.charCodeAt(4))) {
		return true;
	}
	if (runEnd(v, 0, isLowerWordChar) !== v.length && runEnd(v, 0, isUpperWordChar) !== v.length) {
		return false;
	}
	const words = v.toLowerCase().split(/[-_ ]/);
	return words.length > 1 && words.some((w) => PLACEHOLDER_CUES.has(w));
}

function isMaskedAfterPrefix(v: string): boolean {
	const prefix = TOKEN_PREFIXES.find((p) => v.startsWith(p));
	const rest = prefix ? v.slice(prefix.length) : v;
	return rest.length > 0 && (isMasked(rest) || isOneCharRepeated(rest));
}

/**
 * True when a value is obviously not a real secret: a template variable
 * (`{{x}}`, `${x}`, `$x`, `%x%`, `<x>`, `[x]`), a placeholder
 * (`YOUR_CLIENT_SECRET`, `your-secret-here`, `SOME_VALUE`, `changeme`, `xxx`,
 * `***`, `...`, `…`, `redacted`, `null`, `undefined`, `true`/`false`, anything
 * containing `example`, a token prefix followed by a mask), an empty or
 * whitespace-only string, or a value already redacted by us (starts with
 * `«redacted`). Never throws; linear time.
 */
export function isPlaceholder(value: string): boolean {
	if (typeof value !== 'string') {
		return true;
	}
	const v = unquote(value.trim());
	if (v.length === 0 || v.startsWith('\u00abredacted')) {
		return true;
	}
	const lower = v.toLowerCase();
	return PLACEHOLDER_WORDS.has(lower) || lower.includes('example') || isMasked(v) || isTemplate(v)
		|| isUpperSnake(v) || hasPlaceholderWords(v) || isMaskedAfterPrefix(v);
}

/** The replacement text used by redaction, e.g. `«redacted:access_token»`. */
export function redactionMarker(kind: SecretKind): string {
	return `\u00abredacted:${kind}\u00bb`;
}

// --- Decoding (no Buffer, no atob: the core also runs in a browser) ------------

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

// --- describeSecret ----------------------------------------------------------

type Json = Record<string, unknown>;

const CLAIM_MAX = 80;
const LIST_MAX = 8;

function decodeJsonObject(segment: string | undefined): Json | undefined {
	const text = segment === undefined ? undefined : decodeBase64Url(segment);
	if (text === undefined) {
		return undefined;
	}
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Json : undefined;
	} catch {
		return undefined;
	}
}

/** Controls, zero-width and bidi-override characters: they could disguise displayed text. */
function isInvisible(c: number): boolean {
	return c < 32 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f)
		|| (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** Invisible characters become spaces, lone surrogates U+FFFD. */
function visibleText(raw: string): string {
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw.charCodeAt(i);
		if ((c & 0xfc00) === 0xd800 && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			out += raw.slice(i, i + 2);
			i++;
		} else if (isInvisible(c)) {
			out += ' ';
		} else {
			out += (c & 0xf800) === 0xd800 ? '\ufffd' : raw.charAt(i);
		}
	}
	return out.trim();
}

/** Untrusted claim text made displayable: bounded, visible, token-shaped parts redacted. */
function cleanText(raw: string): string {
	const short = raw.length > CLAIM_MAX ? `${raw.slice(0, CLAIM_MAX)}\u2026` : raw;
	let out = visibleText(short);
	for (const span of scanTokenShapes(out).reverse()) {
		out = out.slice(0, span.start) + redactionMarker(span.kind) + out.slice(span.end);
	}
	return out;
}

function claimText(value: unknown, separator: string): string | undefined {
	if (typeof value === 'string') {
		return cleanText(value);
	}
	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}
	if (!Array.isArray(value)) {
		return undefined;
	}
	const items = value.slice(0, LIST_MAX).filter((v) => typeof v === 'string').map((v) => cleanText(v as string));
	return items.join(separator) + (value.length > LIST_MAX ? `${separator}\u2026` : '');
}

function addFact(facts: string[], name: string, value: unknown, separator = ', '): void {
	const text = claimText(value, separator);
	if (text !== undefined && text !== '') {
		facts.push(`${name}=${text}`);
	}
}

function addExpiry(facts: string[], exp: unknown, nowMs: number): void {
	const ms = typeof exp === 'number' ? exp * 1000 : NaN;
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
		return;
	}
	const state = Number.isFinite(nowMs) && ms <= nowMs ? 'expired' : 'not expired';
	facts.push(`exp=${new Date(ms).toISOString()} (${state})`);
}

function describeJwt(value: string, nowMs: number): string | undefined {
	const parts = value.trim().replace(/^(?:bearer|dpop) +/i, '').split('.');
	const header = parts.length === 3 || parts.length === 5 ? decodeJsonObject(parts[0]) : undefined;
	if (!header) {
		return undefined;
	}
	const facts: string[] = [];
	addFact(facts, 'alg', header.alg);
	addFact(facts, 'typ', header.typ);
	if (parts.length === 5) {
		addFact(facts, 'enc', header.enc);
		return `JWE (encrypted)${facts.length ? `: ${facts.join(', ')}` : ''}`;
	}
	const payload = decodeJsonObject(parts[1]) ?? {};
	addFact(facts, 'iss', payload.iss);
	addFact(facts, 'aud', payload.aud);
	addExpiry(facts, payload.exp, nowMs);
	addFact(facts, 'scp', payload.scp, ' ');
	addFact(facts, 'scope', payload.scope, ' ');
	return `JWT${facts.length ? `: ${facts.join(', ')}` : ''}`;
}

/** Longer JWTs are described by kind and length only. */
const MAX_DESCRIBED_JWT = 64 * 1024;

/**
 * Safe facts about a secret value for display: kind, length and, for a JWT,
 * a few harmless claims (alg, typ, iss, aud, exp as ISO date with an expired
 * flag, scp/scope; for a JWE only its header's alg/typ/enc) — never the value
 * itself, never sub/email/name/upn claims. Claim text is cleaned of control
 * characters, bounded and has token-shaped parts redacted; it is plain text,
 * so escape it before it goes into markdown. Never throws.
 */
export function describeSecret(kind: SecretKind, value: string, nowMs: number = Date.now()): string {
	try {
		const base = `${kind}, ${typeof value === 'string' ? value.length : 0} chars`;
		// Real tokens are a few KB; a megabyte paste is not decoded again on every hover.
		const jwt = typeof value === 'string' && value.length <= MAX_DESCRIBED_JWT ? describeJwt(value, nowMs) : undefined;
		return jwt ? `${base}, ${jwt}` : base;
	} catch {
		return String(kind);
	}
}
