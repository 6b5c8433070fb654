import { bundledCatalog, Catalog } from '../catalog/catalog';
import type { Location, SecretSpan, Span } from '../types';
import { suggestFromCatalog } from '../catalog/suggest';
import { httpMessages } from '../parse/httpMessage';
import { runRules, secretFindings } from '../rules/rules';
import { findSecrets } from '../secrets/secrets';
import { locationFromTarget } from './context';
import type { NearestMemo } from '../catalog/profiles';
import { decodeFormComponent } from '../parse/formBody';
import { isRecordStart, lineEndOf, lineStartOf, TextIndex } from '../parse/lines';
import { diagnose } from './diagnose';
import { emptyFragment, fragmentsIn } from './fragments';
import { interpretRaw } from './message';
import { lastIndexStartingBefore, type Analysis, type HttpMessage } from './model';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
	/** The catalog to resolve codes against; the bundled one by default. */
	catalog?: Catalog;
	/** Stop after this many messages and mark the analysis truncated. */
	maxMessages?: number;
}

/** Default cap on messages per document; the rest is reported as truncated. */
export const DEFAULT_MAX_MESSAGES = 5000;

/**
 * Analyses a whole document: finds pasted HTTP requests and responses, error
 * bodies, redirect URLs and code mentions, resolves codes against the catalog,
 * detects secrets and runs the rules. Offsets are JavaScript string indices.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
	const settings: Settings = { catalog: options.catalog ?? bundledCatalog(), max: options.maxMessages ?? DEFAULT_MAX_MESSAGES, variables: lazyVariables(text), nearest: {} };
	const { analysis } = analyzeWindow(text, 0, text.length, settings, undefined);
	remembered.set(analysis, { text, settings });
	return analysis;
}

/**
 * `text` analysed like `previous` (same catalog) but without the message cap:
 * redaction must cover the whole document, also past the messages a capped
 * analysis examined.
 */
export function analyzeWithoutCap(previous: Analysis, text: string): Analysis {
	const catalog = remembered.get(previous)?.settings.catalog;
	let fallback: Catalog;
	try {
		fallback = catalog ?? bundledCatalog();
	} catch {
		// No catalog at hand (the extension passes its own): secrets are found without one.
		fallback = new Catalog([]);
	}
	return analyze(text, { catalog: fallback, maxMessages: Infinity });
}

/** A change of a document: text[start, oldEnd) of the old text became text[start, newEnd) of the new one. */
export interface TextChange {
	start: number;
	oldEnd: number;
	newEnd: number;
}

/**
 * The analysis of `text` after `change`, re-analysing only the messages near
 * the change and moving the others. The result equals `analyze(text)` with the
 * options of `previous`. Evidence never spans an HTTP message boundary or the
 * start of a log record, so those are where the re-analysed window can start
 * and end. `previous` must not be used afterwards: its later messages move.
 */
export function reanalyze(previous: Analysis, text: string, change: TextChange): Analysis {
	const state = remembered.get(previous);
	remembered.delete(previous);
	if (!state) return analyze(text);
	const full = () => analyze(text, { catalog: state.settings.catalog, maxMessages: state.settings.max });
	const old = state.text;
	const delta = change.newEnd - change.oldEnd;
	if (previous.truncated || old.length + delta !== text.length || change.start > change.oldEnd || change.oldEnd > old.length) return full();
	// File variables (`@host = …`) are read by every request: an edit near one re-analyses all.
	if (mayDeclareVariable(old, change.start, change.oldEnd) || mayDeclareVariable(text, change.start, change.newEnd)) return full();
	const raws = previous.messages.filter(m => m.kind !== 'fragment');
	const oldDoc = new TextIndex(old);
	const from = windowStart(oldDoc, raws, change.start);
	const to = windowEnd(oldDoc, raws, change.oldEnd);
	const before = previous.messages.filter(m => m.span.start < from);
	const after = previous.messages.filter(m => m.span.start >= to);
	const previousRaw = lastStartingBefore(raws, from);
	// The window is analysed in a slice of the text with the context later messages look back at,
	// so that every search stops at the slice's end instead of running on through the document.
	const base = Math.max(0, from - NEARBY_CONTEXT);
	const slice = text.slice(base, Math.min(text.length, to + delta + NEARBY_CONTEXT));
	// Only a request before the window can pair with a response in it.
	const pairing = previousRaw?.kind === 'request' ? { message: previousRaw, end: previousRaw.span.end - base, separated: text.slice(previousRaw.span.end, from).includes('###') } : undefined;
	// The variables are the same as before (no edit touched one), read from the whole new text if needed.
	const settings = { ...state.settings, variables: lazyVariables(text), nearest: {} };
	const window = analyzeWindow(slice, from - base, to + delta - base, { ...settings, max: settings.max - before.length - after.length }, pairing);
	// A message that now runs past the window, or the message cap, needs the whole document.
	if (window.analysis.truncated || window.rawEnd > to + delta - base) return full();
	const moved = new Set<object>();
	for (const message of window.analysis.messages) shiftOffsets(message, base, moved);
	for (const message of after) shiftOffsets(message, delta, moved);
	const analysis = { messages: [...before, ...window.analysis.messages, ...after], truncated: false };
	remembered.set(analysis, { text, settings });
	return analysis;
}

