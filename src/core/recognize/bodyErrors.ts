import type { Catalog } from '../catalog/catalog';
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
	/** Shape hints about the vendor (Entra extended fields, Slack `ok`, …). */
	vendorHint: string | null;
}

const FACT_KEYS: ReadonlyArray<readonly [string, string, boolean]> = [
	['trace_id', 'Trace ID', true], ['correlation_id', 'Correlation ID', true], ['timestamp', 'Timestamp', false],
	['traceId', 'Trace ID', true], ['errorId', 'Error ID', true], ['requestId', 'Request ID', true],
	['request_id', 'Request ID', true], ['suberror', 'Suberror', false], ['instance', 'Instance', false],
	['x-request-id', 'Request ID', true],
];

/** Keys that mark an object as an error object. */
const ERROR_OBJECT_KEYS = ['error', 'errorCode', '__type', 'action', 'error_codes[]', 'reason', 'log_id'];
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
	for (const v of body.values) {
		const dot = v.path.lastIndexOf('.');
		const leaf = dot < 0 ? v.path : v.path.slice(dot + 1);
		const prefix = dot < 0 ? '' : v.path.slice(0, dot + 1);
		if (ERROR_OBJECT_KEYS.includes(leaf) && !prefixes.includes(prefix)) prefixes.push(prefix);
		if (prefixes.length >= MAX_ERROR_OBJECTS) break;
	}
	for (const prefix of prefixes) readErrorObject(text, body, prefix, found, catalog);
	// Codes that only OpenID Federation defines are common words elsewhere (CouchDB's "not_found").
	if (found.errors.some(e => isFederationOnly(e.code, catalog)) && !hasFederationContext(body)) {
		found.errors = found.errors.filter(e => !isFederationOnly(e.code, catalog));
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

function readErrorObject(text: string, body: JsonBody, prefix: string, found: BodyFindings, catalog: Catalog): void {
	const str = (key: string) => jsonString(body, prefix + key);
	const val = (key: string) => jsonValue(body, prefix + key);
	const description = str('error_description') ?? str('errorSummary') ?? str('message')
		?? str('detail') ?? str('error.message') ?? str('resultMessage');
	const uri = str('error_uri') ?? str('errorLink');
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
	const errorCode = str('errorCode');
	if (errorCode) {
		if (/^E\d{7}$/.test(errorCode.value)) {
			found.vendorCodes.push({ code: errorCode.value, entry: null, span: errorCode.valueSpan, description: description?.value });
			found.vendorHint = 'okta';
		} else if (!error && isErrorCodeValue(errorCode.value, catalog, oauthShaped)) {
			found.errors.push(withDetails({ code: errorCode.value, entry: null, span: errorCode.valueSpan, source: 'json' }));
		}
	}
	const awsType = str('__type');
	if (awsType && awsType.value.length <= 200) {
		const hash = awsType.value.lastIndexOf('#');
		const name = awsType.value.slice(hash + 1);
		const start = awsType.valueSpan.start + hash + 1;
		found.vendorCodes.push({ code: name, entry: null, span: { start, end: start + name.length }, description: description?.value });
		found.vendorHint ??= 'cognito';
	}
	const action = str('action');
	const responseContent = str('responseContent');
	if (action && /^[A-Z_]{2,40}$/.test(action.value) && (responseContent || val('resultCode'))) {
		found.vendorCodes.push({ code: action.value, entry: null, span: action.valueSpan, description: description?.value });
		found.vendorHint = 'authlete';
		if (responseContent) addNestedErrors(text, responseContent, found);
	}
	// Authlete's /auth/token/fail request names its `reason` (INVALID_RESOURCE_OWNER_CREDENTIALS…).
	const reason = str('reason');
	if (reason && /^[A-Z_]{3,60}$/.test(reason.value) && catalog.candidates(reason.value).some(e => e.kind === 'vendorCode' && e.code === reason.value)) {
		found.vendorCodes.push({ code: reason.value, entry: null, span: reason.valueSpan });
	}
	for (const v of body.values) {
		if (v.path === `${prefix}error_codes[]` && typeof v.value === 'number') {
			found.vendorCodes.push({ code: `AADSTS${v.value}`, entry: null, span: v.valueSpan, description: description?.value });
			found.vendorHint = 'entra';
		}
	}
	// An Auth0 tenant log event names what failed in `type` (feacft: a code exchange failed).
	const logType = val('log_id') ? str('type') : undefined;
	if (logType && /^[a-z_]{3,16}$/.test(logType.value) && catalog.candidates(logType.value).some(e => e.kind === 'vendorCode' && e.vendor === 'auth0' && e.code === logType.value)) {
		found.vendorCodes.push({ code: logType.value, entry: null, span: logType.valueSpan, description: description?.value });
		found.vendorHint = 'auth0';
	}
	const ok = val('ok');
	if (ok && ok.value === false && error) found.vendorHint = 'slack';
	if (val('correlation_id') && val('trace_id')) found.vendorHint = 'entra';
	if (val('errorSummary')) found.vendorHint ??= 'okta';
	if (description) addDescriptionCodes(text, description, found);
	addFacts(body, prefix, found.facts);
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

/** AADSTS codes quoted at the start of (or inside) a description, located in the raw text. */
function addDescriptionCodes(text: string, description: JsonValue, found: BodyFindings): void {
	for (const mention of vendorCodesInDescription(text, description.valueSpan, String(description.value))) {
		if (found.vendorCodes.some(v => v.code === mention.code && v.span.start === mention.span.start)) continue;
		found.vendorCodes.push(mention);
		found.vendorHint = 'entra';
	}
}

/** Vendor codes (AADSTS…) inside an error description, with their raw-text spans. */
export function vendorCodesInDescription(text: string, span: Span, description: string): VendorCodeMention[] {
	return findVendorCodeSpans(text, span.start, span.end).map(s => ({ code: text.slice(s.start, s.end), entry: null, span: s, description }));
}

/** Spans of `AADSTS<digits>` in text[start, end). */
export function findVendorCodeSpans(text: string, start: number, end: number): Span[] {
	const spans: Span[] = [];
	let at = indexWithin(text, 'AADSTS', start, end);
	while (at >= 0) {
		let i = at + 6;
		while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
		if (i - at >= 8 && i - at <= 14) spans.push({ start: at, end: i });
		at = indexWithin(text, 'AADSTS', i, end);
	}
	return spans;
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
		const codes = description ? vendorCodesInDescription(text, description.valueSpan, description.value) : [];
		pushAll(found.vendorCodes, codes);
		if (codes.length) found.vendorHint = 'entra';
	}
	resolve(found, catalog);
	return found;
}

/** Fills in catalog entries for the codes found (vendor context is applied later). */
export function resolve(found: Pick<BodyFindings, 'errors' | 'vendorCodes'>, catalog: Catalog): void {
	for (const e of found.errors) e.entry = catalog.lookup(e.code, { description: e.description }) ?? null;
	for (const v of found.vendorCodes) v.entry = catalog.lookup(v.code, { kind: 'vendorCode', description: v.description }) ?? null;
}
