import type { Catalog } from '../catalog/catalog';
import type { CatalogEntry } from '../catalog/catalogTypes';
import type { BodyShape, VendorProfile } from '../catalog/profileTypes';
import type { FormParam } from '../parse/formBody';
import { jsonString, jsonValue, type JsonBody, type JsonValue } from '../parse/jsonBody';
import { indexWithin } from '../parse/lines';
import type { Span } from '../types';
import type { ErrorMention, Fact, VendorCodeMention } from './model';
import { pushAll } from '../arrays';

/** Error codes, vendor codes and support facts read out of one body. */
export interface BodyFindings {
	errors: ErrorMention[];
	vendorCodes: VendorCodeMention[];
	facts: Fact[];
	/** The vendor a body shape of a profile names, if any (`identifies`). */
	vendorHint: string | null;
	/** The hint came from a shape that names its vendor only weakly. */
	weakHint?: boolean;
}

/** Support ids any API may put in an error body: key, label, whether support desks ask for it. */
const FACT_KEYS: ReadonlyArray<readonly [string, string, boolean]> = [
	['trace_id', 'Trace ID', true], ['correlation_id', 'Correlation ID', true], ['timestamp', 'Timestamp', false],
	['traceId', 'Trace ID', true], ['requestId', 'Request ID', true],
	['request_id', 'Request ID', true], ['suberror', 'Suberror', false], ['instance', 'Instance', false],
	['x-request-id', 'Request ID', true],
];

/** Keys that mark an object as an error object, besides the first key each profile body shape requires. */
const ERROR_OBJECT_KEYS = ['error', 'errorCode'];
/** Keys too common to mark an object as an error object by themselves (a shape marks it by a rarer key it requires). */
const COMMON_KEYS = new Set(['code', 'message', 'type', 'name', 'title', 'status', 'category', 'object', 'id', 'detail', 'details', 'data', 'errors']);
/** At most this many nested error objects are read from one body. */
const MAX_ERROR_OBJECTS = 20;

/** `error` / `errorCode` values that say nothing failed (`{"errorCode":"SUCCESS"}`, Azure Monitor's `"Success"`). */
const SUCCESS_VALUES = new Set(['success', 'succeeded', 'ok', '0', 'none']);
/** One-word HTTP reason phrases that frameworks put in `error` (NestJS `"error":"Forbidden"`). */
const REASON_PHRASES = new Set(['unauthorized', 'forbidden', 'conflict', 'gone', 'found', 'created', 'accepted']);
/** Words that show an OpenID Federation context in a body's keys or values. */
const FEDERATION_WORDS = ['federation', 'entity', 'trust_mark', 'trust mark', 'trust_anchor', 'trust anchor', 'trust_chain', 'trust chain', 'subordinate', 'authority_hints', 'metadata_policy'];

/**
 * Reads the error fields of a JSON body (OAuth, problem+json, Entra, Okta, AWS,
 * Slack, Authlete, Google APIs), at the top level and in nested objects such as
 * HAR or log exports that wrap the response (`response.body.error`).
 */
export function errorsFromJson(text: string, body: JsonBody, catalog: Catalog): BodyFindings {
	const found: BodyFindings = { errors: [], vendorCodes: [], facts: [], vendorHint: null };
	// The root is always read: problem+json and other bodies carry support ids without an error key.
	const prefixes: string[] = [''];
	const markers = errorObjectKeys(catalog);
	for (const v of body.values) {
		const path = v.path.endsWith('[]') ? v.path.slice(0, -2) : v.path;
		const dot = path.lastIndexOf('.');
		const leaf = dot < 0 ? path : path.slice(dot + 1);
		const prefix = dot < 0 ? '' : path.slice(0, dot + 1);
		if (markers.has(leaf) && !prefixes.includes(prefix)) prefixes.push(prefix);
		if (prefixes.length >= MAX_ERROR_OBJECTS) break;
	}
	const present = presentPaths(body);
	for (const prefix of prefixes) readErrorObject(text, body, prefix, found, catalog, present);
	// Codes that only OpenID Federation defines are common words elsewhere (CouchDB's "not_found").
	// An RFC 6749 §5.2 error object (with error_description or error_uri) always reports its code.
	const bare = (e: ErrorMention) => e.description === undefined && e.uri === undefined;
	if (found.errors.some(e => bare(e) && isFederationOnly(e.code, catalog)) && !hasFederationContext(body)) {
		found.errors = found.errors.filter(e => !bare(e) || !isFederationOnly(e.code, catalog));
	}
	resolve(found, catalog);
	return found;
}

