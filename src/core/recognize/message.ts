import type { Catalog } from '../catalog/catalog';
import { looksLikeForm, parseFormParams } from '../parse/formBody';
import type { RawHttpMessage } from '../parse/httpMessage';
import { readJsonBody } from '../parse/jsonBody';
import { parseWwwAuthenticate } from '../parse/wwwAuthenticate';
import { errorsFromForm, errorsFromJson, resolve, vendorCodesInDescription, type BodyFindings } from './bodyErrors';
import { findErrorParams, scanMentions } from './mentions';
import type { TextIndex } from '../parse/lines';
import { header, type HttpMessage } from './model';
import { pushAll } from '../arrays';

/** Turns a raw request or response into a message with its body read and its error codes found. */
export function interpretRaw(text: string, raw: RawHttpMessage, catalog: Catalog, doc: TextIndex): HttpMessage {
	const contentTypeHeader = header(raw, 'content-type');
	const message: HttpMessage = {
		kind: raw.kind,
		span: raw.span,
		status: raw.status,
		statusSpan: raw.statusSpan,
		reason: raw.reason,
		method: raw.method,
		methodSpan: raw.methodSpan,
		target: raw.target,
		targetSpan: raw.targetSpan,
		startLine: raw.startLine,
		headers: raw.headers,
		body: raw.body,
		bodyFormat: 'empty',
		contentType: contentTypeHeader ? contentTypeHeader.value.split(';')[0].trim().toLowerCase() : null,
		challenges: [],
		vendor: null,
		location: null,
		errors: [],
		vendorCodes: [],
		facts: [],
		secrets: [],
		findings: [],
	};
	for (const h of raw.headers) {
		if (h.lower === 'www-authenticate' || h.lower === 'proxy-authenticate') {
			message.challenges.push({ header: h, challenges: parseWwwAuthenticate(text, h.valueSpan.start, h.valueSpan.end) });
		}
	}
	readBody(text, message, catalog, doc);
	addChallengeErrors(text, message, catalog);
	addLocationHeaderErrors(text, message, catalog);
	return message;
}

/**
 * Reads the body by its shape (the Content-Type may be wrong) and merges what it holds.
 * `jsonSource`: the body rewritten as JSON of the same length (a Python repr), read instead of the raw text.
 */
export function readBody(text: string, message: HttpMessage, catalog: Catalog, doc: TextIndex, jsonSource?: string): void {
	const body = message.body;
	if (!body || body.end <= body.start) return;
	const first = text.charCodeAt(body.start);
	let found: BodyFindings | undefined;
	if (first === 123 || first === 91) {
		const json = readJsonBody(text, body.start, body.end, jsonSource);
		message.json = json;
		const isProblem = message.contentType?.includes('problem+json') || (json.values.some(v => v.path === 'type') && json.values.some(v => v.path === 'title'));
		message.bodyFormat = isProblem ? 'problem+json' : 'json';
		found = errorsFromJson(text, json, catalog);
	} else if (first === 60) {
		message.bodyFormat = 'html';
		found = mentionsIn(text, body.start, body.end, catalog, doc);
	} else if (looksLikeForm(text, body.start, body.end)) {
		message.bodyFormat = 'form';
		message.form = parseFormParams(text, body.start, body.end);
		found = errorsFromForm(text, message.form, catalog, 'form');
	} else {
		message.bodyFormat = 'text';
		found = plainTextErrors(text, body.start, body.end, catalog, doc);
	}
	merge(message, found);
}

function merge(message: HttpMessage, found: BodyFindings): void {
	// Loops, not push(...list): a body may hold more values than one call takes arguments.
	for (const e of found.errors) message.errors.push(e);
	for (const v of found.vendorCodes) message.vendorCodes.push(v);
	for (const f of found.facts) message.facts.push(f);
	if (found.vendorHint) message.vendor ??= found.vendorHint;
}

/** A plain-text body: a fixed vendor message ("Invalid client_id"), a bare code, or codes in prose. */
function plainTextErrors(text: string, start: number, end: number, catalog: Catalog, doc: TextIndex): BodyFindings {
	const whole = text.slice(start, end).trim();
	if (whole.length <= 200) {
		const entry = catalog.lookup(whole, { kind: 'message' }) ?? catalog.lookup(whole, { kind: 'error' });
		if (entry && (entry.kind === 'message' || entry.kind === 'error')) {
			return { errors: [{ code: whole, entry, span: { start, end: start + whole.length }, source: 'body' }], vendorCodes: [], facts: [], vendorHint: entry.vendor ?? null };
		}
	}
	return mentionsIn(text, start, end, catalog, doc);
}

function mentionsIn(text: string, start: number, end: number, catalog: Catalog, doc: TextIndex): BodyFindings {
	const found: BodyFindings = { errors: [], vendorCodes: [], facts: [], vendorHint: null };
	for (const params of findErrorParams(text, start, end)) {
		const form = errorsFromForm(text, params.params, catalog, 'query');
		pushAll(found.errors, form.errors);
		pushAll(found.vendorCodes, form.vendorCodes);
	}
	for (const line of scanMentions(text, start, end, catalog, doc)) {
		for (const e of line.errors) if (!found.errors.some(x => x.span.start === e.span.start)) found.errors.push(e);
		for (const v of line.vendorCodes) if (!found.vendorCodes.some(x => x.span.start === v.span.start)) found.vendorCodes.push(v);
	}
	resolve(found, catalog);
	for (const v of found.vendorCodes) found.vendorHint ??= catalog.profiles.vendorOfCode(v.code) ?? null;
	return found;
}

/** `error="…"` in WWW-Authenticate challenges (RFC 6750 §3, RFC 9449 §7.1). */
function addChallengeErrors(text: string, message: HttpMessage, catalog: Catalog): void {
	for (const { challenges } of message.challenges) {
		for (const challenge of challenges) {
			const error = challenge.params.find(p => p.name === 'error');
			if (!error || !error.value) continue;
			const description = challenge.params.find(p => p.name === 'error_description');
			const uri = challenge.params.find(p => p.name === 'error_uri');
			message.errors.push({
				code: error.value,
				entry: catalog.lookup(error.value, { location: 'resource', description: description?.value }) ?? null,
				span: error.valueSpan,
				source: 'challenge',
				...(description ? { description: description.value, descriptionSpan: description.valueSpan } : {}),
				...(uri ? { uri: uri.value, uriSpan: uri.valueSpan } : {}),
			});
			if (description) pushAll(message.vendorCodes, vendorCodesInDescription(text, description.valueSpan, description.value, catalog));
		}
	}
}

/** A redirect carrying `error=` in its Location header (authorization endpoint errors). */
function addLocationHeaderErrors(text: string, message: HttpMessage, catalog: Catalog): void {
	const location = header(message, 'location');
	if (!location) return;
	for (const params of findErrorParams(text, location.valueSpan.start, location.valueSpan.end)) {
		merge(message, errorsFromForm(text, params.params, catalog, 'query'));
		message.location = 'authorization';
	}
}
