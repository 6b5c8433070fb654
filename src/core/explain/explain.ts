import { bundledCatalog, type Catalog } from '../catalog/catalog';
import type { CatalogEntry, Reference } from '../catalog/catalogTypes';
import type { Diagnosis, Finding, HttpMessage } from '../recognize/model';
import { clip } from '../rules/responseRules';
import { secretCopyReplacer } from '../secrets/secrets';
import { redactionMarker } from '../secrets/tokenShapes';
import type { SecretSpan, Span } from '../types';
import { decodeDescription } from '../recognize/describe';
import { codeSpan, escapeInline, escapeMarkdown, escapeQuoted, safeLink } from './markdown';

/** What went wrong, why, and what to do next, for one message. Pasted text in it is already redacted. */
export interface Explanation {
	headline: string;
	whatHappened: string;
	/** The most likely cause (the diagnosis's cause text). */
	cause?: string;
	/** The diagnosis the cause comes from: kind, confidence, evidence, alternatives (pasted text redacted). */
	diagnosis?: Diagnosis;
	/** The steps for the most likely cause, then those that hold whatever the cause. */
	steps: string[];
	facts: Array<{ label: string; value: string }>;
	references: Reference[];
	/** Findings other than the recognised codes themselves (warnings about the response or request). */
	notes: Finding[];
	/** Catalog codes the explanation is about (trusted text). */
	codes: string[];
}

const LOCATION_NAMES: Readonly<Record<string, string>> = {
	authorization: 'authorization endpoint (redirect)', token: 'token endpoint', resource: 'resource server', userinfo: 'UserInfo endpoint',
	revocation: 'revocation endpoint', introspection: 'introspection endpoint', registration: 'registration endpoint', device: 'device flow',
	ciba: 'CIBA backchannel flow', par: 'pushed authorization request endpoint', management: 'management API', client: 'client library',
};

/**
 * Explains one analysed message. Secrets inside pasted text are replaced by markers: those of
 * the message and copies of `secrets` (pass every secret of the analysis: a token of the request
 * is often quoted again in the response or a log line).
 */
export function explainMessage(text: string, message: HttpMessage, catalog: Catalog = bundledCatalog(), secrets: readonly SecretSpan[] = message.secrets): Explanation {
	const profiles = catalog.profiles;
	const isLibrary = (e: CatalogEntry) => profiles.get(e.namespace)?.type === 'library';
	const error = message.errors.find(e => e.entry) ?? message.errors[0];
	// A server's code (AADSTS…) says more than a client library's exception name around it.
	const vendorCode = message.vendorCodes.find(v => v.entry && !isLibrary(v.entry)) ?? message.vendorCodes.find(v => v.entry);
	const statusEntry = message.status && message.status >= 400 ? catalog.lookup(String(message.status), { kind: 'status' }) : undefined;
	const diagnosed = message.diagnosis?.entryId ? catalog.byId(message.diagnosis.entryId) : undefined;
	const primary: CatalogEntry | undefined = error?.entry ?? vendorCode?.entry ?? statusEntry;
	// Every distinct vendor code contributes (an Authlete action and its fail reason, an AADSTS code and MSAL's exception).
	const vendorEntries = message.vendorCodes.map(v => v.entry).filter((e): e is CatalogEntry => !!e)
		.sort((a, b) => Number(isLibrary(a)) - Number(isLibrary(b)));
	const entries = uniqueEntries([diagnosed, vendorCode?.entry, error?.entry, primary, ...vendorEntries]).slice(0, 4);
	const codes = [...new Set(entries.map(e => e.code))];
	const redactCopies = secretCopyReplacer(text, [...message.secrets, ...secrets], redactionMarker);

	const headline = headlineOf(message, error?.code, primary);
	const where = [
		message.vendor ? `from ${profiles.displayName(message.vendor)}` : '',
		message.location && LOCATION_NAMES[message.location] ? `at the ${LOCATION_NAMES[message.location]}` : '',
		message.status !== null ? `with HTTP ${message.status}` : '',
	].filter(Boolean).join(' ');
	const whatHappened = primary
		? `${primary.summary}${where ? ` This one came ${where}.` : ''}`
		: message.secrets.length ? 'No error here, but the text holds credentials that should not be shared.' : `No OAuth error code was recognised${where ? ` in this message ${where}` : ''}.`;

	const diagnosis = message.diagnosis ? { ...message.diagnosis, evidence: message.diagnosis.evidence.map(e => clip(redactCopies(e), 160)) } : undefined;
	// A code only mentioned (documentation) has no diagnosis: say what the code usually means and how it is fixed.
	const fallback = !diagnosis && primary ? primary.causes[0] : undefined;
	const steps: string[] = diagnosis ? [...diagnosis.steps] : [...(fallback?.fixes?.map(f => f.text) ?? []), ...(primary?.fixes.map(f => f.text) ?? [])];
	const notes = message.findings.filter(f => f.rule !== 'recognized-error' && f.rule !== 'vendor-code' && f.rule !== 'http-status');
	if (message.secrets.length) steps.push('Redact the secrets in this text before sharing it, and revoke any that are still valid.');

	return {
		headline, whatHappened, cause: diagnosis?.cause ?? fallback?.text, diagnosis, steps: [...new Set(steps)].slice(0, 8),
		facts: factsOf(text, message, error, primary, secrets, catalog),
		references: uniqueReferences(entries.flatMap(e => e.references)),
		notes, codes,
	};
}