/**
 * A value of `error` or `errorCode` that can be an error code: one that does
 * not say success and, outside an RFC 6749 §5.2 error object (one with
 * `error_description` or `error_uri`), no one-word HTTP reason phrase (Spring
 * Boot's `"error": "Unauthorized"`) and a single word unless the catalog knows
 * it as written: framework bodies put "Not Found" or "Internal Server Error" there.
 */
function isErrorCodeValue(value: string, catalog: Catalog, oauthShaped: boolean): boolean {
	const trimmed = value.trim();
	// Documentation placeholders: `"error": "…"`, `"error": "<code>"`.
	if (!trimmed || /^[.…*?_-]+$/.test(trimmed) || /^<[^<>]*>$/.test(trimmed)) return false;
	const lower = trimmed.toLowerCase();
	if (SUCCESS_VALUES.has(lower)) return false;
	if (oauthShaped) return true;
	if (REASON_PHRASES.has(lower)) return false;
	return !/\s/.test(trimmed) || catalog.has(trimmed);
	return true;
}

/** Every catalog entry for the code is an OpenID Federation error. */
function isFederationOnly(code: string, catalog: Catalog): boolean {
	const entries = catalog.candidates(code);
	return entries.length > 0 && entries.every(e => e.namespace === 'federation');
}

/** Some key or string value of the body speaks of federation entities, trust marks or chains. */
function hasFederationContext(body: JsonBody): boolean {
	return body.values.some(v => {
		const words = `${v.path} ${typeof v.value === 'string' ? v.value.slice(0, 500) : ''}`.toLowerCase();
		return FEDERATION_WORDS.some(w => words.includes(w));
	});
}

/** {@link ERROR_OBJECT_KEYS} and the first key of every identifying profile body shape that reads a code, per catalog. */
const markerKeys = new WeakMap<Catalog, ReadonlySet<string>>();

export function errorObjectKeys(catalog: Catalog): ReadonlySet<string> {
	let keys = markerKeys.get(catalog);
	if (!keys) {
		// Only shapes that name their vendor mark an object: a generic shape ({"code","message"}) would make
		// every such object of a large JSON document an error candidate, and it only applies once the vendor is known.
		const shapeKeys = catalog.profiles.bodyShapes.filter(b => b.shape.identifies && (b.shape.code || b.shape.codes))
			.map(b => b.shape.requires.map(leafOf).find(key => !COMMON_KEYS.has(key))).filter((key): key is string => !!key);
		keys = new Set([...ERROR_OBJECT_KEYS, ...shapeKeys]);
		markerKeys.set(catalog, keys);
	}
	return keys;
}

function leafOf(path: string): string {
	const dot = path.lastIndexOf('.');
	return dot < 0 ? path : path.slice(dot + 1);
}

function readErrorObject(text: string, body: JsonBody, prefix: string, found: BodyFindings, catalog: Catalog, present: ReadonlySet<string>): void {
	const str = (key: string) => jsonString(body, prefix + key);
	const shapes = catalog.profiles.bodyShapes.filter(b => shapeApplies(body, prefix, b.shape, present));
	const ownDescription = str('error_description') ?? str('message') ?? str('detail') ?? str('error.message');
	const description = ownDescription ?? firstString(shapes.map(b => b.shape.message), str);
	const uri = str('error_uri') ?? firstString(shapes.map(b => b.shape.uri), str);
	const withDetails = (mention: ErrorMention): ErrorMention => ({
		...mention,
		...(description ? { description: description.value, descriptionSpan: description.valueSpan } : {}),
		...(uri ? { uri: uri.value, uriSpan: uri.valueSpan } : {}),
	});

	const oauthShaped = !!(str('error_description') ?? uri);
	const error = str('error');
	if (error && isErrorCodeValue(error.value, catalog, oauthShaped)) found.errors.push(withDetails({ code: error.value, entry: null, span: error.valueSpan, source: 'json' }));
	// Microsoft Graph and other APIs nest their own code: {"error":{"code":"InvalidAuthenticationToken","message":…}}.
	const nestedCode = !error ? str('error.code') : undefined;
	if (nestedCode && /^[A-Za-z][\w.]{2,80}$/.test(nestedCode.value)) {
		found.vendorCodes.push({ code: nestedCode.value, entry: null, span: nestedCode.valueSpan, description: str('error.message')?.value });
	}
	const claimed = new Set<number>();
	for (const { profile, shape } of shapes) readShape(text, body, prefix, profile, shape, found, catalog, claimed, description?.value);
	const errorCode = str('errorCode');
	if (errorCode && !claimed.has(errorCode.valueSpan.start) && !error && isErrorCodeValue(errorCode.value, catalog, oauthShaped)) {
		found.errors.push(withDetails({ code: errorCode.value, entry: null, span: errorCode.valueSpan, source: 'json' }));
	}
	if (description) addDescriptionCodes(text, description, found, catalog);
	// Only a description field proper: a shape's message path may be a problem+json `title`, which is read as such.
	if (ownDescription) addMessageEntry(ownDescription, found, catalog, claimed);
	addFacts(body, prefix, found.facts);
}

