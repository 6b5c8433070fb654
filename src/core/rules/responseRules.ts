import type { Catalog } from '../catalog/catalog';
import { jsonValue } from '../parse/jsonBody';
import { header, type ErrorMention, type Finding, type HttpMessage } from '../recognize/model';
import type { Location, Severity } from '../types';
import { makeFinding, RuleId } from './ruleIds';
import { isMetadataOrRegistryRequest } from './tokenRequest';

type Rule = (text: string, message: HttpMessage, catalog: Catalog) => Finding[];

const finding = makeFinding;

/** One finding per recognised error code: what it is and its most likely cause. Codes written as documentation get none (hover only). */
const recognizedErrors: Rule = (_text, message) => firstPerCode(message.errors.filter(e => e.entry && !e.inProse)).map((e, i) => {
	const entry = e.entry!;
	const severity: Severity = entry.flags?.polling ? 'information' : 'error';
	// The message's diagnosis (the same cause every surface names), on its first error.
	const cause = i === 0 ? message.diagnosis?.cause : undefined;
	const detail = cause ? ` Most likely: ${cause}` : '';
	return finding(RuleId.recognizedError, severity, `${e.code}: ${entry.title}. ${entry.summary}${detail}`, e.span, {
		reference: entry.references[0], entryId: entry.id,
	});
});

/** Vendor codes (AADSTS…, E0000…): the first mention of each code gets a finding. */
const vendorCodes: Rule = (_text, message) => {
	const seen = new Set<string>();
	const hasError = message.errors.some(e => e.entry);
	return message.vendorCodes.filter(v => v.entry && !v.inProse && !seen.has(v.code) && seen.add(v.code)).map(v => {
		const entry = v.entry!;
		const severity: Severity = entry.flags?.polling ? 'information' : hasError ? 'information' : 'error';
		return finding(RuleId.vendorCode, severity, `${v.code}: ${entry.title}. ${entry.summary}`, v.span, { reference: entry.references[0], entryId: entry.id });
	});
};

/**
 * An error response with no recognisable error code: explain the status itself.
 * A warning when something ties the response to OAuth (or nothing but the
 * status was pasted); information when its request or body shows an
 * unrelated API (a 404 from a REST route, a framework's 500 page).
 */
const httpStatus: Rule = (_text, message, catalog) => {
	if (message.kind === 'request' || !message.status || message.status < 400 || !message.statusSpan) return [];
	if (message.errors.some(e => e.entry) || message.vendorCodes.some(v => v.entry)) return [];
	const entry = catalog.lookup(String(message.status), { kind: 'status', location: message.location });
	if (!entry) return [];
	const unrelated = (!!message.request || message.bodyFormat !== 'empty') && !hasOAuthContext(message);
	return [finding(RuleId.httpStatus, unrelated ? 'information' : 'warning', `HTTP ${message.status}: ${entry.title}. ${entry.summary}`, message.statusSpan, { reference: entry.references[0], entryId: entry.id })];
};

/** Endpoint kinds that only OAuth and OpenID Connect servers have. */
const OAUTH_LOCATIONS: ReadonlySet<Location> = new Set<Location>(['authorization', 'token', 'resource', 'userinfo', 'revocation', 'introspection', 'registration', 'device', 'ciba', 'par']);

/** Anything that ties a response to OAuth: an error or vendor code, a known vendor, an OAuth endpoint, a Bearer or DPoP challenge, or an authentication status. */
function hasOAuthContext(message: HttpMessage): boolean {
	if (message.errors.length || message.vendorCodes.length || message.vendor) return true;
	if (message.location && OAUTH_LOCATIONS.has(message.location)) return true;
	if (message.status === 401 || message.status === 407) return true;
	return message.challenges.some(({ challenges }) => challenges.some(c => /^(bearer|dpop)$/i.test(c.scheme)));
}

/** An `error` value that no catalog knows, with the closest known code. */
const unknownCodes: Rule = (text, message) => message.errors.filter(e => !e.entry).map(e => {
	const hint = e.suggestion ? ` Did you mean "${e.suggestion}"?` : '';
	return finding(RuleId.unknownCode, 'warning', `Unknown error code "${clip(e.code)}".${hint}`, e.span, {
		fixes: e.suggestion ? [{ title: `Replace with "${e.suggestion}"`, edits: [{ span: e.span, text: matchCase(text.slice(e.span.start, e.span.end), e.suggestion) }], preferred: true }] : undefined,
	});
});

