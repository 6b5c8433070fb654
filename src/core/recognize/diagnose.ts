import type { Catalog } from '../catalog/catalog';
import { CAUSE_KINDS, KIND_PHRASES, publicCauseKind } from '../catalog/causeKinds';
import type { CatalogEntry, Cause, Grant } from '../catalog/catalogTypes';
import { NeedleSet } from '../parse/needles';
import type { Location } from '../types';
import { decodeDescription } from './describe';
import type { CauseCandidate, Diagnosis, ErrorMention, HttpMessage, VendorCodeMention } from './model';
import { grantEvidence, placeholderEvidence, type GrantEvidence } from './pasteEvidence';

/** How much each kind of evidence weighs when candidate causes are ranked. */
const WEIGHT = {
	/** The catalog cause's own `match` phrase is in the (decoded) description. */
	match: 1000,
	/** A description phrase that points at the kind whatever the code (causeKinds.ts). */
	phrase: 400,
	/** A request value left as a placeholder. */
	placeholder: 2000,
	/** The entry the cause belongs to: a provider's code says more than a library's or a generic code. */
	vendorCode: 300, vendorError: 250, libraryCode: 200, error: 100, status: 50,
	/** The cause's selectors fit what the paste shows. */
	grant: 120, grantKind: 90, occurs: 30, status_: 20, vendor: 40, library: 40,
	/** Earlier causes of an entry are more likely. */
	order: 5,
} as const;

interface Scored extends CauseCandidate {
	score: number;
	/** The cause belongs to a provider's own code (AADSTS…), not to an error value or a library's code. */
	fromVendorCode?: boolean;
	why: string[];
	steps: string[];
	decisive: boolean;
}

/**
 * The diagnosis of one message, decided once after its entries, vendor and
 * endpoint are settled: every candidate cause of its entries is scored by what
 * the paste shows (the decoded description, the grant of the request or log,
 * the endpoint, the status, the vendor, the client library, placeholders), and
 * the best one is the most likely cause; the others are the alternatives.
 */
export function diagnose(text: string, message: HttpMessage, catalog: Catalog, around: { from: number; to: number }): Diagnosis | undefined {
	const errors = message.errors.filter(e => e.entry && !e.inProse);
	const vendorCodes = message.vendorCodes.filter(v => v.entry && !v.inProse);
	const statusEntry = message.status !== null && message.status >= 400 ? catalog.lookup(String(message.status), { kind: 'status', location: message.location }) : undefined;
	if (!errors.length && !vendorCodes.length && !statusEntry) return undefined;

	const description = decodeDescription(errors.find(e => e.description)?.description ?? vendorCodes.find(v => v.description)?.description ?? '');
	const loose = !errors.some(e => e.description && e.source !== 'text');
	// The grant only matters when the candidates disagree; reading the paste for it costs a search.
	const entries = [...vendorCodes.map(v => v.entry!), ...errors.map(e => e.entry!), ...(statusEntry ? [statusEntry] : [])];
	const grant = new Set(entries.flatMap(e => e.causes.map(c => c.kind))).size > 1 || description ? grantEvidence(text, message, around) : undefined;
	const placeholder = placeholderEvidence(message);
	const libraries = new Set(message.vendorCodes.map(v => v.entry).filter(e => e && catalog.profiles.get(e.namespace)?.type === 'library').map(e => e!.namespace));
	const context: Context = { description: description.toLowerCase(), raw: description, loose, grant, location: message.location, status: message.status, vendor: message.vendor, libraries };

	const scored: Scored[] = [];
	const seenEntries = new Set<string>();
	const addEntry = (entry: CatalogEntry, base: number, mention?: ErrorMention | VendorCodeMention) => {
		if (seenEntries.has(entry.id)) return;
		seenEntries.add(entry.id);
		entry.causes.forEach((cause, index) => {
			const candidate = scoreCause(entry, cause, index, base, context, mention);
			if (candidate) scored.push(base === WEIGHT.vendorCode ? { ...candidate, fromVendorCode: true } : candidate);
		});
	};
	for (const v of vendorCodes) {
		const library = catalog.profiles.get(v.entry!.namespace)?.type === 'library';
		addEntry(v.entry!, library ? WEIGHT.libraryCode : WEIGHT.vendorCode, v);
	}
	for (const e of errors) addEntry(e.entry!, e.entry!.vendor ? WEIGHT.vendorError : WEIGHT.error, e);
	// The status's causes only when no code says more.
	if (statusEntry && !scored.length) addEntry(statusEntry, WEIGHT.status);

	addPhraseCandidates(scored, context);
	if (placeholder) {
		scored.push({ kind: 'placeholder-value', cause: `A value in the request was never filled in: ${placeholder}.`, entryId: null, score: WEIGHT.placeholder, why: [placeholder], steps: ['Fill in the real value (check the environment variable or configuration it should come from) and send the request again.'], decisive: true });
	}
	if (!scored.length) return undefined;
	scored.sort((a, b) => b.score - a.score);

	// A provider's own code says it best: when the winning kind is also one of its code's causes, use that cause's words and steps.
	const top = scored[0];
	const own = top.fromVendorCode ? undefined : scored.find(s => s.fromVendorCode && s.kind === top.kind);
	const best: Scored = own ? { ...own, score: top.score, why: [...new Set([...top.why, ...own.why])], decisive: top.decisive || own.decisive } : top;
	if (own) scored.splice(scored.indexOf(own), 1);
	const alternatives: CauseCandidate[] = [];
	const kinds = new Set([best.kind]);
	for (const s of scored) {
		if (s === top || kinds.has(s.kind)) continue;
		kinds.add(s.kind);
		alternatives.push({ kind: s.kind, ...(s.finerKind ? { finerKind: s.finerKind } : {}), cause: s.cause, entryId: s.entryId });
		if (alternatives.length >= 3) break;
	}
	const evidence = [...best.why];
	if (message.status !== null && !evidence.some(e => e.startsWith('HTTP'))) evidence.push(`HTTP ${message.status}`);
	const confidence = best.decisive ? 'high' : best.why.length && best.score - (scored.find(s => s.kind !== best.kind)?.score ?? 0) >= WEIGHT.grantKind ? 'medium' : alternatives.length ? 'low' : 'medium';
	// The chosen cause's own steps, then what holds whatever the cause: the fixes of its entry and of the message's other codes.
	const entry = best.entryId ? catalog.byId(best.entryId) : undefined;
	const others = entries.filter(e => e !== entry).flatMap(e => e.fixes.map(f => f.text));
	const steps = uniqueSteps([...best.steps, ...(entry?.fixes.map(f => f.text) ?? []), ...others], 6);
	return {
		kind: best.kind,
		...(best.finerKind ? { finerKind: best.finerKind } : {}),
		cause: best.cause,
		entryId: best.entryId,
		confidence,
		evidence,
		steps,
		alternatives,
		...(confidence === 'low' ? { toDecide: toDecide(context, alternatives, best) } : {}),
	};
}

