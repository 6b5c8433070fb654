/**
 * Shape-based secret detection: credentials recognised by what they look like
 * (JWTs, PEM private keys, vendor token prefixes and webhook URLs from
 * shapes.json), with no key name needed.
 *
 * Everything here reads untrusted text: each scanner finds candidates with
 * `indexOf` on a fixed prefix and reads forward with character-class loops, so
 * the work is linear in the input, and no function throws.
 */
import type { SecretKind, SecretSpan } from '../types';
import {
	DOT, hasChar, indexOfRare, isAlnum, isAlnumDash, isB64Url, isB64UrlOrSlash, isBlank, isDash, isDigit, isLineBreak, isUpperDigit, isWord,
	rareSkip, runEnd, type CharTest,
} from './chars';
import { isPlaceholder } from './placeholders';
import shapes from './shapes.json';

// --- Prefixed tokens (data: shapes.json) --------------------------------------

/** A token made of a fixed prefix and a body of one character class. */
interface PrefixRule {
	readonly prefix: string;
	readonly kind: SecretKind;
	/** Characters of the body. */
	readonly body: CharTest;
	/** The token's alphabet: no such character may touch it on either side. */
	readonly edge: CharTest;
	/** Left neighbours refused in addition to `body`. */
	readonly lead?: CharTest;
	/** Minimum body length (the exact length when `exact`). */
	readonly min: number;
	readonly exact?: boolean;
	/** The body must contain a digit (all real tokens of the kind do). */
	readonly digit?: boolean;
}

/** Rules sharing a trigger string searched with `indexOf`. */
interface RuleGroup {
	readonly trigger: string;
	/** Search for the trigger from this character on (see indexOfRare). */
	readonly skip: number;
	readonly rules: readonly PrefixRule[];
}

const BODIES: Readonly<Record<string, CharTest>> = {
	alnum: isAlnum, word: isWord, alnumDash: isAlnumDash, b64url: isB64Url, b64urlOrSlash: isB64UrlOrSlash, upperDigit: isUpperDigit,
};

function charTest(name: string): CharTest {
	const test = BODIES[name];
	if (!test) throw new Error(`shapes.json: unknown character class "${name}"`);
	return test;
}

/** The data's rules grouped by their first two characters, each group searched once; longer prefixes are tried first. */
function ruleGroups(): RuleGroup[] {
	const groups = new Map<string, PrefixRule[]>();
	for (const r of shapes.prefixes) {
		const rule: PrefixRule = {
			prefix: r.prefix, kind: r.kind as SecretKind, body: charTest(r.body), edge: charTest(r.edge ?? r.body), min: r.min,
			...(r.lead ? { lead: charTest(r.lead) } : {}), ...(r.exact ? { exact: true } : {}), ...(r.digit ? { digit: true } : {}),
		};
		const key = r.prefix.slice(0, 2);
		const list = groups.get(key);
		if (list) list.push(rule); else groups.set(key, [rule]);
	}
	return [...groups.values()].map(rules => {
		rules.sort((a, b) => b.prefix.length - a.prefix.length);
		const trigger = commonPrefix(rules.map(r => r.prefix));
		return { trigger, skip: rareSkip(trigger), rules };
	});
}

function commonPrefix(words: readonly string[]): string {
	if (!words.length) return '';
	let n = words[0].length;
	for (const w of words) {
		let i = 0;
		while (i < n && w.charCodeAt(i) === words[0].charCodeAt(i)) i++;
		n = i;
	}
	return words[0].slice(0, n);
}