/** `first` (old text → middle text) followed by `then` (middle → new), as one change of the old text. */
export function combineChanges(first: TextChange, then: TextChange): TextChange {
	const shift = first.newEnd - first.oldEnd;
	const middleEnd = Math.max(first.newEnd, then.oldEnd);
	return {
		start: Math.min(first.start, then.start),
		oldEnd: then.oldEnd > first.newEnd ? then.oldEnd - shift : first.oldEnd,
		newEnd: middleEnd + (then.newEnd - then.oldEnd),
	};
}

interface Settings {
	catalog: Catalog;
	max: number;
	/** The document's file variables, read on first need (only `{{…}}` request targets use them). */
	variables: () => ReadonlyMap<string, string>;
	/** The last vendor search of the window sliding through this analysis (see VendorProfiles.nearestIn). */
	nearest: NearestMemo;
}

/** What {@link reanalyze} needs to know about an analysis. */
const remembered = new WeakMap<Analysis, { text: string; settings: Settings }>();

/**
 * Analyses text[from, to): HTTP messages starting there (which may read on
 * past `to`; `rawEnd` says how far) and the evidence between them.
 */
/** The HTTP message before a window, for pairing a response with its request. `end` is in the window's text. */
interface Pairing {
	message: HttpMessage;
	end: number;
	/** A `###` between that message and the window's text. */
	separated: boolean;
}

function analyzeWindow(text: string, from: number, to: number, settings: Settings, before: Pairing | undefined): { analysis: Analysis; rawEnd: number; kept: HttpMessage[]; secretOnly: HttpMessage[] } {
	const { catalog, max } = settings;
	const messages: HttpMessage[] = [];
	let cursor = from;
	let previous: Pairing | undefined = before;
	let truncated = false;
	let rawEnd = from;
	/** How far each fragment may look ahead for its vendor: up to the next HTTP message's line. */
	const lookAhead = new Map<HttpMessage, number>();
	// This analysis's forward searches (line ends, record starts, needles): built here, dropped with the analysis.
	const doc = new TextIndex(text);
	for (const raw of httpMessages(text, from, to, text.length, doc)) {
		if (messages.length >= max) {
			truncated = true;
			break;
		}
		const bound = lineStartOf(text, raw.span.start);
		for (const fragment of fragmentsIn(text, cursor, raw.span.start, catalog, doc)) {
			messages.push(fragment);
			lookAhead.set(fragment, bound);
		}
		const message = interpretRaw(text, raw, catalog, doc);
		if (message.kind === 'response' && previous?.message.kind === 'request' && !previous.separated && !text.slice(Math.max(0, previous.end), message.span.start).includes('###')) {
			message.request = previous.message;
		}
		messages.push(message);
		previous = { message, end: message.span.end, separated: false };
		cursor = raw.span.end;
		rawEnd = Math.max(rawEnd, raw.span.end);
	}
	if (!truncated && cursor < to) {
		for (const fragment of fragmentsIn(text, cursor, to, catalog, doc)) {
			messages.push(fragment);
			lookAhead.set(fragment, to);
		}
	}
	const kept = messages.slice(0, Math.max(0, max));
	if (kept.length < messages.length) truncated = true;
	sortByStart(kept);
	const secretOnly = secretOnlyFragments(doc, kept, from, to);
	for (const message of kept) {
		settleContext(doc, message, settings, lookAhead.get(message));
		message.diagnosis = diagnose(text, message, catalog, { from: 0, to: diagnosisReach(doc, message, lookAhead.get(message)), limit: lookAhead.get(message) ?? message.span.end });
		message.secrets = findSecrets(text, message, doc);
		message.findings = runRules(text, message, catalog);
	}
	// A secret-only fragment (a log record holding a secret and nothing else) keeps the secrets its gap's
	// scan found, with the context around them, and needs no vendor, location or rule but the secret's own:
	// a log with a secret on every line makes a quarter of a million of them per 10 MB.
	for (const fragment of secretOnly) fragment.findings = secretFindings(fragment);
	return { analysis: { messages: mergeByStart(kept, secretOnly), truncated }, rawEnd, kept, secretOnly };
}