interface Context {
	/** The decoded description, lower-case. */
	description: string;
	/** The decoded description as written (evidence quotes it). */
	raw: string;
	/** The description comes from free text around a code, not an error_description field. */
	loose: boolean;
	grant: GrantEvidence | undefined;
	location: Location | null;
	status: number | null;
	vendor: string | null;
	libraries: ReadonlySet<string>;
}

/** A cause scored for this paste, or undefined when its selectors rule it out. */
function scoreCause(entry: CatalogEntry, cause: Cause, index: number, base: number, context: Context, mention?: ErrorMention | VendorCodeMention): Scored | undefined {
	if (cause.vendor && cause.vendor !== context.vendor) return undefined;
	if (cause.status && context.status !== null && !cause.status.includes(context.status)) return undefined;
	if (cause.occurs && context.location && !cause.occurs.includes(context.location)) return undefined;
	if (cause.grant && context.grant && !cause.grant.includes(context.grant.grant)) return undefined;
	if (cause.library && !cause.library.some(l => context.libraries.has(l))) return undefined;
	const kind = cause.kind ?? 'unknown';
	let score = base - index * WEIGHT.order;
	const why: string[] = [];
	let decisive = false;
	const matched = cause.match?.find(m => context.description.includes(m.toLowerCase()));
	if (matched) {
		// A library's exception repeats the server's words: its phrases say less than the server's own code.
		score += base === WEIGHT.libraryCode ? WEIGHT.order * 10 : WEIGHT.match;
		why.push(`${context.loose ? 'the message' : 'error_description'} says "${quoted(context, matched)}"`);
		decisive = !context.loose || base >= WEIGHT.vendorCode;
	}
	if (cause.grant && context.grant) {
		score += WEIGHT.grant;
		why.push(context.grant.evidence);
	} else if (context.grant && GRANT_KINDS[context.grant.grant]?.includes(kind)) {
		score += WEIGHT.grantKind;
		why.push(context.grant.evidence);
	}
	if (cause.occurs && context.location) score += WEIGHT.occurs;
	if (cause.status && context.status !== null) score += WEIGHT.status_;
	if (cause.vendor) score += WEIGHT.vendor;
	if (cause.library) score += WEIGHT.library;
	if (base >= WEIGHT.vendorCode && mention && !matched) why.push(`${mention.code} (${entry.title})`);
	return {
		kind: publicCauseKind(kind),
		...(publicCauseKind(kind) !== kind ? { finerKind: kind } : {}),
		cause: cause.text,
		entryId: entry.id,
		score,
		why,
		steps: cause.fixes?.map(f => f.text) ?? [],
		decisive,
	};
}

/** The kinds a grant makes likely, when the cause itself does not name a grant. */
const GRANT_KINDS: Partial<Record<Grant, readonly string[]>> = {
	refresh_token: ['refresh-token-expired', 'refresh-token-revoked', 'refresh-token-reused', 'session-ended'],
	authorization_code: ['code-invalid', 'code-expired', 'code-reused', 'redirect-uri-mismatch', 'pkce-mismatch'],
	password: ['user-credentials-wrong'],
	device_code: ['device-code-expired', 'polling-pending', 'polling-too-fast'],
	client_credentials: ['client-secret-wrong', 'client-id-unknown', 'scope-invalid', 'audience-invalid'],
};