/** The HTTP status does not match what the spec or vendor sends with this code. */
const statusMismatch: Rule = (_text, message, catalog) => {
	if (message.kind !== 'response' || message.status === null || !message.statusSpan) return [];
	const out: Finding[] = [];
	const first = firstKnown(message.errors);
	if (message.status >= 200 && message.status < 300 && message.errors.length) {
		const expected = first?.entry?.status.includes(message.status);
		const vendor = !!message.vendor && !!catalog.profiles.get(message.vendor)?.quirks?.errorsWithStatus200;
		out.push(finding(RuleId.errorWith200, expected || vendor ? 'information' : 'warning',
			`An error ("${clip(message.errors[0].code)}") was sent with HTTP ${message.status}. ${expected || vendor ? 'This vendor does that on purpose: check the body for an error before reading the token.' : 'OAuth error responses use 4xx statuses; clients that only check the status will treat this as success.'}`,
			message.statusSpan, { related: [{ span: message.errors[0].span, message: 'The error in the body' }] }));
		return out;
	}
	if (first?.entry && first.entry.status.length && !first.entry.status.includes(message.status) && first.source !== 'body') {
		out.push(finding(RuleId.statusMismatch, 'warning',
			`"${clip(first.code)}" is normally sent with HTTP ${first.entry.status.join(' or ')}, not ${message.status}.`, message.statusSpan,
			{ entryId: first.entry.id, related: [{ span: first.span, message: `The error code ${first.entry.code}` }] }));
	}
	return out;
};

/** RFC 9110 §15.5.2: a 401 response must carry a challenge. */
const missingChallenge: Rule = (_text, message) => {
	if (message.kind !== 'response' || message.status !== 401 || !message.statusSpan || message.headers.length === 0) return [];
	if (header(message, 'www-authenticate')) return [];
	return [finding(RuleId.missingWwwAuthenticate, 'warning', 'HTTP 401 without a WWW-Authenticate header: the server does not say which authentication scheme (Basic, Bearer, DPoP) it expects.', message.statusSpan)];
};

/** Challenges that only parse thanks to leniency. */
const malformedChallenges: Rule = (_text, message) => message.challenges.flatMap(({ challenges }) =>
	challenges.flatMap(c => c.problems.slice(0, 3).map(p => finding(RuleId.malformedChallenge, 'warning', `Malformed WWW-Authenticate challenge: ${p.message}`, p.span))));

/** A body whose shape contradicts its Content-Type, or a token error not sent as JSON. */
const contentType: Rule = (_text, message, catalog) => {
	if (message.kind !== 'response' || !message.body || message.bodyFormat === 'empty') return [];
	const out: Finding[] = [];
	const ct = message.contentType;
	const ctHeader = header(message, 'content-type');
	const isJsonType = !!ct && (ct.includes('json'));
	if (ct && ctHeader) {
		const jsonBody = message.bodyFormat === 'json' || message.bodyFormat === 'problem+json';
		if ((jsonBody && !isJsonType) || (!jsonBody && isJsonType)) {
			out.push(finding(RuleId.contentTypeMismatch, 'warning', `The body is ${describeFormat(message.bodyFormat)} but Content-Type says "${clip(ct)}"; strict clients will fail to parse it.`, ctHeader.valueSpan));
		}
	}
	const tokenError = message.errors.length > 0 && (message.location === 'token' || message.location === null);
	if (tokenError && message.bodyFormat !== 'json' && message.bodyFormat !== 'problem+json') {
		const formByDesign = !!message.vendor && message.bodyFormat === 'form' && !!catalog.profiles.get(message.vendor)?.quirks?.formEncodedTokenResponses;
		out.push(finding(RuleId.errorNotJson, formByDesign ? 'information' : 'warning',
			formByDesign ? `${catalog.profiles.displayName(message.vendor!)} sends form-encoded token responses unless the request says "Accept: application/json".`
				: `The error is sent as ${describeFormat(message.bodyFormat)}; RFC 6749 §5.2 token errors are JSON objects with an "error" member.`, message.body));
	}
	return out;
};

/** RFC 6749 §5.1: responses carrying tokens must not be cached (cloud metadata services and registries are no OAuth token endpoints). */
const missingNoStore: Rule = (_text, message) => {
	if (message.kind !== 'response' || message.headers.length === 0 || !message.json) return [];
	if (isMetadataOrRegistryRequest(message) || (message.request && isMetadataOrRegistryRequest(message.request))) return [];
	if (!message.json.values.some(v => v.depth === 1 && (v.key === 'access_token' || v.key === 'refresh_token' || v.key === 'id_token'))) return [];
	const cacheControl = header(message, 'cache-control');
	if (cacheControl && /no-store/i.test(cacheControl.value)) return [];
	return [finding(RuleId.missingNoStore, 'warning', 'This response carries tokens but no "Cache-Control: no-store"; proxies and browsers may keep a copy.', message.startLine ?? message.span)];
};

