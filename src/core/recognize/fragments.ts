import type { Catalog } from '../catalog/catalog';
import type { CatalogEntry } from '../catalog/catalogTypes';
import { pythonReprAsJson } from '../parse/jsonBody';
import { literalTrie } from '../parse/needles';
import { scanJsonExtent } from '../parse/jsonExtent';
import { indexWithin, isWordChar, lineStartOf, type TextIndex } from '../parse/lines';
import type { Span } from '../types';
import { findErrorParams, scanMentions } from './mentions';
import { errorObjectKeys, errorsFromForm, resolve } from './bodyErrors';
import { readBody } from './message';
import type { HttpMessage, VendorCodeMention } from './model';
import { pushAll } from '../arrays';
import { printoutFragments } from './printouts';
import { statusLineFragments } from './statusLines';

/** The keys that make a JSON object error evidence (the error-object keys and `status`), per catalog, in one expression: one pass finds them all. */
const errorKeyPatterns = new WeakMap<Catalog, RegExp>();

function errorKeyPattern(catalog: Catalog): RegExp {
	let pattern = errorKeyPatterns.get(catalog);
	if (!pattern) {
		const keys = [...errorObjectKeys(catalog), 'status'].map(k => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		pattern = new RegExp(`"(?:${keys.join('|')})"`, 'g');
		errorKeyPatterns.set(catalog, pattern);
	}
	return pattern;
}
const MAX_JSON_FRAGMENT = 1 << 20;
/** Mentions of the same codes within this many characters belong to one message. */
const REPEAT_WINDOW = 4000;

/** A fragment message: error evidence that is not part of a pasted HTTP message. */
export function emptyFragment(span: Span): HttpMessage {
	return {
		kind: 'fragment', span, status: null, headers: [], body: null, bodyFormat: 'empty', contentType: null,
		challenges: [], vendor: null, location: null, errors: [], vendorCodes: [], facts: [], secrets: [], findings: [],
	};
}

/**
 * Error evidence in text[start, end) outside HTTP messages: JSON error bodies,
 * redirect URLs and log fields with `error=`, and codes mentioned on a line.
 */
export function fragmentsIn(text: string, start: number, end: number, catalog: Catalog, doc: TextIndex): HttpMessage[] {
	const fragments: HttpMessage[] = [];
	const covered = new Claimed();
	jsonFragments(text, start, end, catalog, fragments, covered, doc);
	for (const printed of printoutFragments(text, start, end, catalog, (s, e) => covered.at({ start: s, end: e }) !== undefined, (s, e) => emptyFragment({ start: s, end: e }))) {
		fragments.push(printed);
		covered.push(printed);
	}
	for (const found of findErrorParams(text, start, end)) {
		if (covered.at(found.span)) continue;
		const fragment = emptyFragment(found.span);
		const form = errorsFromForm(text, found.params, catalog, 'query');
		pushAll(fragment.errors, form.errors);
		pushAll(fragment.vendorCodes, form.vendorCodes);
		fragment.form = found.params;
		if (found.isUrl) fragment.location = 'authorization';
		fragments.push(fragment);
		covered.push(fragment);
	}
	for (const line of scanMentions(text, start, end, catalog, doc)) {
		const errors = line.errors.filter(e => !covered.at(e.span));
		const vendorCodes = line.vendorCodes.filter(v => !addToCovering(covered.at(v.span), v, catalog));
		if (!errors.length && !vendorCodes.length) continue;
		const fragment = emptyFragment(line.line);
		pushAll(fragment.errors, errors);
		pushAll(fragment.vendorCodes, vendorCodes);
		const quoting = vendorCodes.find(v => catalog.profiles.get(catalog.profiles.vendorOfCode(v.code) ?? '')?.quirks?.quotesSupportIds);
		if (quoting) addQuotedIds(text, fragment, quoting.span.start, end, doc);
		resolve(fragment, catalog);
		fragments.push(fragment);
		covered.push(fragment);
	}
	messagePhraseFragments(text, start, end, catalog, fragments, covered, doc);
	// A refused request logged without a body counts only where nothing else shows the error.
	if (!fragments.length) pushAll(fragments, statusLineFragments(text, start, end, catalog, () => false, (s, e) => emptyFragment({ start: s, end: e })));
	return mergeRepeats(doc, fragments.sort((a, b) => a.span.start - b.span.start));
}

/** Free text longer than this is not searched for vendor messages (a paste, not a log archive). */
const MAX_PHRASE_TEXT = 256 * 1024;
/** Occurrences of one vendor message looked at per text (a log repeating it needs no more). */
const MAX_PHRASE_HITS = 20;
/** Vendor messages shorter than this are too generic to find in free text ("Invalid token"). */
const MIN_PHRASE_LENGTH = 18;
/** Message entries distinctive enough for free text, per catalog, with their lower-cased wording, and one search for them all. */
const phraseEntries = new WeakMap<Catalog, { entries: ReadonlyArray<{ entry: CatalogEntry; lower: string }>; search: RegExp | null }>();

/**
 * A vendor's fixed message written in free text ("the description is \"Invalid authorization code received
 * from token request\"", a browser page's "Redirect URI Error" line): reported as that message when the text
 * around it names the vendor by other evidence, joining the message already found there if any.
 */
function messagePhraseFragments(text: string, start: number, end: number, catalog: Catalog, out: HttpMessage[], covered: Claimed, doc: TextIndex): void {
	if (end - start > MAX_PHRASE_TEXT) return;
	let phrases = phraseEntries.get(catalog);
	if (!phrases) {
		// ASCII wording only: the search folds ASCII letters (no vendor message here is written otherwise).
		const entries = catalog.entries.filter(e => e.kind === 'message' && e.vendor && e.code.length >= MIN_PHRASE_LENGTH && /\s/.test(e.code) && !/[^\x20-\x7e]/.test(e.code))
			.map(entry => ({ entry, lower: entry.code.toLowerCase() }));
		phrases = { entries, search: entries.length ? new RegExp(literalTrie(entries.map(e => e.lower)), 'gi') : null };
		phraseEntries.set(catalog, phrases);
	}
	// One pass finds where each phrase occurs (at most MAX_PHRASE_HITS times each); the phrases are then taken in catalog order.
	const hitsOf = new Map<string, number[]>();
	const search = phrases.search;
	if (!search) return;
	const slice = text.slice(start, end);
	search.lastIndex = 0;
	for (let m = search.exec(slice); m; m = search.exec(slice)) {
		const needle = m[0].toLowerCase();
		const hits = hitsOf.get(needle) ?? [];
		if (!hits.length) hitsOf.set(needle, hits);
		if (hits.length < MAX_PHRASE_HITS) hits.push(start + m.index);
	}
	if (!hitsOf.size) return;
	for (const { entry, lower: phrase } of phrases.entries) {
		for (const at of hitsOf.get(phrase) ?? []) {
			const after = at + phrase.length;
			if ((at > 0 && isWordChar(text.charCodeAt(at - 1)) && isWordChar(text.charCodeAt(at))) || (after < text.length && isWordChar(text.charCodeAt(after)) && isWordChar(text.charCodeAt(after - 1)))) continue;
			const span = { start: at, end: after };
			const line = { start: lineStartOf(text, at, start), end: doc.lineEnd(at, end) };
			// Named by other evidence than these words (some vendors' wording is itself evidence of them).
			const around = `${text.slice(Math.max(start, line.start - NEARBY), at)}\n${text.slice(after, Math.min(end, line.end + NEARBY))}`;
			if (catalog.profiles.vendorIn(around) !== entry.vendor) continue;
			const mention = { code: entry.code, entry, span, description: text.slice(at, line.end) };
			const holder = covered.at(span) ?? covered.at(line);
			if (holder) {
				if (!holder.vendorCodes.some(v => v.code === entry.code) && !holder.errors.some(e => e.entry?.id === entry.id)) holder.vendorCodes.push(mention);
				continue;
			}
			const fragment = emptyFragment(line);
			fragment.vendorCodes.push(mention);
			out.push(fragment);
			covered.push(fragment);
		}
	}
}

/**
 * A stack trace repeats the same error down its "Caused by" chain: evidence
 * whose codes all appeared just before joins that message instead of making a
 * new one, and so does evidence on the same line (a log line quoting a JSON
 * body). A new log record (a timestamped line) is a new message even so:
 * polling logs repeat codes on purpose. Every mention is kept (for hovers);
 * findings are per distinct code.
 */
function mergeRepeats(doc: TextIndex, fragments: HttpMessage[]): HttpMessage[] {
	const out: HttpMessage[] = [];
	let known = new Set<string>();
	for (const fragment of fragments) {
		const previous = out[out.length - 1];
		const codes = [...fragment.errors, ...fragment.vendorCodes].map(m => m.code);
		const overlapping = previous && fragment.span.start < previous.span.end;
		if (previous && (overlapping || (fragment.span.start - previous.span.end <= REPEAT_WINDOW && codes.every(c => known.has(c))
			&& doc.nextRecordStart(previous.span.end, fragment.span.end) < 0))) {
			previous.span = { start: previous.span.start, end: Math.max(previous.span.end, fragment.span.end) };
			// Keep a bounded number of repeated mentions: enough for hovers on a stack trace, not a million.
			if (previous.errors.length + previous.vendorCodes.length < MAX_MERGED_MENTIONS) {
				pushAll(previous.errors, fragment.errors);
				pushAll(previous.vendorCodes, fragment.vendorCodes);
				pushAll(previous.facts, fragment.facts);
			}
			for (const c of codes) known.add(c);
			continue;
		}
		out.push(fragment);
		known = new Set(codes);
	}
	return out;
}

/**
 * A vendor code inside evidence already found, which its parser missed (a log
 * line hard-wraps a JSON body, so `error_description` breaks at the first line
 * end and its `AADSTS7000215` is lost), joins that message. True when covered.
 */
function addToCovering(covering: HttpMessage | undefined, mention: VendorCodeMention, catalog: Catalog): boolean {
	if (!covering) return false;
	if (!covering.vendorCodes.some(v => v.code === mention.code)) {
		covering.vendorCodes.push({ ...mention, inProse: undefined });
		resolve(covering, catalog);
	}
	return true;
}

/** `Trace ID: …`, `Correlation ID: …`, `Timestamp: …` as some vendors write them into their messages (profile quirk `quotesSupportIds`). */
const QUOTED_ID = /\b(Trace ID|Correlation ID|Timestamp):[ \t]*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d{1,7})?Z?)/gi;
/** How far past a line quoting such a code its ids may be (client libraries wrap them onto the next lines). */
const QUOTED_ID_REACH = 400;