/** Sorts by start, unless already sorted (the usual case: messages are found in document order). */
function sortByStart(messages: HttpMessage[]): void {
	for (let i = 1; i < messages.length; i++) {
		if (messages[i - 1].span.start > messages[i].span.start) {
			messages.sort((a, b) => a.span.start - b.span.start);
			return;
		}
	}
}

/** Two lists sorted by start as one (ties: `a` first). */
function mergeByStart(a: readonly HttpMessage[], b: readonly HttpMessage[]): HttpMessage[] {
	if (!b.length) return a as HttpMessage[];
	const out: HttpMessage[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (j >= b.length || (i < a.length && a[i].span.start <= b[j].span.start)) out.push(a[i++]);
		else out.push(b[j++]);
	}
	return out;
}

/**
 * Where a re-analysed window may start: a record start (or an HTTP message's
 * first line) on an unchanged line before `at`, outside any message and the
 * lines that decided where it ends.
 */
function windowStart(doc: TextIndex, raws: readonly HttpMessage[], at: number): number {
	const text = doc.text;
	const edited = lineStartOf(text, at);
	if (edited === 0) return 0;
	let from = lineStartOf(text, edited - 1);
	for (;;) {
		const raw = lastStartingBefore(raws, from + 1);
		// Inside a message, or in the lines that decided where it ends: start at the message.
		if (raw && from <= settledEnd(doc, raw)) return lineStartOf(text, raw.span.start);
		if (from === 0 || isRecordStart(text, from)) return from;
		from = lineStartOf(text, from - 1);
	}
}

/** Where a re-analysed window may end: past the change and the text later messages look back at, at a record or message start. */
function windowEnd(doc: TextIndex, raws: readonly HttpMessage[], at: number): number {
	const text = doc.text;
	let to = Math.min(text.length, Math.max(doc.lineAfter(at), at + NEARBY_CONTEXT));
	for (;;) {
		if (to >= text.length) return text.length;
		const raw = lastStartingBefore(raws, to + 1);
		// Not inside a message; and a response right after the window would lose its request.
		if (raw && to <= settledEnd(doc, raw)) {
			to = settledEnd(doc, raw);
			continue;
		}
		const nextRaw = raws[lastIndexStartingBefore(raws, to) + 1];
		const record = doc.nextRecordStart(to, nextRaw ? lineStartOf(text, nextRaw.span.start) : text.length);
		if (record >= 0) return record;
		if (!nextRaw) return text.length;
		if (nextRaw.kind !== 'response') return lineStartOf(text, nextRaw.span.start);
		to = nextRaw.span.end;
	}
}

/** Where the lines that decided where an HTTP message ends (its last line and the next) end. */
function settledEnd(doc: TextIndex, raw: HttpMessage): number {
	return doc.lineAfter(doc.lineAfter(raw.span.end));
}

function lastStartingBefore(messages: readonly HttpMessage[], at: number): HttpMessage | undefined {
	const i = lastIndexStartingBefore(messages, at);
	return i >= 0 ? messages[i] : undefined;
}

/** The lines of text[start, end) may hold a `@name = value` file variable. */
function mayDeclareVariable(text: string, start: number, end: number): boolean {
	const from = lineStartOf(text, start);
	const to = lineEndOf(text, Math.min(end, text.length));
	return /^[ \t]*@/m.test(text.slice(from, to));
}

/** Keys never followed when moving offsets: shared catalog data and links to other messages. */
const NOT_OFFSETS = new Set(['entry', 'request', 'reference']);

/**
 * Moves every span (any object with numeric `start` and `end`) in a message by
 * `delta`. Spans are leaves; a span shared by two fields moves once.
 */