/** {@link KIND_PHRASES} in order; every phrase with the places of the kinds it points at; all phrases, searched in one pass over a description. */
const KIND_PHRASE_LIST = Object.entries(KIND_PHRASES);
const PHRASE_KINDS = new Map<string, number[]>();
KIND_PHRASE_LIST.forEach(([, phrases], k) => {
	for (const p of phrases ?? []) PHRASE_KINDS.set(p, [...(PHRASE_KINDS.get(p) ?? []), k]);
});
const KIND_PHRASE_SEARCH = new NeedleSet(PHRASE_KINDS.keys());

/**
 * A description phrase that points at a kind whatever the code (`KIND_PHRASES`):
 * candidates of that kind gain; a kind no entry offers becomes a candidate of its own.
 */
function addPhraseCandidates(scored: Scored[], context: Context): void {
	if (!context.description) return;
	// Every kind whose phrase the description holds, with its longest phrase; a phrase inside a longer
	// phrase of another kind says less ("code has expired" inside "device code has expired").
	const hits: Array<{ kind: string; phrase: string }> = [];
	// Per kind (by its place in KIND_PHRASES) the longest phrase found; then the kinds in that order.
	const longest: Array<string | undefined> = [];
	for (const p of KIND_PHRASE_SEARCH.foundIn(context.description)) {
		for (const k of PHRASE_KINDS.get(p) ?? []) if (!longest[k] || p.length > longest[k].length) longest[k] = p;
	}
	longest.forEach((phrase, k) => {
		if (phrase) hits.push({ kind: KIND_PHRASE_LIST[k][0], phrase });
	});
	for (const { kind, phrase } of hits) {
		if (hits.some(h => h.kind !== kind && h.phrase.length > phrase.length && h.phrase.includes(phrase))) continue;
		const weight = Math.min(WEIGHT.phrase, WEIGHT.phrase / 2 + phrase.length * 8);
		const why = `${context.loose ? 'the message' : 'error_description'} says "${quoted(context, phrase)}"`;
		const ofKind = scored.filter(s => s.kind === kind);
		if (ofKind.length) {
			for (const s of ofKind) {if (!s.why.some(w => w.includes('says'))) {
				s.score += weight;
				s.why.unshift(why);
			}}
		} else {
			// A kind no entry offers: the description states it, so it outranks an entry's default cause.
			const grantFit = context.grant && GRANT_KINDS[context.grant.grant]?.includes(kind);
			scored.push({ kind, cause: `${CAUSE_KINDS[kind as keyof typeof CAUSE_KINDS]}.`, entryId: null, score: weight + (grantFit ? WEIGHT.grantKind : 0), why: grantFit && context.grant ? [why, context.grant.evidence] : [why], steps: [], decisive: false });
		}
	}
}

/** What would decide between the best candidate and the alternatives. */
function toDecide(context: Context, alternatives: readonly CauseCandidate[], best: CauseCandidate): string {
	const kinds = [best.kind, ...alternatives.map(a => a.kind)];
	const grantMatters = kinds.some(k => k.startsWith('refresh-') || k.startsWith('code-') || k === 'user-credentials-wrong');
	if (!context.grant && grantMatters) return 'Which grant was this (authorization code, refresh token, password…)? Paste the token request too, with its secrets redacted.';
	if (!context.description) return 'The error_description (or the server\'s log for this request) would tell these causes apart.';
	return 'The server\'s log for this request, or the full token request, would tell these causes apart.';
}

/** The words of the description that a (lower-case) phrase matched, as the paste wrote them, without trailing punctuation. */
function quoted(context: Context, phrase: string): string {
	const at = context.description.indexOf(phrase.toLowerCase());
	const words = at >= 0 ? context.raw.slice(at, at + phrase.length) : phrase;
	return words.replace(/[\s:;,.]+$/, '');
}

/** The first `max` steps that differ in more than case and punctuation. */
function uniqueSteps(steps: readonly string[], max: number): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const s of steps) {
		if (out.length >= max) break;
		const key = stepKey(s);
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(s);
	}
	return out;
}

/** `s` in lower case with every run of other characters than a-z and 0-9 as one space, trimmed. */
function stepKey(s: string): string {
	let key = '';
	let gap = false;
	for (let i = 0; i < s.length; i++) {
		let c = s.charCodeAt(i);
		// Outside ASCII, lower-casing may yield a-z (the Kelvin sign is k, İ is i and a dot).
		if (c > 127) return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
		if (c >= 65 && c <= 90) c += 32;
		if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
			if (gap && key) key += ' ';
			gap = false;
			key += String.fromCharCode(c);
		} else {
			gap = true;
		}
	}
	return key;
}