function headlineOf(message: HttpMessage, errorCode: string | undefined, primary: CatalogEntry | undefined): string {
	if (primary && errorCode) return `${clip(errorCode, 60)}: ${primary.title}`;
	if (primary?.kind === 'status') return `HTTP ${primary.title}`;
	if (primary) return `${primary.code}: ${primary.title}`;
	if (errorCode) return `Unknown error code "${clip(errorCode, 60)}"`;
	const problem = message.findings.find(f => f.severity === 'error') ?? message.findings.find(f => f.severity === 'warning' && f.rule !== 'secret-exposed');
	if (message.kind === 'request' && problem) return clip(problem.message.replace(/[;.].*$/, ''), 90);
	if (message.status !== null) return `HTTP ${message.status}${message.reason ? ` ${clip(message.reason, 40)}` : ''}`;
	return message.secrets.length ? 'Credentials in pasted text' : 'Pasted text';
}

function factsOf(text: string, message: HttpMessage, error: HttpMessage['errors'][number] | undefined, primary: CatalogEntry | undefined, secrets: readonly SecretSpan[], catalog: Catalog): Explanation['facts'] {
	// Pasted values are redacted before they are clipped, so that no cut-off secret survives.
	const redactCopies = secretCopyReplacer(text, [...message.secrets, ...secrets], redactionMarker);
	const pasted = (value: string, max: number, mask = true) => clip(redactCopies(value), max, mask);
	const facts: Explanation['facts'] = [];
	const expected = primary?.kind !== 'status' && primary?.status.length ? primary.status : undefined;
	if (message.status !== null) {
		const unexpected = expected && !expected.includes(message.status) ? ` (${expected.join(' or ')} expected for this code)` : '';
		facts.push({ label: 'HTTP status', value: `${message.status}${message.reason ? ` ${pasted(message.reason, 60)}` : ''}${unexpected}` });
	} else if (expected) {
		facts.push({ label: 'Usual HTTP status', value: expected.join(' or ') });
	}
	if (message.vendor) facts.push({ label: 'Vendor', value: catalog.profiles.displayName(message.vendor) });
	if (message.location) facts.push({ label: 'Where', value: LOCATION_NAMES[message.location] ?? message.location });
	if (error) facts.push({ label: 'error', value: pasted(error.code, 100) });
	if (error?.descriptionSpan) facts.push({ label: 'error_description', value: pasted(decodeDescription(safeSlice(text, error.descriptionSpan, message.secrets, 4000)), 400) });
	else if (error?.description) facts.push({ label: 'error_description', value: pasted(decodeDescription(error.description.slice(0, 4000)), 400) });
	for (const v of uniqueBy(message.vendorCodes, v => v.code).slice(0, 10)) facts.push({ label: 'Vendor code', value: pasted(v.code, 80) });
	// Support ids are quoted on purpose: they are not masked as random-looking.
	for (const f of message.facts.slice(0, 10)) facts.push({ label: f.label, value: pasted(f.value, 100, !f.support) });
	if (message.secrets.length) facts.push({ label: 'Secrets found', value: [...new Set(message.secrets.map(s => s.kind))].join(', ') });
	return facts;
}

/** Pasted text with every secret inside it replaced by its marker, clipped to one line. */
function safeSlice(text: string, span: Span, secrets: readonly SecretSpan[], max = 200): string {
	let out = '';
	let cursor = span.start;
	for (const s of secrets) {
		if (s.end <= span.start || s.start >= span.end) continue;
		out += text.slice(cursor, Math.max(cursor, s.start)) + redactionMarker(s.kind);
		cursor = Math.max(cursor, s.end);
	}
	out += text.slice(cursor, span.end);
	return clip(out, max);
}

/** Fact labels whose values are our own words; every other fact's value is pasted text, shown in a code span. */
const OWN_FACTS: ReadonlySet<string> = new Set(['HTTP status', 'Usual HTTP status', 'Vendor', 'Where', 'Secrets found']);

/**
 * Renders an explanation as Markdown: pasted values in code spans, running text escaped only
 * where Markdown would read syntax, links https only.
 */
