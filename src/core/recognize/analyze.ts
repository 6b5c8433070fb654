import { bundledCatalog, type Catalog } from '../catalog/catalog';
import type { Location, Span } from '../types';
import { suggestCode } from '../catalog/suggest';
import { splitHttpMessages } from '../parse/httpMessage';
import { runRules } from '../rules/rules';
import { findSecrets } from '../secrets/secrets';
import { locationFromTarget, nearestVendor, vendorFromText } from './context';
import { decodeFormComponent } from '../parse/formBody';
import { lineEndOf, lineStartOf } from '../parse/lines';
import { emptyFragment, fragmentsIn } from './fragments';
import { interpretRaw } from './message';
import type { Analysis, HttpMessage } from './model';

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
	const catalog = options.catalog ?? bundledCatalog();
	const variables = fileVariables(text);
	const max = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
	const messages: HttpMessage[] = [];
	let cursor = 0;
	let previous: HttpMessage | undefined;
	let truncated = false;
	for (const raw of splitHttpMessages(text)) {
		if (messages.length >= max) {
			truncated = true;
			break;
		}
		messages.push(...fragmentsIn(text, cursor, raw.span.start, catalog));
		const message = interpretRaw(text, raw, catalog);
		if (message.kind === 'response' && previous?.kind === 'request' && !text.slice(previous.span.end, message.span.start).includes('###')) {
			message.request = previous;
		}
		messages.push(message);
		previous = message;
		cursor = raw.span.end;
	}
	if (!truncated) messages.push(...fragmentsIn(text, cursor, text.length, catalog));
	const kept = messages.slice(0, max);
	if (kept.length < messages.length) truncated = true;
	addSecretOnlyFragments(text, kept);
	for (const message of kept) {
		settleContext(text, message, catalog, variables);
		message.secrets = findSecrets(text, message);
		message.findings = runRules(text, message, catalog);
	}
	kept.sort((a, b) => a.span.start - b.span.start);
	return { messages: kept, truncated };
}

/** Vendor and location from everything the message (and its request) shows, then the best catalog entries. */
function settleContext(text: string, message: HttpMessage, catalog: Catalog, variables: ReadonlyMap<string, string>): void {
	const request = message.request;
	message.vendor ??= request?.vendor ?? vendorOf(text, message, variables);
	message.location ??= (message.target ? locationFromTarget(message.target) : null)
		?? (request?.target ? locationFromTarget(request.target) : null)
		?? (message.kind === 'fragment' ? nearbyLocation(text, message.span) : null)
		?? (message.challenges.some(c => c.challenges.some(ch => ch.params.some(p => p.name === 'error'))) ? 'resource' : null);
	if (message.vendorCodes.some(v => v.code.startsWith('AADSTS'))) message.vendor ??= 'entra';
	const context = { vendor: message.vendor, location: message.location };
	addProblemTitle(message, catalog);
	for (const e of message.errors) {
		const kind = e.entry?.kind === 'message' ? 'message' : undefined;
		const loose = { looseDescription: e.source === 'text', status: message.status };
		const entry = catalog.lookup(e.code, { ...context, ...loose, description: e.description, ...(kind ? { kind } : {}) })
			?? catalog.lookup(e.code.trim(), { ...context, ...loose, description: e.description });
		e.entry = entry ?? null;
		if (!entry && e.source !== 'text' && e.source !== 'body') e.suggestion = suggestCode(e.code, catalog.codes());
	}
	for (const v of message.vendorCodes) {
		v.entry = catalog.lookup(v.code, { ...context, kind: 'vendorCode', description: v.description, looseDescription: true }) ?? null;
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

function vendorOf(text: string, message: HttpMessage, variables: ReadonlyMap<string, string>): string | null {
	const parts: string[] = [];
	if (message.target) parts.push(expandVariables(message.target, variables));
	for (const h of message.headers) {
		if (h.lower.startsWith('x-okta') || h.lower.startsWith('x-amzn')) parts.push(h.lower);
		parts.push(h.value);
	}
	for (const e of message.errors) if (e.uri) parts.push(e.uri);
	const hinted = vendorFromText(parts.join('\n'));
	if (hinted) return hinted;
	const span = message.kind === 'fragment' ? message.span : message.body;
	const own = span ? vendorFromText(decoded(text.slice(span.start, Math.min(span.end, span.start + 4096)))) : null;
	// A log line or pasted body often follows the request URL or host it came from: take the nearest hint before it.
	return own ?? nearestVendor(decoded(text.slice(Math.max(0, message.span.start - NEARBY_CONTEXT), message.span.start)));
}

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

/** Secrets outside any message (a token pasted on its own) still get a fragment so they are reported and redacted. */
function addSecretOnlyFragments(text: string, messages: HttpMessage[]): void {
	const sorted = [...messages].sort((a, b) => a.span.start - b.span.start);
	let cursor = 0;
	const gaps: Array<[number, number]> = [];
	for (const m of sorted) {
		if (m.span.start > cursor) gaps.push([cursor, m.span.start]);
		cursor = Math.max(cursor, m.span.end);
	}
	if (cursor < text.length) gaps.push([cursor, text.length]);
	for (const [start, end] of gaps) {
		const probe = emptyFragment({ start, end });
		const secrets = findSecrets(text, probe);
		if (!secrets.length) continue;
		// Whole lines, so that the key naming each secret stays inside the fragment.
		messages.push(emptyFragment({ start: lineStartOf(text, secrets[0].start, start), end: lineEndOf(text, secrets[secrets.length - 1].end, end) }));
	}
}