const RULE_GROUPS: readonly RuleGroup[] = ruleGroups();

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
	let i = indexOfRare(s, group.trigger, group.skip);
	while (i !== -1) {
		i = indexOfRare(s, group.trigger, group.skip, matchGroup(s, i, group.rules, out));
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

/**
 * A JWT's header and payload cut at a line end (a log wrapped the token; its
 * tail is on the next line, see wrappedTail in fields.ts).
 */
function isCutJws(s: string, segs: Segment[]): boolean {
	const last = segs[segs.length - 1];
	const atBreak = last.end === s.length || isLineBreak(s.charCodeAt(last.end));
	return segs.length === 2 && atBreak && segLength(segs[1]) >= 10 && s.startsWith('eyJ', segs[1].start);
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
	if (isJws(s, segs)) return segs[2].end;
	return isCutJws(s, segs) ? segs[1].end : -1;
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

// --- PEM private keys, scheme-word tokens, webhook URLs -----------------------

const PEM_BEGIN = '-----BEGIN';
const PEM_END = '-----END';
const PEM_LABEL_MAX = 64;
const isPemLabel: CharTest = (c) => isUpperDigit(c) || c === 32;

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

interface SchemeRule {
	readonly word: string;
	readonly kind: SecretKind;
	readonly min: number;
}

const SCHEMES: readonly SchemeRule[] = shapes.schemes.map(r => ({ word: r.word, kind: r.kind as SecretKind, min: r.min }));

/** Where the search resumes after the scheme word at `i`; pushes the credential after it. */
function matchScheme(s: string, i: number, rule: SchemeRule, out: SecretSpan[]): number {
	const from = i + rule.word.length;
	const valueStart = runEnd(s, from, isBlank, Math.min(s.length, from + 8));
	if (isWord(s.charCodeAt(i - 1)) || valueStart === from) {
		return from;
	}
	const valueEnd = runEnd(s, valueStart, isB64Url);
	if (valueEnd - valueStart >= rule.min) {
		pushUnlessPlaceholder(out, s, valueStart, valueEnd, rule.kind);
	}
	return valueEnd;
}

function scanScheme(s: string, rule: SchemeRule, out: SecretSpan[]): void {
	let i = s.indexOf(rule.word);
	while (i !== -1) {
		i = s.indexOf(rule.word, matchScheme(s, i, rule, out));
	}
}

interface UrlRule {
	readonly prefix: string;
	readonly kind: SecretKind;
	readonly min: number;
}

const URLS: readonly UrlRule[] = shapes.urls.map(r => ({ prefix: r.prefix, kind: r.kind as SecretKind, min: r.min }));
/** The webhook URLs' common start, searched once for all of them. */
const URL_TRIGGER = commonPrefix(URLS.map(r => r.prefix));
const URL_SKIP = rareSkip(URL_TRIGGER);
const isUrlPath: CharTest = (c) => isB64UrlOrSlash(c) || c === DOT;

/** The path after a webhook URL's fixed prefix: that path is the credential. */
function scanUrls(s: string, out: SecretSpan[]): void {
	let i = URLS.length ? indexOfRare(s, URL_TRIGGER, URL_SKIP) : -1;
	while (i !== -1) {
		const rule = URLS.find(r => s.startsWith(r.prefix, i));
		let next = i + 1;
		if (rule) {
			const from = i + rule.prefix.length;
			const end = runEnd(s, from, isUrlPath, Math.min(s.length, from + 512));
			if (end - from >= rule.min) pushUnlessPlaceholder(out, s, from, end, rule.kind);
			next = Math.max(end, from);
		}
		i = indexOfRare(s, URL_TRIGGER, URL_SKIP, next);
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
 * (no key name needed): JWT/JWS/JWE (also a JWT's head cut at a line end), PEM
 * private keys, and the vendor shapes of shapes.json (GitHub, Slack, Google,
 * AWS, npm and Stripe tokens, Okta `SSWS` tokens, webhook URLs). Placeholders
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
		const s = lo === 0 && hi === text.length ? text : text.slice(lo, hi);
		const found: SecretSpan[] = [];
		scanJwt(s, found);
		for (const group of RULE_GROUPS) scanGroup(s, group, found);
		scanPem(s, found);
		for (const rule of SCHEMES) scanScheme(s, rule, found);
		scanUrls(s, found);
		return mergeSpans(found, lo);
	} catch {
		return [];
	}
}