/** RFC 6749 Appendix A.7/A.8: error and error_description use printable ASCII without `"` and `\`. */
const invalidErrorChars: Rule = (_text, message) => {
	const out: Finding[] = [];
	for (const e of message.errors) {
		if (e.source === 'text' || e.source === 'body') continue;
		if (!isNqsChars(e.code)) out.push(finding(RuleId.invalidErrorChars, 'warning', 'The error code contains characters RFC 6749 does not allow (only printable ASCII without " and \\).', e.span));
		if (e.description && e.descriptionSpan && !isNqsChars(e.description)) {
			out.push(finding(RuleId.invalidErrorChars, 'hint', 'error_description contains characters RFC 6749 does not allow (line breaks, non-ASCII, " or \\); some clients reject or mangle it.', e.descriptionSpan));
		}
	}
	return out;
};

/** RFC 9457: the problem's `status` member should equal the HTTP status. */
const problemStatus: Rule = (_text, message) => {
	if (message.bodyFormat !== 'problem+json' || !message.json || message.status === null) return [];
	const status = jsonValue(message.json, 'status');
	if (!status || typeof status.value !== 'number' || status.value === message.status) return [];
	return [finding(RuleId.problemStatusMismatch, 'warning', `The problem details say status ${status.value} but the HTTP status is ${message.status}.`, status.span)];
};

/** Device flow and CIBA polling signals: what the client should do next. */
const pollingAdvice: Rule = (_text, message) => firstPerCode(message.errors.filter(e => e.entry?.flags?.polling && !e.inProse)).map(e => {
	const slow = e.code === 'slow_down';
	return finding(RuleId.pollingAdvice, 'information', slow
		? 'Polling too fast: add 5 seconds to the polling interval for this and all later requests, then keep polling.'
		: 'Not a failure: the user has not finished yet. Keep polling at the interval the server gave (default 5 seconds) until the device code expires.', e.span, { entryId: e.entry!.id });
});

/** Trace and correlation ids that a vendor's support desk asks for, when something failed. */
const supportIds: Rule = (_text, message, catalog) => {
	const ids = message.facts.filter(f => f.support);
	if (!ids.length || !isFailure(message)) return [];
	const list = ids.map(f => `${f.label} ${clip(f.value, 60)}`).join(', ');
	// The vendor's own error reference, when the vendor is known.
	const docs = message.vendor ? catalog.profiles.get(message.vendor)?.docs[0] : undefined;
	return [finding(RuleId.supportIds, 'information', `Quote these when you contact support: ${list}.`, ids[0].span, docs ? { reference: docs } : {})];
};

/** The message holds an error, or its HTTP status (or its body's `status`) is 400 or more. */
function isFailure(message: HttpMessage): boolean {
	if (message.errors.length || message.vendorCodes.length) return true;
	if (message.status !== null) return message.status >= 400;
	const status = message.json && (jsonValue(message.json, 'status') ?? jsonValue(message.json, 'statusCode'));
	return !!status && typeof status.value === 'number' && status.value >= 400;
}

/** Every response rule, in reporting order. */
export const responseRules: readonly Rule[] = [
	recognizedErrors, vendorCodes, httpStatus, unknownCodes, statusMismatch, missingChallenge, malformedChallenges,
	contentType, missingNoStore, invalidErrorChars, problemStatus, pollingAdvice, supportIds,
];

/** The first mention of each code (a stack trace repeats the same error). */
function firstPerCode<T extends { code: string }>(mentions: readonly T[]): T[] {
	const seen = new Set<string>();
	return mentions.filter(m => !seen.has(m.code) && !!seen.add(m.code));
}

function firstKnown(errors: readonly ErrorMention[]): ErrorMention | undefined {
	return errors.find(e => e.entry) ?? errors[0];
}

function isNqsChars(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
	}
	return true;
}

function describeFormat(format: HttpMessage['bodyFormat']): string {
	switch (format) {
		case 'json': return 'JSON';
		case 'problem+json': return 'problem+json';
		case 'form': return 'form-urlencoded';
		case 'html': return 'an HTML page';
		case 'text': return 'plain text';
		default: return 'empty';
	}
}

/** Shortens pasted values quoted in messages. */
export function clip(value: string, max = 80): string {
	const oneLine = value.replace(/[\r\n\t]+/g, ' ');
	return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function matchCase(original: string, suggestion: string): string {
	return original === original.toUpperCase() && original !== original.toLowerCase() ? suggestion.toUpperCase() : suggestion;
}