function firstString<T>(paths: ReadonlyArray<string | undefined>, str: (key: string) => T | undefined): T | undefined {
	for (const path of paths) {
		const value = path ? str(path) : undefined;
		if (value) return value;
	}
	return undefined;
}

/** Every path the shape requires is present under `prefix`, with the values it names. */
function shapeApplies(body: JsonBody, prefix: string, shape: BodyShape, present: ReadonlySet<string>): boolean {
	for (const path of shape.requires) if (!present.has(prefix + path)) return false;
	for (const [path, wanted] of Object.entries(shape.values ?? {})) {
		if (jsonValue(body, prefix + path)?.value !== wanted) return false;
	}
	return true;
}

/**
 * Every path of the body and of each object or array on the way to a value
 * (`error.code`, `error`, `error_codes[]`, `error_codes`), found once per body
 * so that checking the profiles' shapes costs a set lookup per required path.
 */
function presentPaths(body: JsonBody): ReadonlySet<string> {
	const paths = new Set<string>();
	for (const v of body.values) {
		let path = v.path;
		while (path && !paths.has(path)) {
			paths.add(path);
			if (path.endsWith('[]')) {
				path = path.slice(0, -2);
				continue;
			}
			const dot = path.lastIndexOf('.');
			if (dot < 0) break;
			path = path.slice(0, dot);
		}
	}
	return paths;
}

/**
 * Reads a profile's body shape: its vendor codes (formatted as the catalog
 * writes them), sub-codes, support ids and nested OAuth errors, and whether it
 * names the vendor. A shape that does not identify its vendor marks its codes
 * `onlyFor` the vendor: they count only when other evidence names it.
 */
function readShape(text: string, body: JsonBody, prefix: string, profile: VendorProfile, shape: BodyShape, found: BodyFindings, catalog: Catalog, claimed: Set<number>, description: string | undefined): void {
	const message = shape.message ? jsonString(body, prefix + shape.message)?.value : undefined;
	const onlyFor = shape.identifies ? undefined : profile.id;
	let read = false;
	const add = (value: JsonValue, format: string | undefined) => {
		const mention = vendorCode(value, format, shape, profile, catalog);
		if (!mention || claimed.has(value.valueSpan.start)) return;
		claimed.add(value.valueSpan.start);
		found.vendorCodes.push({ ...mention, description: message ?? description, ...(onlyFor ? { onlyFor } : {}) });
		read = true;
	};
	if (shape.code) {
		const value = jsonValue(body, prefix + shape.code);
		if (value) add(value, shape.codeFormat);
	}
	if (shape.codes) {
		const path = `${prefix}${shape.codes}[]`;
		for (const v of body.values) if (v.path === path) add(v, shape.codeFormat);
	}
	if (shape.subcode) {
		const value = jsonValue(body, prefix + shape.subcode);
		if (value) add(value, shape.subcodeFormat);
	}
	// Support ids are the vendor's only when the shape names it (a problem+json `instance` is anyone's).
	for (const [path, label] of Object.entries(shape.identifies ? shape.facts ?? {} : {})) {
		const v = jsonString(body, prefix + path);
		if (v && v.value) found.facts.push({ label, value: v.value, span: v.valueSpan, support: true });
	}
	if (shape.nested) {
		const content = jsonString(body, prefix + shape.nested);
		if (content && !claimed.has(content.valueSpan.start)) {
			claimed.add(content.valueSpan.start);
			addNestedErrors(text, content, found);
		}
	}
	// A shape without a code of its own may hold one of the vendor's fixed messages (Shopify's "errors": "[API] Invalid API key…").
	if (!read && shape.message) {
		const value = jsonString(body, prefix + shape.message);
		const entry = value && !claimed.has(value.valueSpan.start) ? messageEntryAt(value.value, catalog, profile.id) : undefined;
		if (value && entry) {
			claimed.add(value.valueSpan.start);
			const start = value.valueSpan.start;
			found.vendorCodes.push({ code: entry.code, entry, span: { start, end: start + entry.code.length }, description: value.value, ...(onlyFor ? { onlyFor } : {}) });
			read = true;
		}
	}
	const names = shape.identifies === true || (shape.identifies === 'weak' && (read || !(shape.code || shape.codes)));
	if (names && (!found.vendorHint || (found.weakHint && shape.identifies === true))) {
		found.vendorHint = profile.id;
		found.weakHint = shape.identifies === 'weak';
	}
}