export function shiftOffsets(value: unknown, delta: number, moved: Set<object>): void {
	if (typeof value !== 'object' || value === null) return;
	if (Array.isArray(value)) {
		for (const item of value) shiftOffsets(item, delta, moved);
		return;
	}
	const record = value as Record<string, unknown>;
	if (typeof record.start === 'number' && typeof record.end === 'number') {
		if (moved.has(record)) return;
		moved.add(record);
		record.start += delta;
		record.end = (record.end as number) + delta;
		return;
	}
	for (const key in record) {
		const child = record[key];
		if (typeof child === 'object' && child !== null && !NOT_OFFSETS.has(key)) shiftOffsets(child, delta, moved);
	}
}

/** Vendor and location from everything the message (and its request) shows, then the best catalog entries. */
function settleContext(doc: TextIndex, message: HttpMessage, settings: Settings, lookAhead?: number): void {
	const text = doc.text;
	const { catalog } = settings;
	const request = message.request;
	message.vendor ??= request?.vendor ?? vendorOf(doc, message, settings, lookAhead);
	message.location ??= (message.target ? locationFromTarget(message.target) : null)
		?? (request?.target ? locationFromTarget(request.target) : null)
		?? (message.kind === 'fragment' ? nearbyLocation(text, message.span) : null)
		?? (message.challenges.some(c => c.challenges.some(ch => ch.params.some(p => p.name === 'error'))) ? 'resource' : null);
	// Codes read by a body shape that does not name its vendor count only when the vendor is named otherwise.
	if (message.vendorCodes.some(v => v.onlyFor)) message.vendorCodes = message.vendorCodes.filter(v => !v.onlyFor || v.onlyFor === message.vendor);
	// A vendor code of a distinctive shape (a fixed prefix and digits) names its vendor.
	for (const v of message.vendorCodes) message.vendor ??= catalog.profiles.vendorOfCode(v.code) ?? null;
	const context = { vendor: message.vendor, location: message.location };
	addProblemTitle(message, catalog);
	for (const e of message.errors) {
		const kind = e.entry?.kind === 'message' ? 'message' : undefined;
		const loose = { looseDescription: e.source === 'text', status: message.status };
		const entry = catalog.lookup(e.code, { ...context, ...loose, description: e.description, ...(kind ? { kind } : {}) })
			?? catalog.lookup(e.code.trim(), { ...context, ...loose, description: e.description });
		e.entry = entry ?? null;
		if (!entry && e.source !== 'text' && e.source !== 'body') e.suggestion = suggestFromCatalog(e.code, catalog);
	}
	for (const v of message.vendorCodes) {
		v.entry = catalog.lookup(v.code, { ...context, kind: v.entry?.kind === 'message' ? 'message' : 'vendorCode', description: v.description, looseDescription: true }) ?? null;
	}
	message.vendorCodes.sort((a, b) => a.span.start - b.span.start);
	// Without a request or challenge to say where it happened, a code that occurs in one place only says it.
	const only = message.errors.find(e => e.entry)?.entry;
	if (!message.location && only?.occurs.length === 1 && only.occurs[0] !== 'any') message.location = only.occurs[0];
	// A vendor's own code names the vendor (an Authlete action in prose, an AWS exception in a log).
	message.vendor ??= message.vendorCodes.find(v => v.entry?.vendor)?.entry?.vendor ?? null;
}

/** A problem+json body without an OAuth code: the vendor may document its `title` (AICRisk's "Unauthorized"). */
function addProblemTitle(message: HttpMessage, catalog: Catalog): void {
	if (message.bodyFormat !== 'problem+json' || message.errors.length || !message.vendor || !message.json) return;
	const title = message.json.values.find(v => v.path === 'title' && typeof v.value === 'string');
	if (!title) return;
	const entry = catalog.lookup(String(title.value), { kind: 'message', vendor: message.vendor });
	if (entry?.kind === 'message' && entry.vendor === message.vendor) {
		message.errors.push({ code: String(title.value), entry, span: title.valueSpan, source: 'json' });
	}
}