/**
 * The ids a vendor's message quotes in its text (a client library's exception, a log line),
 * for support: after its code on the mention's line and a few hundred
 * characters past it, within its log record and before `end` (the next HTTP message).
 */
function addQuotedIds(text: string, fragment: HttpMessage, from: number, end: number, doc: TextIndex): void {
	let limit = Math.min(end, fragment.span.end + QUOTED_ID_REACH, from + 10 * QUOTED_ID_REACH);
	const record = doc.nextRecordStart(fragment.span.start, limit);
	if (record >= 0) limit = record;
	const slice = text.slice(from, limit);
	const seen = new Set<string>();
	QUOTED_ID.lastIndex = 0;
	for (let m = QUOTED_ID.exec(slice); m; m = QUOTED_ID.exec(slice)) {
		const label = m[1].replace(/\b\w/g, c => c.toUpperCase()).replace(/ Id$/, ' ID');
		if (seen.has(label)) continue;
		seen.add(label);
		const start = from + m.index + m[0].length - m[2].length;
		fragment.facts.push({ label, value: m[2], span: { start, end: start + m[2].length }, support: label !== 'Timestamp' });
	}
}

/** Mentions kept in one merged message. */
const MAX_MERGED_MENTIONS = 200;

function jsonFragments(text: string, start: number, end: number, catalog: Catalog, out: HttpMessage[], covered: Claimed, doc: TextIndex): void {
	let at = doc.indexWithin('{', start, end);
	let shapedChecks = 0;
	let restarts = 0;
	while (at >= 0) {
		// An object never spans two log records: a brace left open in one line cannot hide the next records.
		const record = doc.nextRecordStart(at, end);
		const extent = scanJsonExtent(text, at, Math.min(record >= 0 ? record : end, at + MAX_JSON_FRAGMENT));
		// A Python dict repr is read as the JSON it stands for (same length, so offsets hold).
		const source = extent.complete && extent.end - at <= MAX_REPR ? pythonReprAsJson(text.slice(at, extent.end)) : undefined;
		let bodyEnd = -1;
		if (extent.complete) {
			if ((source ? hasErrorKeyIn(source) : hasErrorKey(doc, at, extent.end, catalog))
				|| (shapedChecks < MAX_SHAPED_CHECKS && hasCodeKey(text, at, extent.end, source, catalog) && ++shapedChecks > 0 && shapeOfVendorNearby(text, at, extent.end, catalog))) bodyEnd = extent.end;
		} else {
			// A body cut off on its line (a client library's "…" or "(truncated...)") is read as far as it goes;
			// a line of megabytes is a document, not a cut-off log line.
			const lineEnd = doc.lineEnd(at, end);
			if (lineEnd > at && lineEnd - at <= MAX_CUT_BODY && hasErrorKey(doc, at, lineEnd, catalog)) bodyEnd = lineEnd;
		}
		if (bodyEnd >= 0) {
			const fragment = emptyFragment({ start: at, end: bodyEnd });
			fragment.body = { start: at, end: bodyEnd };
			readBody(text, fragment, catalog, doc, source);
			addEscapedBodies(text, fragment, catalog, doc);
			addProblemStatus(fragment);
			// Codes read by a shape that does not name its vendor count only when the text around names it.
			// Several shapes may apply (Twitch's and HubSpot's both read {"status","message"}): keep those of the vendor named.
			if (fragment.vendorCodes.some(v => v.onlyFor)) {
				const named = vendorNamedNearby(text, fragment, catalog);
				fragment.vendorCodes = fragment.vendorCodes.filter(v => !v.onlyFor || v.onlyFor === named);
			}
			if (fragment.errors.length || fragment.vendorCodes.length || fragment.status !== null) {
				out.push(fragment);
				covered.push(fragment);
			}
		}
		// After an object that never closes, look inside it (a printed error object holding a JSON string body),
		// a bounded number of times so that a text of unclosed braces stays linear.
		const next = bodyEnd >= 0 ? bodyEnd : extent.complete ? extent.end : restarts++ < MAX_RESTARTS ? at + 1 : Math.max(at + 1, extent.end);
		at = doc.indexWithin('{', next, end);
	}
}