/**
 * A vendor code read from a body value: formatted as the catalog writes it;
 * with `knownOnly`, only a code the catalog has for this vendor; for a profile
 * with code shapes, only a value of one of them or a code the catalog knows.
 */
function vendorCode(value: JsonValue, format: string | undefined, shape: BodyShape, profile: VendorProfile, catalog: Catalog): VendorCodeMention | undefined {
	if (typeof value.value !== 'string' && typeof value.value !== 'number') return undefined;
	let raw = String(value.value);
	let start = value.valueSpan.start;
	if (shape.codeAfter) {
		const at = raw.lastIndexOf(shape.codeAfter);
		if (at >= 0 && typeof value.value === 'string') {
			raw = raw.slice(at + 1);
			start += at + 1;
		}
	}
	if (!raw) return undefined;
	// A fixed message of the vendor's (Twitch's "message": "Client ID and OAuth token do not match") read from a message field.
	const fixed = !format && typeof value.value === 'string' ? messageEntryAt(raw, catalog, profile.id) : undefined;
	if (fixed) return { code: fixed.code, entry: fixed, span: { start, end: start + fixed.code.length } };
	if (raw.length > 200) return undefined;
	const code = format ? format.replace('{value}', raw) : raw;
	const known = catalog.candidates(code).some(e => e.kind === 'vendorCode' && e.vendor === profile.id && e.code === code);
	if (shape.knownOnly && !known) return undefined;
	if (!format && profile.codes?.length && !known && catalog.profiles.codeShapeOf(code)?.profile !== profile) return undefined;
	// A value's span covers the code as written (a number of Entra's error_codes covers its digits).
	const span = format ? value.valueSpan : { start, end: start + raw.length };
	return { code, entry: null, span };
}

/** Message-kind entries per catalog, longest code first (so the most specific fixed message wins). */
const messageEntries = new WeakMap<Catalog, readonly CatalogEntry[]>();

/**
 * The vendor message entry (kind `message`) a text starts with, case-insensitively:
 * the whole text, or the entry's wording followed by more detail after a word
 * boundary ("Invalid scope(s): files:read…"). Only entries of `vendor` when given.
 */
export function messageEntryAt(value: string, catalog: Catalog, vendor?: string): CatalogEntry | undefined {
	let list = messageEntries.get(catalog);
	if (!list) {
		list = catalog.entries.filter(e => e.kind === 'message' && e.vendor).sort((a, b) => b.code.length - a.code.length);
		messageEntries.set(catalog, list);
	}
	const head = value.slice(0, 300).toLowerCase();
	for (const entry of list) {
		if (vendor && entry.vendor !== vendor) continue;
		const code = entry.code.toLowerCase();
		if (!head.startsWith(code)) continue;
		const next = head.charCodeAt(code.length);
		// The wording ends at a word boundary: "Invalid client" is not the start of "Invalid clientele".
		if (Number.isNaN(next) || !isWordChar(next) || !isWordChar(code.charCodeAt(code.length - 1))) return entry;
	}
	return undefined;
}

function isWordChar(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Authlete wraps the client-facing error JSON in a string; find its codes by their raw text. */
function addNestedErrors(text: string, content: JsonValue & { value: string }, found: BodyFindings): void {
	const match = /"error"\s*:\s*"([^"]{1,100})"/.exec(content.value);
	if (!match) return;
	const raw = text.slice(content.valueSpan.start, content.valueSpan.end);
	const at = raw.indexOf(match[1]);
	if (at < 0) return;
	const start = content.valueSpan.start + at;
	const desc = /"error_description"\s*:\s*"([^"]{0,500})"/.exec(content.value);
	found.errors.push({ code: match[1], entry: null, span: { start, end: start + match[1].length }, source: 'json', ...(desc ? { description: desc[1] } : {}) });
}