function vendorOf(doc: TextIndex, message: HttpMessage, settings: Settings, lookAhead?: number): string | null {
	const text = doc.text;
	const profiles = settings.catalog.profiles;
	const parts: string[] = [];
	if (message.target) parts.push(message.target.includes('{{') ? expandVariables(message.target, settings.variables()) : message.target);
	// Hosts and vendor names come first; a megabyte header value is not searched whole.
	for (const h of message.headers) parts.push(h.value.length > 4096 ? h.value.slice(0, 4096) : h.value);
	for (const e of message.errors) if (e.uri) parts.push(e.uri);
	const hinted = profiles.vendorIn(parts.join('\n'));
	if (hinted) return hinted;
	const header = profiles.vendorOfHeaders(message.headers.map(h => h.lower));
	const span = message.kind === 'fragment' ? message.span : message.body;
	const own = span ? profiles.vendorIn(decoded(text.slice(span.start, Math.min(span.end, span.start + 4096)))) : null;
	// A log line or pasted body often follows the request URL or host it came from: take the nearest evidence before it.
	if (header?.strong) return header.vendor;
	if (own) return own;
	if (header) return header.vendor;
	const from = Math.max(0, message.span.start - NEARBY_CONTEXT);
	const before = text.slice(from, message.span.start);
	const nearest = before.includes('%') ? profiles.nearestIn(decoded(before), 0, before.length).vendor : profiles.nearestIn(text, from, message.span.start, settings.nearest).vendor;
	return nearest ?? (lookAhead === undefined ? null : vendorAfter(doc, message.span.end, lookAhead, settings));
}

/**
 * A vendor named shortly after a fragment, in the same log record and before
 * the next HTTP message: a bug report that quotes the error, then the token
 * URL it came from. (Record and message starts also bound {@link reanalyze}'s windows.)
 */
function vendorAfter(doc: TextIndex, from: number, bound: number, settings: Settings): string | null {
	const text = doc.text;
	const limit = Math.min(bound, from + LOOK_AHEAD);
	if (limit <= from) return null;
	const record = doc.nextRecordStart(from, limit);
	return settings.catalog.profiles.vendorIn(decoded(text.slice(from, record >= 0 ? record : limit)));
}

/**
 * How far after a message the diagnosis may read the paste (a request quoted
 * after its error): for a fragment, to the end of its log record and before the
 * next HTTP message, as {@link vendorAfter} does; an HTTP message, only itself.
 */
function diagnosisReach(doc: TextIndex, message: HttpMessage, bound: number | undefined): number {
	if (bound === undefined) return message.span.end;
	const limit = Math.min(bound, message.span.end + LOOK_AHEAD);
	const record = doc.nextRecordStart(message.span.end, limit);
	return record >= 0 ? record : Math.max(limit, message.span.end);
}

/** How far after a fragment to look for a vendor when nothing before it names one. */
const LOOK_AHEAD = 600;

/** The endpoint kind of the last URL shortly before or in a fragment (a bug report quoting the authorize URL, then the error). */
function nearbyLocation(text: string, span: Span): Location | null {
	const before = text.slice(Math.max(0, span.start - NEARBY_CONTEXT), Math.min(span.end, span.start + 4 * NEARBY_CONTEXT));
	const at = Math.max(before.lastIndexOf('https://'), before.lastIndexOf('http://'));
	if (at < 0) return null;
	const url = /^\S{1,2048}/.exec(before.slice(at));
	return url ? locationFromTarget(url[0]) : null;
}

/** Percent-decoded text, so that `iss=https%3A%2F%2Fsso.example.com%2Frealms%2F…` shows its host. */
function decoded(text: string): string {
	return text.includes('%') ? decodeFormComponent(text) : text;
}

/** How far back to look for a host or vendor name when a message names none itself. */
const NEARBY_CONTEXT = 1500;

/** {@link fileVariables} of `text`, computed once, when first asked for. */
function lazyVariables(text: string): () => ReadonlyMap<string, string> {
	let variables: ReadonlyMap<string, string> | undefined;
	return () => (variables ??= fileVariables(text));
}

/** REST Client / httpYac file variables (`@host = https://login.example.com`), for reading request targets. */
function fileVariables(text: string): Map<string, string> {
	const variables = new Map<string, string>();
	const pattern = /^[ \t]*@([A-Za-z_][\w.-]{0,63})[ \t]*=[ \t]*(\S[^\r\n]{0,511})$/gm;
	for (let m = pattern.exec(text); m && variables.size < 500; m = pattern.exec(text)) variables.set(m[1], m[2].trim());
	return variables;
}

function expandVariables(target: string, variables: ReadonlyMap<string, string>): string {
	if (!variables.size || !target.includes('{{')) return target;
	return target.replace(/\{\{\s{0,4}([\w.-]{1,64})\s{0,4}\}\}/g, (whole, name: string) => variables.get(name) ?? whole);
}

