import type { Catalog } from '../catalog/catalog';
import { printoutBlocks, quotedPrintoutPairs } from '../parse/keyValuePrintout';
import { upTo } from '../parse/lines';
import { literalTrie } from '../parse/needles';
import type { JsonValue } from '../parse/jsonBody';
import { errorObjectKeys, errorsFromJson } from './bodyErrors';
import type { HttpMessage } from './model';

/** Text longer than this is not searched for printed objects (a paste, not a log archive). */
const MAX_PRINTOUT_TEXT = 512 * 1024;
/** How far before a printout a vendor's name may be for its vendor-conditional codes to count. */
const NEARBY = 1500;
/** How far after a printout a vendor's name may be. */
const AFTER = 500;

/** The keys whose presence makes a printout error evidence, per catalog: the error-object keys and the keys body shapes read codes from. */
const markerSets = new WeakMap<Catalog, ReadonlySet<string>>();

function markers(catalog: Catalog): ReadonlySet<string> {
	let set = markerSets.get(catalog);
	if (!set) {
		const leaf = (path: string) => path.slice(path.lastIndexOf('.') + 1).replace(/\[\]$/, '');
		const shapeKeys = catalog.profiles.bodyShapes.flatMap(b => [b.shape.code, b.shape.codes]).filter((p): p is string => !!p).map(leaf);
		set = new Set([...errorObjectKeys(catalog), ...shapeKeys]);
		markerSets.set(catalog, set);
	}
	return set;
}

/** One search for the names of every marker key, per catalog. */
const markerSearches = new WeakMap<Catalog, RegExp>();

function markerSearch(catalog: Catalog, keys: ReadonlySet<string>): RegExp {
	let search = markerSearches.get(catalog);
	if (!search) {
		search = new RegExp(literalTrie(keys), 'g');
		markerSearches.set(catalog, search);
	}
	return search;
}

/** The length of the longest marker key, per set. */
const longestMarkers = new WeakMap<ReadonlySet<string>, number>();

function longestMarker(keys: ReadonlySet<string>): number {
	let longest = longestMarkers.get(keys);
	if (longest === undefined) {
		longest = Math.max(0, ...[...keys].map(k => k.length));
		longestMarkers.set(keys, longest);
	}
	return longest;
}

/**
 * Error evidence in printed objects that are neither JSON nor a Python repr
 * (see {@link printoutBlocks}): a block with at least two pairs, one under a
 * key the catalog reads error codes from, is read as a JSON error body with
 * those keys, and kept when it yields a vendor code. Codes of shapes that hold only for a named vendor count only
 * when the text around names that vendor. `isClaimed` tells spans other
 * evidence already holds.
 */
export function printoutFragments(text: string, start: number, end: number, catalog: Catalog, isClaimed: (start: number, end: number) => boolean, make: (start: number, end: number) => HttpMessage): HttpMessage[] {
	if (end - start > MAX_PRINTOUT_TEXT) return [];
	const keys = markers(catalog);
	// A block is read only when one of its keys is a marker: text holding no marker's name at all has no such block.
	// The search reads no further than a marker starting before `end` may reach: a gap without one costs its own length.
	const anyMarker = markerSearch(catalog, keys);
	anyMarker.lastIndex = start;
	const first = anyMarker.exec(upTo(text, end + longestMarker(keys)));
	if (!first || first.index >= end) return [];
	const out: HttpMessage[] = [];
	for (const block of printoutBlocks(text, start, end)) {
		// A printout quoted in a value (a Ruby exception message holding a hash) adds its pairs.
		for (const p of quotedPrintoutPairs(text, block)) block.body.values.push(p);
		const values = block.body.values;
		if (values.length < 2 || !values.some(v => keys.has(v.key) && v.value !== null && v.value !== '')) continue;
		if (isClaimed(block.start, block.end)) continue;
		const enumError = asEnumError(text, values, catalog);
		const found = errorsFromJson(text, block.body, catalog);
		if (found.vendorCodes.some(v => v.onlyFor)) {
			// A printout's own vendor evidence may follow it (a library's "see developers.example.com/docs" line).
			const named = catalog.profiles.vendorIn(text.slice(Math.max(start, block.start - NEARBY), Math.min(end, block.end + AFTER))) ?? found.vendorHint;
			found.vendorCodes = found.vendorCodes.filter(v => !v.onlyFor || v.onlyFor === named);
		}
		// Error values and fixed messages on `key: value` lines are read by the line scanner already; a printout adds
		// what that scanner cannot see: a vendor's own code under the key its body shape names.
		const status = values.find(v => (v.key === 'status' || v.key === 'statusCode') && typeof v.value === 'number' && v.value >= 400 && v.value <= 599);
		let vendor: string | null = null;
		// An OAuth error printed as an enum case (`code: …Code.invalidGrant`) is one no line scanner sees.
		if (!found.vendorCodes.some(v => v.entry?.kind !== 'message') && !(enumError && found.errors.length)) {
			// Without a code, a printed error object with a refusal status still shows the vendor named around it (a bare 401).
			if (!status || found.errors.length) continue;
			vendor = catalog.profiles.vendorIn(text.slice(Math.max(start, block.start - NEARBY), Math.min(end, block.end + AFTER)));
			if (!vendor) continue;
			found.vendorCodes = [];
		}
		const fragment = make(block.start, block.end);
		fragment.vendor = vendor;
		fragment.json = block.body;
		fragment.bodyFormat = 'json';
		for (const e of found.errors) fragment.errors.push(e);
		for (const v of found.vendorCodes) fragment.vendorCodes.push(v);
		for (const f of found.facts) fragment.facts.push(f);
		if (found.vendorHint) fragment.vendor ??= found.vendorHint;
		// The printed object's own HTTP status (`status: 401`) is the message's status.
		if (status) {
			fragment.status = status.value as number;
			fragment.statusSpan = status.span;
		}
		out.push(fragment);
	}
	return out;
}

/**
 * A `code` (or `type`) printed as an enum case that spells a standard OAuth error (`invalid_grant`) is that
 * error: its key becomes `error`, and a `description` beside it `error_description`. True when one was found.
 */
function asEnumError(text: string, values: JsonValue[], catalog: Catalog): boolean {
	const index = values.findIndex(v => (v.key === 'code' || v.key === 'type' || v.key === 'error') && typeof v.value === 'string'
		&& text.slice(v.valueSpan.start, v.valueSpan.end) !== v.value && catalog.lookup(v.value, { kind: 'error' })?.kind === 'error');
	if (index < 0) return false;
	values[index] = { ...values[index], key: 'error', path: 'error' };
	const description = values.findIndex(v => v.key === 'description' || v.key === 'errorDescription');
	if (description >= 0) values[description] = { ...values[description], key: 'error_description', path: 'error_description' };
	return true;
}