/**
 * A description that is a vendor's fixed message (ZITADEL's "The requested redirect_uri is missing in the
 * client configuration"): reported as that vendor's message, counted only when the vendor is named.
 */
function addMessageEntry(description: JsonValue, found: BodyFindings, catalog: Catalog, claimed: ReadonlySet<number>): void {
	if (typeof description.value !== 'string' || claimed.has(description.valueSpan.start)) return;
	const entry = messageEntryAt(description.value, catalog);
	if (!entry?.vendor) return;
	const start = description.valueSpan.start;
	found.vendorCodes.push({ code: entry.code, entry, span: { start, end: start + entry.code.length }, description: description.value, onlyFor: entry.vendor });
}

/** Vendor codes of a distinctive shape quoted in a description (`AADSTS7000215: Invalid client secret…`), located in the raw text. */
function addDescriptionCodes(text: string, description: JsonValue, found: BodyFindings, catalog: Catalog): void {
	for (const mention of vendorCodesInDescription(text, description.valueSpan, String(description.value), catalog)) {
		if (found.vendorCodes.some(v => v.code === mention.code && v.span.start === mention.span.start)) continue;
		found.vendorCodes.push(mention);
		found.vendorHint = catalog.profiles.vendorOfCode(mention.code) ?? found.vendorHint;
	}
}

/** Vendor codes of a distinctive shape inside an error description, with their raw-text spans. */
export function vendorCodesInDescription(text: string, span: Span, description: string, catalog: Catalog): VendorCodeMention[] {
	return findVendorCodeSpans(text, span.start, span.end, catalog).map(s => ({ code: text.slice(s.start, s.end), entry: null, span: s, description }));
}

/** Spans of vendor codes of a profile's shape with digits (`AADSTS<digits>`) in text[start, end). */
export function findVendorCodeSpans(text: string, start: number, end: number, catalog: Catalog): Span[] {
	const spans: Span[] = [];
	for (const { shape } of catalog.profiles.codeShapes) {
		if (shape.rest !== 'digits' || shape.length[1] === 0 || shape.context) continue;
		let at = indexWithin(text, shape.prefix, start, end);
		while (at >= 0) {
			let i = at + shape.prefix.length;
			while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
			const digits = i - at - shape.prefix.length;
			if (digits >= shape.length[0] && digits <= shape.length[1]) spans.push({ start: at, end: i });
			at = indexWithin(text, shape.prefix, i, end);
		}
	}
	return spans.sort((a, b) => a.start - b.start);
}

function addFacts(body: JsonBody, prefix: string, facts: Fact[]): void {
	for (const [key, label, support] of FACT_KEYS) {
		const v = jsonString(body, prefix + key);
		if (v && v.value) facts.push({ label, value: v.value, span: v.valueSpan, support });
	}
}

/** Reads `error`, `error_description` and `error_uri` from form-urlencoded parameters. */
export function errorsFromForm(text: string, params: readonly FormParam[], catalog: Catalog, source: 'form' | 'query'): BodyFindings {
	const found: BodyFindings = { errors: [], vendorCodes: [], facts: [], vendorHint: null };
	const get = (name: string) => params.find(p => p.name === name);
	const error = get('error');
	if (error && error.value.trim()) {
		const description = get('error_description');
		const uri = get('error_uri');
		found.errors.push({
			code: error.value,
			entry: null,
			span: error.valueSpan,
			source,
			...(description ? { description: description.value, descriptionSpan: description.valueSpan } : {}),
			...(uri ? { uri: uri.value, uriSpan: uri.valueSpan } : {}),
		});
		const codes = description ? vendorCodesInDescription(text, description.valueSpan, description.value, catalog) : [];
		pushAll(found.vendorCodes, codes);
		if (codes.length) found.vendorHint = catalog.profiles.vendorOfCode(codes[0].code) ?? null;
	}
	resolve(found, catalog);
	return found;
}

/** Fills in catalog entries for the codes found (vendor context is applied later). */
export function resolve(found: Pick<BodyFindings, 'errors' | 'vendorCodes'>, catalog: Catalog): void {
	for (const e of found.errors) e.entry = catalog.lookup(e.code, { description: e.description }) ?? null;
	for (const v of found.vendorCodes) v.entry = catalog.lookup(v.code, { kind: v.entry?.kind === 'message' ? 'message' : 'vendorCode', description: v.description }) ?? null;
}
