import type { Catalog } from '../catalog/catalog';
import { scanJsonExtent } from '../parse/jsonExtent';
import type { Span } from '../types';
import { findErrorParams, scanMentions } from './mentions';
import { errorsFromForm, resolve } from './bodyErrors';
import { readBody } from './message';
import type { HttpMessage } from './model';

const ERROR_KEYS = ['"error"', '"errorCode"', '"__type"', '"error_codes"', '"action"'];
const MAX_JSON_FRAGMENT = 1 << 20;

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
	return fragments.sort((a, b) => a.span.start - b.span.start);
}

function jsonFragments(text: string, start: number, end: number, catalog: Catalog, out: HttpMessage[], covered: Span[]): void {
	let at = text.indexOf('{', start);
	while (at >= 0 && at < end) {
		const extent = scanJsonExtent(text, at, Math.min(end, at + MAX_JSON_FRAGMENT));
		if (extent.complete && hasErrorKey(text, at, extent.end)) {
			const fragment = emptyFragment({ start: at, end: extent.end });
			fragment.body = { start: at, end: extent.end };
			readBody(text, fragment, catalog);
			if (fragment.errors.length || fragment.vendorCodes.length) {
				out.push(fragment);
				covered.push(fragment.span);
			}
		}
		at = text.indexOf('{', extent.complete ? extent.end : Math.max(at + 1, extent.end));
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