export function renderExplanation(explanation: Explanation, level = 2): string {
	const h = '#'.repeat(level);
	const lines: string[] = [`${h} ${escapeQuoted(explanation.headline)}`, ''];
	const d = explanation.diagnosis;
	if (!d && explanation.cause) lines.push(`**Usual cause.** ${escapeInline(explanation.cause)}`, '');
	if (d) {
		const because = d.evidence.length ? ` — because ${d.evidence.map(e => escapeQuoted(e, { midLine: true })).join('; ')}` : '';
		lines.push(`**Most likely:** ${escapeInline(d.cause)}${because} (${d.confidence} confidence; kind ${d.kind})`, '');
		if (d.toDecide) lines.push(`**To be sure:** ${escapeInline(d.toDecide)}`, '');
	}
	if (explanation.steps.length) {
		lines.push('**What to do next**', '');
		explanation.steps.forEach((s, i) => lines.push(`${i + 1}. ${escapeMarkdown(s)}`));
		lines.push('');
	}
	if (d?.alternatives.length) {
		lines.push('**If not that**', '');
		for (const a of d.alternatives) lines.push(`- ${escapeMarkdown(a.cause)} (kind ${a.kind})`);
		lines.push('');
	}
	lines.push(`**What happened.** ${escapeInline(explanation.whatHappened)}`, '');
	const problems = explanation.notes.filter(n => (n.severity === 'error' || n.severity === 'warning') && n.rule !== 'secret-exposed');
	if (problems.length) {
		lines.push('**Also found**', '');
		for (const n of problems) lines.push(`- ${escapeQuoted(n.message)}`);
		lines.push('');
	}
	if (explanation.facts.length) {
		lines.push('**Facts**', '');
		for (const f of explanation.facts) lines.push(`- ${escapeMarkdown(f.label)}: ${OWN_FACTS.has(f.label) ? escapeInline(f.value) : codeSpan(f.value)}`);
		lines.push('');
	}
	const info = explanation.notes.filter(n => n.severity === 'information' && n.rule !== 'secret-exposed');
	if (info.length) {
		lines.push('**Notes**', '');
		for (const n of info) lines.push(`- ${escapeQuoted(n.message)}`);
		lines.push('');
	}
	if (explanation.references.length) {
		lines.push('**References**', '');
		for (const r of explanation.references) lines.push(`- ${safeLink(r.title, r.url)}`);
		lines.push('');
	}
	return lines.join('\n');
}

/**
 * A whole report (the Explain Response command, `explain --markdown`) for the given messages.
 * `secrets`: every secret of the analysis (default: those of `messages`), redacted wherever quoted.
 */
export function renderReport(text: string, messages: readonly HttpMessage[], catalog: Catalog = bundledCatalog(), secrets: readonly SecretSpan[] = messages.flatMap(m => m.secrets)): string {
	const relevant = worthExplaining(messages);
	if (!relevant.length) return '# Token Error Help\n\nNo OAuth or OpenID Connect error, HTTP error response or secret was found in this text.\n';
	const parts = ['# Token Error Help', ''];
	const lineOfOffset = lineNumbers(text);
	for (const m of relevant) {
		const e = explainMessage(text, m, catalog, secrets);
		parts.push(renderExplanation({ ...e, headline: `${e.headline} (line ${lineOfOffset(m.span.start)})` }));
	}
	return parts.join('\n');
}

/**
 * The messages an explanation covers: those worth reporting, or, when asked
 * about documentation only (a changelog line, a table of codes, a code on its
 * own), those naming a code.
 */
export function worthExplaining(messages: readonly HttpMessage[]): HttpMessage[] {
	const reported = messages.filter(hasContent);
	return reported.length ? reported : messages.filter(m => m.errors.length || m.vendorCodes.length);
}

/** A message worth reporting: a finding, a secret, or an error or vendor code not merely written as documentation. */
export function hasContent(m: HttpMessage): boolean {
	return m.findings.length > 0 || m.secrets.length > 0 || m.errors.some(e => !e.inProse) || m.vendorCodes.some(v => !v.inProse);
}

/**
 * 1-based line numbers of offsets in `text` (LF, CRLF and CR line ends): the
 * line starts are found once, then each offset is a binary search. Numbering
 * many messages of one text takes one of these.
 */
export function lineNumbers(text: string): (offset: number) => number {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
	}
	return offset => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
}

/** 1-based line number of one offset (LF, CRLF and CR line ends), counted up to it; for many, use {@link lineNumbers}. */
export function lineOf(text: string, offset: number): number {
	let line = 1;
	const end = Math.min(offset, text.length);
	for (let i = 0; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
	}
	return line;
}

function uniqueEntries(list: Array<CatalogEntry | null | undefined>): CatalogEntry[] {
	return [...new Set(list.filter((e): e is CatalogEntry => !!e))];
}

/** One line per page: by URL, and by title (a title listed with its URL and without keeps the URL). */
function uniqueReferences(refs: Reference[]): Reference[] {
	const byTitle = new Map<string, Reference>();
	const urls = new Set<string>();
	for (const r of refs) {
		if (r.url && urls.has(r.url)) continue;
		if (r.url) urls.add(r.url);
		const prior = byTitle.get(r.title);
		if (!prior || (!prior.url && r.url)) byTitle.set(r.title, r);
	}
	return [...byTitle.values()].slice(0, 6);
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
	const seen = new Set<string>();
	return items.filter(i => !seen.has(key(i)) && !!seen.add(key(i)));
}