/** How far before a JSON object a vendor's name may be for its vendor-conditional codes to count (as far as the resolve stage looks back). */
const NEARBY = 1500;

function vendorNamedNearby(text: string, fragment: HttpMessage, catalog: Catalog): string | null {
	const from = Math.max(0, fragment.span.start - NEARBY);
	return catalog.profiles.vendorIn(text.slice(from, fragment.span.end));
}

/** A problem+json object on its own (a printed response body) reports its `status` as the message status. */
function addProblemStatus(fragment: HttpMessage): void {
	if (!fragment.json) return;
	// A problem document (RFC 9457), or the common error object whose `error` is the status's reason phrase
	// (`{"status":401,"error":"Unauthorized","message":"…"}`): its `status` is the status of the response.
	if (fragment.bodyFormat !== 'problem+json' && !fragment.json.values.some(v => v.path === 'error' && typeof v.value === 'string' && REASON_PHRASES.has(v.value.toLowerCase()))) return;
	const status = fragment.json.values.find(v => v.path === 'status' && typeof v.value === 'number');
	if (status && typeof status.value === 'number' && status.value >= 400 && status.value <= 599) {
		fragment.status = status.value;
		fragment.statusSpan = status.span;
	}
}

/** HTTP reason phrases of 4xx and 5xx statuses (RFC 9110 §15), lower case. */
const REASON_PHRASES = new Set(['bad request', 'unauthorized', 'payment required', 'forbidden', 'not found', 'method not allowed', 'not acceptable',
	'request timeout', 'conflict', 'gone', 'precondition failed', 'unsupported media type', 'unprocessable entity', 'unprocessable content',
	'too many requests', 'internal server error', 'not implemented', 'bad gateway', 'service unavailable', 'gateway timeout']);