/** Shared by every secret-only fragment, which never gets headers, challenges, codes or facts: fewer objects per record. */
const NONE: readonly never[] = Object.freeze([]);

function secretOnlyFragment(span: Span, secrets: SecretSpan[]): HttpMessage {
	return {
		kind: 'fragment', span, status: null, headers: NONE as never[], body: null, bodyFormat: 'empty', contentType: null,
		challenges: NONE as never[], vendor: null, location: null, errors: NONE as never[], vendorCodes: NONE as never[], facts: NONE as never[], secrets, findings: [],
	};
}

/**
 * Secrets outside any message (a token pasted on its own) still get a fragment
 * so they are reported and redacted: one per log record holding any, with the
 * secrets the scan of the whole gap found (a HAR's header name or a JWK's
 * `kty` may lie on an earlier line than the fragment). `messages` are sorted;
 * so are the fragments returned.
 */
function secretOnlyFragments(doc: TextIndex, messages: readonly HttpMessage[], from: number, to: number): HttpMessage[] {
	const text = doc.text;
	const added: HttpMessage[] = [];
	let cursor = from;
	const gaps: Array<[number, number]> = [];
	for (const m of messages) {
		if (m.span.start > cursor) gaps.push([cursor, m.span.start]);
		cursor = Math.max(cursor, m.span.end);
	}
	if (cursor < to) gaps.push([cursor, to]);
	for (const [start, end] of gaps) {
		const secrets = findSecrets(text, emptyFragment({ start, end }), doc);
		let first = 0;
		for (let i = 1; i <= secrets.length; i++) {
			if (i < secrets.length && doc.nextRecordStart(secrets[i - 1].end, secrets[i].start + 1) < 0) continue;
			// Whole lines, so that the key naming each secret stays inside the fragment.
			const fragment = secretOnlyFragment({ start: lineStartOf(text, secrets[first].start, start), end: doc.lineEnd(secrets[i - 1].end, end) }, secrets.slice(first, i));
			added.push(fragment);
			first = i;
		}
	}
	return added;
}

/** What {@link analyzePart} found in one part of a document. */
export interface PartAnalysis {
	/** The messages that count against the message cap, in document order (at most `maxMessages`). */
	messages: HttpMessage[];
	/** Fragments holding only secrets (they do not count against the cap), in document order. */
	secretOnly: HttpMessage[];
	/** The part holds more messages than `maxMessages`. */
	truncated: boolean;
	/** Where the part's last HTTP message ends (`from` when it has none): past `to`, the part was cut inside one. */
	rawEnd: number;
}

/**
 * Context a part needs on each side: what {@link reanalyze}'s windows are analysed with, so that
 * a part analysed in `text.slice(from - PART_CONTEXT, to + PART_CONTEXT)` sees what the whole
 * document's analysis sees (vendor and endpoint hints before a message, look-ahead after it).
 */
export const PART_CONTEXT = NEARBY_CONTEXT;

/**
 * text[from, to) analysed as `analyze` analyses that part of a whole document, for callers that
 * split a large document at record starts (`nextRecordStart`) and analyse the parts apart (the
 * CLI's worker threads): the same windows {@link reanalyze} works with. `text` holds the part with
 * {@link PART_CONTEXT} characters around it; file variables are read from `text` only. The first
 * HTTP message of the part is never paired with a request before it. With `secretsOnly`, only the
 * secret-only fragments of the part (what a truncated analysis reports past its message cap).
 */
export function analyzePart(text: string, from: number, to: number, options: AnalyzeOptions & { secretsOnly?: boolean } = {}): PartAnalysis {
	const settings: Settings = { catalog: options.catalog ?? bundledCatalog(), max: options.maxMessages ?? DEFAULT_MAX_MESSAGES, variables: lazyVariables(text), nearest: {} };
	if (options.secretsOnly) {
		const secretOnly = secretOnlyFragments(new TextIndex(text), [], from, to);
		for (const fragment of secretOnly) fragment.findings = secretFindings(fragment);
		return { messages: [], secretOnly, truncated: false, rawEnd: from };
	}
	const window = analyzeWindow(text, from, to, settings, undefined);
	return { messages: window.kept, secretOnly: window.secretOnly, truncated: window.analysis.truncated, rawEnd: window.rawEnd };
}
