import { bundledCatalog, type Catalog } from '../catalog/catalog';
import type { CatalogEntry } from '../catalog/catalogTypes';
import { lastIndexStartingBefore, type Analysis, type HttpMessage } from '../recognize/model';
import { describeSecretKind } from '../secrets/secretNames';
import { describeSecret } from '../secrets/tokenShapes';
import type { Span } from '../types';
import { clip } from '../rules/responseRules';
import { codeSpan, escapeInline, escapeMarkdown, safeLink } from './markdown';

/** A hover: the range it covers and its Markdown (pasted text escaped, no secrets). */
export interface HoverInfo {
	span: Span;
	markdown: string;
	/** The message the hover belongs to (for "Explain Response"). */
	message: HttpMessage;
}

/**
 * The hover at `offset`: an error code, vendor code, status line, challenge or
 * secret of an analysed document. Reads the analysis only; never re-parses.
 */
export function hoverAt(analysis: Analysis, offset: number, catalog: Catalog = bundledCatalog(), readSpan?: (span: Span) => string): HoverInfo | undefined {
	for (const message of messagesAround(analysis, offset)) {
		const error = message.errors.find(e => contains(e.span, offset));
		if (error) {
			const md = error.entry ? entryMarkdown(error.entry, message, catalog)
				: `**Unknown error code** ${codeSpan(clip(error.code, 80))}${error.suggestion ? ` — did you mean ${codeSpan(error.suggestion)}?` : ''}`;
			return { span: error.span, markdown: md, message };
		}
		const vendorCode = message.vendorCodes.find(v => contains(v.span, offset));
		if (vendorCode) {
			const shaped = catalog.profiles.codeShapeOf(vendorCode.code)?.profile;
			const lookup = catalog.profiles.lookupUrl(shaped?.id ?? message.vendor, vendorCode.code);
			const md = vendorCode.entry ? entryMarkdown(vendorCode.entry, message, catalog)
				: `${codeSpan(clip(vendorCode.code, 80))} is not in the bundled catalog yet.${lookup ? ` Look it up: ${safeLink(`${catalog.profiles.displayName(shaped?.id ?? message.vendor ?? '')} error lookup`, lookup)}` : ''}`;
			return { span: vendorCode.span, markdown: md, message };
		}
		const secret = message.secrets.find(s => contains(s, offset));
		if (secret) {
			// Only derived facts (kind, length, harmless JWT claims such as exp and aud), never the value.
			const facts = readSpan ? escapeInline(describeSecret(secret.kind, readSpan(secret))) : `${secret.end - secret.start} characters`;
			return { span: secret, markdown: `**${describeSecretKind(secret.kind)}**: ${facts}. Redact it before sharing; revoke it if it is still valid.`, message };
		}
		if (message.statusSpan && message.startLine && contains(message.startLine, offset) && message.status !== null) {
			const entry = catalog.lookup(String(message.status), { kind: 'status', location: message.location });
			if (entry) return { span: message.startLine, markdown: entryMarkdown(entry, message, catalog), message };
		}
		for (const { header, challenges } of message.challenges) {
			if (!contains(header.span, offset)) continue;
			const more = (n: number, shown: number) => n > shown ? `, … (${n - shown} more)` : '';
			const lines = challenges.slice(0, 5).map(c => `- ${codeSpan(clip(c.scheme, 40))}${c.params.length ? `: ${c.params.slice(0, 8).map(p => codeSpan(`${clip(p.name, 40)}=${clip(p.value, 60)}`)).join(', ')}${more(c.params.length, 8)}` : ''}`);
			if (challenges.length > 5) lines.push(`- … ${challenges.length - 5} more`);
			return { span: header.span, markdown: ['**WWW-Authenticate challenge**', '', ...lines].join('\n'), message };
		}
	}
	return undefined;
}

/**
 * The hover body for a catalog entry seen in this message: it leads with the
 * message's diagnosis (the same cause the report and the Problems panel name),
 * then what the code means and the steps for that cause.
 */
export function entryMarkdown(entry: CatalogEntry, message: HttpMessage | undefined, catalog: Catalog): string {
	const parts = [`**${escapeInline(entry.title)}** · ${codeSpan(entry.code)}`, ''];
	const d = message?.diagnosis;
	if (d) {
		parts.push(`**Most likely:** ${escapeInline(d.cause)} (${d.confidence} confidence)`, '');
	}
	parts.push(escapeMarkdown(entry.summary));
	const steps = d ? d.steps : entry.fixes.map(f => f.text);
	if (steps.length) parts.push('', '**What to do:**', ...steps.slice(0, 3).map(f => `- ${escapeMarkdown(f)}`));
	if (d?.alternatives.length) parts.push('', `**If not that:** ${d.alternatives.slice(0, 2).map(a => escapeInline(a.cause)).join(' · ')}`);
	const facts: string[] = [];
	const expected = entry.kind !== 'status' ? entry.status : [];
	const got = message?.status ?? null;
	if (got !== null) facts.push(expected.length && !expected.includes(got) ? `HTTP ${got} (${expected.join(' or ')} expected for this code)` : `HTTP ${got}`);
	else if (expected.length) facts.push(`usually HTTP ${expected.join(' or ')}`);
	if (message?.vendor) facts.push(escapeInline(catalog.profiles.displayName(message.vendor)));
	if (facts.length) parts.push('', facts.join(' · '));
	const links = entry.references.filter(r => r.url).slice(0, 3).map(r => safeLink(r.title, r.url));
	if (links.length) parts.push('', links.join(' · '));
	return parts.join('\n');
}

function contains(span: Span, offset: number): boolean {
	return span.start <= offset && offset <= span.end;
}

/** Per analysis: for each message, the largest end of it and every message before it. */
const reach = new WeakMap<readonly HttpMessage[], number[]>();

/**
 * The messages whose span holds `offset`, in document order, found by binary
 * search over the messages (sorted by start) instead of visiting all of them.
 */
function messagesAround(analysis: Analysis, offset: number): HttpMessage[] {
	const messages = analysis.messages;
	let ends = reach.get(messages);
	if (!ends) {
		ends = [];
		let max = -1;
		for (const m of messages) ends.push(max = Math.max(max, m.span.end));
		reach.set(messages, ends);
	}
	const last = lastIndexStartingBefore(messages, offset + 1);
	const found: HttpMessage[] = [];
	for (let i = last; i >= 0 && ends[i] >= offset; i--) if (messages[i].span.end >= offset) found.push(messages[i]);
	return found.reverse();
}