/**
 * Objects without an error key that may still be a vendor's error body ({"code":124,"message":…}) are
 * checked against the vendor named around them at most this many times per text, and only when small.
 */
const MAX_SHAPED_CHECKS = 100;
const MAX_SHAPED_OBJECT = 16 * 1024;

/** The keys where shapes read only for a named vendor take their code (`code`, `Detail`, `category`) or, without one, their message (`errors`), per catalog. */
const shapedKeyPatterns = new WeakMap<Catalog, RegExp | null>();

function shapedKeyPattern(catalog: Catalog): RegExp | null {
	let pattern = shapedKeyPatterns.get(catalog);
	if (pattern === undefined) {
		const leaf = (path: string) => path.slice(path.lastIndexOf('.') + 1).replace(/\[\]$/, '');
		// `status` and `message` are in nearly every JSON object: a shape reading its code there is found by its other keys.
		const keys = new Set(catalog.profiles.bodyShapes.filter(b => !b.shape.identifies)
			.flatMap(b => b.shape.code || b.shape.codes ? [b.shape.code, b.shape.codes] : [b.shape.message]).filter((p): p is string => !!p).map(leaf)
			.filter(k => k && k !== 'status' && k !== 'message'));
		pattern = keys.size ? new RegExp(`"(?:${[...keys].map(k => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})"\\s*:`) : null;
		shapedKeyPatterns.set(catalog, pattern);
	}
	return pattern;
}

