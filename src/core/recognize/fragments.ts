import type { Catalog } from '../catalog/catalog';
import { scanJsonExtent } from '../parse/jsonExtent';
import type { TextIndex } from '../parse/lines';
import type { Span } from '../types';
import { findErrorParams, scanMentions } from './mentions';
import { errorObjectKeys, errorsFromForm, resolve } from './bodyErrors';
import { readBody } from './message';
import type { HttpMessage, VendorCodeMention } from './model';
import { pushAll } from '../arrays';

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
	}
	return mergeRepeats(doc, fragments.sort((a, b) => a.span.start - b.span.start));
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
	while (at >= 0) {
		// An object never spans two log records: a brace left open in one line cannot hide the next records.
		const record = doc.nextRecordStart(at, end);
		const extent = scanJsonExtent(text, at, Math.min(record >= 0 ? record : end, at + MAX_JSON_FRAGMENT));
		if (extent.complete && hasErrorKey(doc, at, extent.end, catalog)) {
			const fragment = emptyFragment({ start: at, end: extent.end });
			fragment.body = { start: at, end: extent.end };
			readBody(text, fragment, catalog, doc);
			addProblemStatus(fragment);
			// Codes read by a shape that does not name its vendor count only when the text around names it.
			const conditional = fragment.vendorCodes.filter(v => v.onlyFor);
			if (conditional.length && !namedNearby(text, fragment, conditional[0].onlyFor!, catalog)) fragment.vendorCodes = fragment.vendorCodes.filter(v => !v.onlyFor);
			if (fragment.errors.length || fragment.vendorCodes.length || fragment.status !== null) {
				out.push(fragment);
				covered.push(fragment);
			}
		}
		at = doc.indexWithin('{', extent.complete ? extent.end : Math.max(at + 1, extent.end), end);
	}
}

/** How far before a JSON object a vendor's name may be for its vendor-conditional codes to count (as far as the resolve stage looks back). */
const NEARBY = 1500;

function namedNearby(text: string, fragment: HttpMessage, vendor: string, catalog: Catalog): boolean {
	const from = Math.max(0, fragment.span.start - NEARBY);
	return catalog.profiles.vendorIn(text.slice(from, fragment.span.end)) === vendor;
}

/** A problem+json object on its own (a printed response body) reports its `status` as the message status. */
function addProblemStatus(fragment: HttpMessage): void {
	if (fragment.bodyFormat !== 'problem+json' || !fragment.json) return;
	const status = fragment.json.values.find(v => v.path === 'status' && typeof v.value === 'number');
	if (status && typeof status.value === 'number' && status.value >= 400 && status.value <= 599) {
		fragment.status = status.value;
		fragment.statusSpan = status.span;
	}
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
