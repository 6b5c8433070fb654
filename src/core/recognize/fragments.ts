import type { Catalog } from '../catalog/catalog';
import { scanJsonExtent } from '../parse/jsonExtent';
import type { Span } from '../types';
import { findErrorParams, scanMentions } from './mentions';
import { errorsFromForm, resolve } from './bodyErrors';
import { readBody } from './message';
import type { HttpMessage } from './model';

const ERROR_KEYS = ['"error"', '"errorCode"', '"__type"', '"error_codes"', '"action"', '"status"'];
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
export function fragmentsIn(text: string, start: number, end: number, catalog: Catalog): HttpMessage[] {
	const fragments: HttpMessage[] = [];
	const covered: Span[] = [];
	jsonFragments(text, start, end, catalog, fragments, covered);
	for (const found of findErrorParams(text, start, end)) {
		if (overlaps(covered, found.span)) continue;
		const fragment = emptyFragment(found.span);
		const form = errorsFromForm(text, found.params, catalog, 'query');
		fragment.errors.push(...form.errors);
		fragment.vendorCodes.push(...form.vendorCodes);
		fragment.form = found.params;
		if (found.isUrl) fragment.location = 'authorization';
		fragments.push(fragment);
		covered.push(found.span);
	}
	for (const line of scanMentions(text, start, end, catalog)) {
		const errors = line.errors.filter(e => !overlaps(covered, e.span));
		const vendorCodes = line.vendorCodes.filter(v => !overlaps(covered, v.span));
		if (!errors.length && !vendorCodes.length) continue;
		const fragment = emptyFragment(line.line);
		fragment.errors.push(...errors);
		fragment.vendorCodes.push(...vendorCodes);
		resolve(fragment, catalog);
		fragments.push(fragment);
	}
	return mergeRepeats(text, fragments.sort((a, b) => a.span.start - b.span.start));
}

/**
 * A stack trace repeats the same error down its "Caused by" chain: evidence
 * whose codes all appeared just before joins that message instead of making a
 * new one, and so does evidence on the same line (a log line quoting a JSON
 * body). Every mention is kept (for hovers); findings are per distinct code.
 */
function mergeRepeats(text: string, fragments: HttpMessage[]): HttpMessage[] {
	const out: HttpMessage[] = [];
	for (const fragment of fragments) {
		const previous = out[out.length - 1];
		const codes = [...fragment.errors, ...fragment.vendorCodes].map(m => m.code);
		const known = previous && [...previous.errors, ...previous.vendorCodes].map(m => m.code);
		const overlapping = previous && fragment.span.start < previous.span.end;
		if (previous && (overlapping || (fragment.span.start - previous.span.end <= REPEAT_WINDOW && codes.every(c => known!.includes(c))
			&& !startsNewRecord(text, previous.span.end, fragment.span.end)))) {
			previous.span = { start: previous.span.start, end: Math.max(previous.span.end, fragment.span.end) };
			previous.errors.push(...fragment.errors);
			previous.vendorCodes.push(...fragment.vendorCodes);
			previous.facts.push(...fragment.facts);
			continue;
		}
		out.push(fragment);
	}
	return out;
}

/** A line in text[from, to) starts a new log record (a timestamp): polling logs repeat codes on purpose. */
function startsNewRecord(text: string, from: number, to: number): boolean {
	let at = text.indexOf('\n', from);
	while (at >= 0 && at < to) {
		let i = at + 1;
		while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 91) i++;
		if (isDigit(text, i) && isDigit(text, i + 1) && ((isDigit(text, i + 2) && isDigit(text, i + 3) && text[i + 4] === '-') || text[i + 2] === ':')) return true;
		at = text.indexOf('\n', at + 1);
	}
	return false;
}

function isDigit(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	return c >= 48 && c <= 57;
}

function jsonFragments(text: string, start: number, end: number, catalog: Catalog, out: HttpMessage[], covered: Span[]): void {
	let at = text.indexOf('{', start);
	while (at >= 0 && at < end) {
		const extent = scanJsonExtent(text, at, Math.min(end, at + MAX_JSON_FRAGMENT));
		if (extent.complete && hasErrorKey(text, at, extent.end)) {
			const fragment = emptyFragment({ start: at, end: extent.end });
			fragment.body = { start: at, end: extent.end };
			readBody(text, fragment, catalog);
			addProblemStatus(fragment);
			if (fragment.errors.length || fragment.vendorCodes.length || fragment.status !== null) {
				out.push(fragment);
				covered.push(fragment.span);
			}
		}
		at = text.indexOf('{', extent.complete ? extent.end : Math.max(at + 1, extent.end));
	}
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

function hasErrorKey(text: string, start: number, end: number): boolean {
	for (const key of ERROR_KEYS) {
		const at = text.indexOf(key, start);
		if (at >= 0 && at < end) return true;
	}
	return false;
}

function overlaps(spans: readonly Span[], span: Span): boolean {
	return spans.some(s => s.start < span.end && span.start < s.end);
}