function hasCodeKey(text: string, start: number, end: number, source: string | undefined, catalog: Catalog): boolean {
	const pattern = shapedKeyPattern(catalog);
	if (!pattern || end - start > MAX_SHAPED_OBJECT) return false;
	return pattern.test(source ?? text.slice(start, end));
}

/** The vendor named around the object (or in it) has a body shape that is read only once the vendor is known. */
function shapeOfVendorNearby(text: string, start: number, end: number, catalog: Catalog): boolean {
	const vendor = catalog.profiles.vendorIn(text.slice(Math.max(0, start - NEARBY), end));
	return vendor !== null && catalog.profiles.bodyShapes.some(b => b.profile.id === vendor && !b.shape.identifies && !!(b.shape.code || b.shape.codes || b.shape.message));
}

/** JSON bodies quoted inside a string value of another (a log record's message) read per object. */
const MAX_ESCAPED_BODIES = 10;

/**
 * A JSON body quoted, with escaped quotes, inside a string value of the
 * object read (`"message":"… response:\n{\"code\":4711,…}"`, a framework's
 * JSON log wrapping a client error) is read too, its codes joining the object's.
 */
function addEscapedBodies(text: string, fragment: HttpMessage, catalog: Catalog, doc: TextIndex): void {
	let read = 0;
	for (const v of fragment.json?.values ?? []) {
		if (read >= MAX_ESCAPED_BODIES) break;
		if (typeof v.value !== 'string') continue;
		const at = indexWithin(text, '{\\"', v.valueSpan.start, v.valueSpan.end);
		if (at < 0) continue;
		const source = unescapedSameLength(text.slice(at, v.valueSpan.end));
		const extent = scanJsonExtent(source, 0, source.length);
		if (!extent.complete) continue;
		read++;
		const inner = emptyFragment({ start: at, end: at + extent.end });
		inner.body = { start: at, end: at + extent.end };
		readBody(text, inner, catalog, doc, source.slice(0, extent.end));
		// A shape may have read the same quoted body already (Authlete's responseContent): keep one mention per place.
		const known = new Set([...fragment.errors, ...fragment.vendorCodes].map(m => m.span.start));
		pushAll(fragment.errors, inner.errors.filter(e => !known.has(e.span.start)));
		pushAll(fragment.vendorCodes, inner.vendorCodes.filter(v => !known.has(v.span.start)));
		pushAll(fragment.facts, inner.facts);
	}
}

