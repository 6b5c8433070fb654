/**
 * `lookup_error_code`: one catalog entry, by code (and vendor), as an MCP answer; for an unknown
 * code, the closest known codes. The catalog ranks the candidates (Catalog.lookup), as it does
 * for codes seen in a paste.
 */
import { escapeMarkdown, safeLink, vendorName, type CatalogEntry, type TokenErrorService } from '../core';
import { suggestCodes } from '../core/catalog/suggest';
import { SAFE_URL, type ToolAnswer } from './explainTool';
import { cut, oneLine } from './safeText';
import { MAX_CODE_LENGTH, type LookupAnswer, type LookupEntry } from './schemas';

/** Looks `code` up, preferring `vendor`'s own entry. */
export function lookupErrorCode(service: TokenErrorService, code: string, vendor?: string): ToolAnswer<LookupAnswer> {
	if (code.length > MAX_CODE_LENGTH) {
		return { ok: false, error: `The code has ${code.length.toLocaleString('en-US')} characters; lookup_error_code takes one code of at most ${MAX_CODE_LENGTH.toLocaleString('en-US')}. To explain a response or a log, use explain_token_error.` };
	}
	const catalog = service.catalog;
	// A token pasted by mistake is not repeated back.
	const asked = cut(oneLine(service.redact(code)).trim(), 120).text;
	const known = vendorIds(service);
	const vendorAsked = vendor === undefined ? undefined : cut(oneLine(vendor).trim(), 120).text;
	const vendorId = vendorAsked ? resolveVendor(vendorAsked, known) : null;
	const vendorNote = vendorAsked && !vendorId ? ` The vendor "${vendorAsked}" is not one the catalog knows (${[...known].sort().join(', ')}); the standard entry is shown.` : '';
	const query = { code: asked, vendor: vendorId };

	if (!asked) return answer({ found: false, query, message: 'No code was given.', entry: null, otherEntries: [], suggestions: [] });
	const candidates = catalog.candidates(asked);
	if (!candidates.length) {
		const display = new Map<string, string>();
		for (const lower of catalog.codes()) if (!display.has(lower)) display.set(lower, catalog.candidates(lower)[0].code);
		const suggestions = [...new Set(suggestCodes(asked, display.keys(), 8).map(c => display.get(c)!))].slice(0, 5);
		const message = suggestions.length
			? `"${asked}" is not in the catalog. Closest known codes: ${suggestions.join(', ')}.${vendorNote}`
			: `"${asked}" is not in the catalog, and no known code is close to it. If it came with a response or a log line, explain_token_error reads the whole text.${vendorNote}`;
		return answer({ found: false, query, message, entry: null, otherEntries: [], suggestions });
	}
	const best = (vendorId && candidates.find(e => e.vendor === vendorId)) || catalog.lookup(asked, vendorId ? { vendor: vendorId } : {}) || candidates[0];
	const others = candidates.filter(e => e !== best);
	const vendorMissing = vendorId && best.vendor !== vendorId ? ` The catalog has no ${vendorName(vendorId)} entry for it; this is the ${best.vendor ? `${vendorName(best.vendor)}` : 'standard'} entry.` : '';
	const message = `${best.code}: ${best.title}.${vendorMissing}${vendorNote}${others.length ? ` ${others.length} other ${others.length === 1 ? 'entry has' : 'entries have'} this code (see otherEntries).` : ''}`;
	return answer({
		found: true, query, message, entry: entryJson(best), suggestions: [],
		otherEntries: others.map(e => ({ id: e.id, vendor: e.vendor ?? null, vendorName: e.vendor ? vendorName(e.vendor) : null, title: e.title })),
	});
}

function answer(structured: LookupAnswer): ToolAnswer<LookupAnswer> {
	return { ok: true, markdown: lookupMarkdown(structured), structured };
}

function vendorIds(service: TokenErrorService): Set<string> {
	const ids = new Set<string>();
	for (const e of service.catalog.entries) if (e.vendor) ids.add(e.vendor);
	return ids;
}

/** A vendor id from an id or a display name ("entra", "Microsoft Entra ID"), case-insensitive. */
function resolveVendor(vendor: string, known: ReadonlySet<string>): string | null {
	const lower = vendor.toLowerCase();
	for (const id of known) if (id.toLowerCase() === lower || vendorName(id).toLowerCase() === lower) return id;
	return null;
}

function entryJson(e: CatalogEntry): LookupEntry {
	return {
		id: e.id,
		code: e.code,
		kind: e.kind,
		vendor: e.vendor ?? null,
		vendorName: e.vendor ? vendorName(e.vendor) : null,
		title: e.title,
		summary: e.summary,
		occurs: [...e.occurs],
		status: [...e.status],
		causes: e.causes.map(c => ({ text: c.text, kind: c.kind ?? null, vendor: c.vendor ?? null, status: c.status ? [...c.status] : null, fixes: (c.fixes ?? []).map(f => f.text) })),
		fixes: e.fixes.map(f => f.text),
		references: e.references.map(r => ({ title: r.title, url: r.url && SAFE_URL.test(r.url) ? r.url : null })),
	};
}

function link(r: { title: string; url: string | null }): string {
	return safeLink(r.title, r.url ?? undefined);
}

/** The Markdown form of an answer. Catalog text is escaped like pasted text: a user catalog could hold anything. */
export function lookupMarkdown(a: LookupAnswer): string {
	const md = escapeMarkdown;
	const e = a.entry;
	if (!e) {
		const lines = [`# ${md(a.query.code || '(no code)')}`, '', md(a.message)];
		if (a.suggestions.length) lines.push('', '**Did you mean:**', '', ...a.suggestions.map(s => `- \`${s.replace(/`/g, '')}\``));
		return `${lines.join('\n')}\n`;
	}
	const lines = [`# \`${e.code.replace(/`/g, '')}\`: ${md(e.title)}`, ''];
	const where = [e.vendorName ? md(e.vendorName) : 'Standard (any provider)', e.occurs.length ? `seen at: ${e.occurs.map(md).join(', ')}` : '', e.status.length ? `HTTP ${e.status.join(' or ')}` : ''].filter(Boolean);
	lines.push(where.join(' · '), '', md(e.summary));
	if (e.causes.length) {
		lines.push('', '## Likely causes', '');
		e.causes.forEach((c, i) => {
			const only = [c.vendor ? `${md(vendorName(c.vendor))} only` : '', c.status ? `HTTP ${c.status.join('/')} only` : ''].filter(Boolean);
			lines.push(`${i + 1}. ${md(c.text)}${only.length ? ` _(${only.join(', ')})_` : ''}`);
			for (const f of c.fixes) lines.push(`   - ${md(f)}`);
		});
	}
	if (e.fixes.length) lines.push('', '## How to fix', '', ...e.fixes.map(f => `- ${md(f)}`));
	if (e.references.length) lines.push('', '## References', '', ...e.references.map(r => `- ${link(r)}`));
	if (a.otherEntries.length) {
		lines.push('', '## Other entries for this code', '');
		for (const o of a.otherEntries) lines.push(`- ${md(o.title)}${o.vendor ? ` (vendor \`${o.vendor.replace(/`/g, '')}\`)` : ''}`);
	}
	lines.push('', `_${md(a.message)}_`);
	return `${lines.join('\n')}\n`;
}