/**
 * A JSON string's raw text with each two-character escape made the character and a blank, so offsets hold:
 * an escaped quote that opens a string becomes ` "`, one that closes it `" ` (the blank stays outside the string).
 */
function unescapedSameLength(raw: string): string {
	let out = '';
	let from = 0;
	let inString = false;
	for (let i = raw.indexOf('\\'); i >= 0 && i + 1 < raw.length; i = raw.indexOf('\\', i + 2)) {
		const next = raw[i + 1];
		let replacement = '  ';
		if (next === '"') {
			replacement = inString ? '" ' : ' "';
			inString = !inString;
		} else if (next === '/') {
			replacement = ' /';
		}
		out += raw.slice(from, i) + replacement;
		from = i + 2;
	}
	return out + raw.slice(from);
}

/** A cut-off body is read only on a line at most this long. */
const MAX_CUT_BODY = 64 * 1024;

/** Unclosed objects looked inside per text (see {@link jsonFragments}). */
const MAX_RESTARTS = 10;

/** Python reprs longer than this are not rewritten (a repr is a printed object, not a document). */
const MAX_REPR = 64 * 1024;

/**
 * A printed Python object is read as an error body only when it has an OAuth-style `error` (or `errorCode`)
 * key: reprs print data of every kind, and their other keys are too common to go by.
 */
const REPR_ERROR_KEY = /"(?:error|errorCode)"\s*:/;

function hasErrorKeyIn(source: string): boolean {
	return REPR_ERROR_KEY.test(source);
}

function hasErrorKey(doc: TextIndex, start: number, end: number, catalog: Catalog): boolean {
	const key = doc.search(errorKeyPattern(catalog), start);
	return key !== undefined && key.end <= end;
}

/**
 * Non-overlapping messages already claiming their spans, queried by binary search
 * (a log of thousands of JSON lines must not make each check scan them all).
 */
class Claimed {
	readonly #messages: HttpMessage[] = [];
	#sorted = true;

	push(message: HttpMessage): void {
		const last = this.#messages[this.#messages.length - 1];
		if (last && message.span.start < last.span.start) this.#sorted = false;
		this.#messages.push(message);
	}

	/** The message whose span overlaps `span`, if any. */
	at(span: Span): HttpMessage | undefined {
		if (!this.#sorted) {
			this.#messages.sort((a, b) => a.span.start - b.span.start);
			this.#sorted = true;
		}
		let lo = 0;
		let hi = this.#messages.length - 1;
		let candidate = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (this.#messages[mid].span.start < span.end) {
				candidate = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		const found = this.#messages[candidate];
		return found && found.span.end > span.start ? found : undefined;
	}
}
