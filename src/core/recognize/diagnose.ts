import type { Catalog } from '../catalog/catalog';
import { CAUSE_KINDS, KIND_PHRASES, publicCauseKind } from '../catalog/causeKinds';
import type { CatalogEntry, Cause, Fix, Grant } from '../catalog/catalogTypes';
import { NeedleSet } from '../parse/needles';
import type { Location } from '../types';
import { decodeDescription } from './describe';
import type { CauseCandidate, Diagnosis, ErrorMention, HttpMessage, VendorCodeMention } from './model';
import { clientAuthEvidence, grantEvidence, placeholderEvidence, type GrantEvidence } from './pasteEvidence';
import { KIND_GRANT, stepApplies, uniqueSteps } from './steps';
import { lineStartOf } from '../parse/lines';

/**
 * The part of the paste a message's diagnosis may read: `to` is the end of its
 * log record; nothing at or after `limit` (the next HTTP message's line), so
 * that re-analysing an edited region leaves the diagnoses before it right.
 */
export interface Around {
	from: number;
	to: number;
	limit?: number;
}

/** How far around a message its log record or object is read for words that back a candidate. */
const NEARBY = 1200;

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
	/** The code's entry is for other endpoints than the one the paste shows. */
	elsewhere: 150,
	/** Each further phrase of the same cause in the description. */
	moreHits: 40,
	/** What a catch-all kind's phrase weighs less than a specific kind's. */
	catchAll: 60,
	/** The request shows how the client authenticated wrongly (pasteEvidence.clientAuthEvidence). */
	clientAuth: 700,
	/** Only the secret in the form body, with no description: a server need not accept it (RFC 6749 §2.3.1), a little more than an entry's order. */
	bodySecret: 20,
	/** A phrase of the kind in the log record or object around the message. */
	nearby: 150,
	/** Earlier causes of an entry are more likely (less than one further matched phrase). */
	order: 5,
} as const;

interface Scored extends CauseCandidate {
	score: number;
	/** The cause belongs to a provider's own code (AADSTS…), not to an error value or a library's code. */
	fromVendorCode?: boolean;
	why: string[];
	steps: readonly Fix[];
	decisive: boolean;
	/** The cause's own description phrases (catalog `match`). */
	phrases?: readonly string[];
}

/**
 * The diagnosis of one message, decided once after its entries, vendor and
 * endpoint are settled: every candidate cause of its entries is scored by what
 * the paste shows (the decoded description, the grant of the request or log,
 * the endpoint, the status, the vendor, the client library, placeholders), and
 * the best one is the most likely cause; the others are the alternatives.
 */
export function diagnose(text: string, message: HttpMessage, catalog: Catalog, around: Around): Diagnosis | undefined {
	const errors = message.errors.filter(e => e.entry && !e.inProse);
	const vendorCodes = message.vendorCodes.filter(v => v.entry && !v.inProse);
	const statusEntry = message.status !== null && message.status >= 400 ? catalog.lookup(String(message.status), { kind: 'status', location: message.location }) : undefined;
	if (!errors.length && !vendorCodes.length && !statusEntry) return undefined;

	const nearby = withoutAccents(nearbyText(text, message, around));
	const given = errors.find(e => e.description)?.description ?? vendorCodes.find(v => v.description)?.description;
	// An error_description the parser did not attach (a language's object dump): read it from the record around the code.
	const field = given ? undefined : describedIn(nearby);
	const description = withoutAccents(decodeDescription(given ?? field ?? ''));
	const loose = !field && !errors.some(e => e.description && e.source !== 'text');
	// The grant only matters when the candidates disagree; reading the paste for it costs a search.
	const entries = [...vendorCodes.map(v => v.entry!), ...errors.map(e => e.entry!), ...(statusEntry ? [statusEntry] : [])];
	const grantRead = !!description || causeKindsDiffer(entries);
	const grant = grantRead ? grantEvidence(text, message, around) : undefined;
	const placeholder = placeholderEvidence(message);
	const libraries = new Set(message.vendorCodes.map(v => v.entry).filter(e => e && catalog.profiles.get(e.namespace)?.type === 'library').map(e => e!.namespace));
	// A server that quotes a code's definition ("Client authentication failed (e.g., unknown client, …).") then says what it found: read what it found.
	const stated = withoutExampleSentence(description);
	const lowerStated = stated.toLowerCase();
	const context: Context = { description: lowerStated, raw: stated, loose, grant, location: message.location, status: message.status, vendor: message.vendor, libraries, nearby: withoutDefinition(nearby.toLowerCase(), description.toLowerCase()), before: withoutAccents(logBefore(text, message, around)).toLowerCase().replace(/["'`]/g, ''), codes: new Set([...message.errors, ...message.vendorCodes].map(c => c.code.toLowerCase())), listsExamples: LISTS_EXAMPLES.test(lowerStated) };

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
	addNearbyEvidence(scored, context);
	if (placeholder) {
		scored.push({ kind: 'placeholder-value', cause: `A value in the request was never filled in: ${placeholder}.`, entryId: null, score: WEIGHT.placeholder, why: [placeholder], steps: [{ text: 'Fill in the real value (check the environment variable or configuration it should come from) and send the request again.' }], decisive: true });
	}
	// How the client authenticated, when a code says client authentication failed.
	const found = scored.some(s => CLIENT_KINDS.has(s.kind)) ? clientAuthEvidence(text, message, around) : undefined;
	// A weak hint (the secret in the form body) only when the response says nothing more.
	const auth = found?.weak && description ? undefined : found;
	if (auth) {
		const ofKind = scored.filter(s => s.kind === auth.kind);
		for (const s of ofKind) {
			s.score += auth.weak ? WEIGHT.bodySecret : WEIGHT.clientAuth;
			s.why.unshift(auth.evidence);
		}
		if (!ofKind.length) scored.push({ kind: auth.kind, cause: auth.kind === 'placeholder-value' ? `A value in the request was never filled in: ${auth.evidence}.` : `The client authenticates in a form the server does not accept: ${auth.evidence}.`, entryId: null, score: auth.weak ? WEIGHT.bodySecret : WEIGHT.clientAuth, why: [auth.evidence], steps: [{ text: auth.kind === 'placeholder-value' ? 'Set the client id and secret variables (check the environment or configuration they come from) and send the request again.' : 'Send the client credentials as RFC 6749 §2.3.1 says: an Authorization: Basic header with Base64 of the form-encoded "client_id:client_secret", or client_id and client_secret in the form body, never in the URL.' }], decisive: false });
	}
	if (!scored.length) return undefined;
	scored.sort((a, b) => b.score - a.score);
	// A generic code's catch-all ("the code was rejected") yields to the provider's own code when that names a finer kind of it.
	if (CATCH_ALL.has(scored[0].kind) && !scored[0].fromVendorCode) {
		const finer = scored.find(s => s.fromVendorCode && s.kind !== scored[0].kind && family(s.kind) === family(scored[0].kind));
		if (finer) {
			scored.splice(scored.indexOf(finer), 1);
			scored.unshift({ ...finer, score: scored[0].score + 1, why: [...new Set([...scored[0].why, ...finer.why])] });
		}
	}

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
	// The chosen cause's own steps, then what holds whatever the cause: the fixes of its entry and of the message's other codes,
	// without a step for another grant or status than this paste's, and without the same advice twice.
	const entry = best.entryId ? catalog.byId(best.entryId) : undefined;
	// A status's own fixes only when no code says more (as for its causes).
	const others = entries.filter(e => e !== entry && (e !== statusEntry || !(errors.length || vendorCodes.length))).flatMap(e => e.fixes);
	// The grant the paste shows, else the one the cause implies, unless the cause is only a guess (low confidence):
	// then the steps for the other candidates' grants stay.
	const stepGrant = (grantRead ? grant : grantEvidence(text, message, around))?.grant ?? (confidence === 'low' ? undefined : KIND_GRANT[best.kind]);
	const steps = uniqueSteps([...best.steps, ...(entry?.fixes ?? []), ...others].filter(f => stepApplies(f, stepGrant, message.status, best.kind)), 6);
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

/** The entries' causes are of more than one kind. */
function causeKindsDiffer(entries: readonly CatalogEntry[]): boolean {
	let seen = false;
	let first: string | undefined;
	for (const e of entries) {
		for (const c of e.causes) {
			if (!seen) {
				seen = true;
				first = c.kind;
			} else if (c.kind !== first) return true;
		}
	}
	return false;
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
	/** The log record or object around the message (lower-case): its words back a candidate the description leaves open. */
	nearby: string;
	/** The description lists what the code may mean ("e.g. unknown client, …"): a definition, not this paste's cause. */
	listsExamples: boolean;
	/** The log lines before the message (lower-case): only a phrase of several words counts there. */
	before: string;
	/** The message's codes, lower-case. */
	codes: ReadonlySet<string>;
}

/** A cause scored for this paste, or undefined when its selectors rule it out. */
function scoreCause(entry: CatalogEntry, cause: Cause, index: number, base: number, context: Context, mention?: ErrorMention | VendorCodeMention): Scored | undefined {
	if (cause.vendor && cause.vendor !== context.vendor) return undefined;
	if (cause.status && context.status !== null && !cause.status.includes(context.status)) return undefined;
	if (cause.occurs && context.location && !cause.occurs.includes(context.location)) return undefined;
	// An entry for other endpoints (a token-endpoint code answered by a UserInfo or API call) fits less.
	const elsewhere = context.location && entry.occurs.length && !entry.occurs.includes(context.location) ? WEIGHT.elsewhere : 0;
	if (cause.grant && context.grant && !cause.grant.includes(context.grant.grant)) return undefined;
	if (cause.library && !cause.library.some(l => context.libraries.has(l))) return undefined;
	const kind = cause.kind ?? 'unknown';
	let score = base - index * WEIGHT.order - elsewhere;
	const why: string[] = [];
	let decisive = false;
	let matched: string | undefined;
	let hits = 0;
	for (const m of context.listsExamples ? [] : cause.match ?? []) {
		if (!context.description.includes(m.toLowerCase())) continue;
		hits++;
		if (!matched || m.length > matched.length) matched = m;
	}
	if (matched) {
		// A library's exception repeats the server's words: its phrases say less than the server's own code.
		// A catch-all kind yields to a specific one the description also names ("authorization code has already been used").
		// More of the cause's phrases in the description fit it better ("redirect_uri" and "client configuration" over "missing").
		score += (base === WEIGHT.libraryCode ? WEIGHT.order * 10 : WEIGHT.match) - (CATCH_ALL.has(kind) ? WEIGHT.catchAll : 0) + Math.min(hits - 1, 3) * WEIGHT.moreHits;
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
		steps: cause.fixes ?? [],
		decisive,
		phrases: cause.match,
	};
}

/** Kinds of a failed client authentication. */
const CLIENT_KINDS = new Set(['client-secret-wrong', 'client-id-unknown', 'client-auth-method', 'client-assertion-invalid']);

/** Kinds that take in finer ones (cause-kinds.md): "the code was rejected" covers "the code was used twice" and "it expired". */
const CATCH_ALL = new Set(['code-invalid', 'access-token-invalid', 'unknown']);

/** Kinds that belong together: a grant's kinds (codes, refresh tokens…), or access-token kinds. */
function family(kind: string): string {
	return KIND_GRANT[kind] ?? (kind.startsWith('access-token-') ? 'access-token' : kind);
}

/** The kinds a grant makes likely, when the cause itself does not name a grant. */
const GRANT_KINDS: Partial<Record<Grant, readonly string[]>> = {
	refresh_token: ['refresh-token-expired', 'refresh-token-revoked', 'refresh-token-reused', 'session-ended'],
	authorization_code: ['code-invalid', 'code-expired', 'code-reused', 'redirect-uri-mismatch', 'pkce-mismatch'],
	password: ['user-credentials-wrong'],
	device_code: ['device-code-expired', 'polling-pending', 'polling-too-fast'],
	client_credentials: ['client-secret-wrong', 'client-id-unknown', 'client-auth-method', 'scope-invalid', 'audience-invalid'],
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
	if (!context.description || context.listsExamples) return;
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

/**
 * Words of the log record or object the message sits in (a server's log line
 * after the response, an `error_description` the parser did not take as one)
 * that point at a kind (`KIND_PHRASES`): candidates of that kind gain, less
 * than from the description itself. No new candidate comes from them.
 */
function addNearbyEvidence(scored: Scored[], context: Context): void {
	if (!context.nearby && !context.before) return;
	// Not the message's own code values (their entries speak for them). Before the message only words of a sentence
	// ("already been used") count: a field name (`redirect_uri`) in a dump of a request or client object says nothing.
	// Each phrase is looked up once per message (candidates of one kind share their phrases).
	const known = new Map<string, boolean>();
	const usable = (p: string) => {
		let use = known.get(p);
		if (use === undefined) {
			const lower = p.toLowerCase();
			use = p.length >= 6 && !context.codes.has(lower) && (context.nearby.includes(lower) || (p.includes(' ') && context.before.includes(lower)));
			known.set(p, use);
		}
		return use;
	};
	for (const s of scored) {
		if (s.why.some(w => w.includes('says'))) continue;
		const phrase = (KIND_PHRASES[s.kind as keyof typeof KIND_PHRASES] ?? []).find(usable) ?? s.phrases?.find(p => p.length >= 8 && usable(p));
		if (!phrase) continue;
		s.score += WEIGHT.nearby;
		s.why.push(`the paste says "${phrase}" next to it`);
	}
}

/**
 * The text around a message that still belongs to it: from the start of its
 * first line to the end of its log record (`around.to`, set when another
 * message follows), else to the end of its paragraph (a blank line), at most
 * NEARBY characters on. Text before the message's line may be another message's.
 */
function nearbyText(text: string, message: HttpMessage, around: Around): string {
	const whole = nearbyWhole(text, message, around);
	if (whole.end - whole.start <= MAX_NEARBY_TEXT) return text.slice(whole.start, whole.end);
	// A huge message (a one-line dump of megabytes): only the part around its first code is read, so the
	// diagnosis costs the same whatever the message's size.
	let anchor = message.span.start + MAX_NEARBY_TEXT / 2;
	for (const m of message.errors) anchor = Math.min(anchor, m.span.start);
	for (const m of message.vendorCodes) anchor = Math.min(anchor, m.span.start);
	const start = Math.max(whole.start, anchor - MAX_NEARBY_TEXT / 2);
	return text.slice(start, Math.min(whole.end, start + MAX_NEARBY_TEXT));
}

/** At most this much of the text around a message is read for its diagnosis. */
const MAX_NEARBY_TEXT = 16 * 1024;

function nearbyWhole(text: string, message: HttpMessage, around: Around): { start: number; end: number } {
	const from = lineStartOf(text, message.span.start, Math.max(around.from, message.span.start - NEARBY));
	const limit = Math.min(text.length, message.span.end + NEARBY, Math.max(around.limit ?? around.to, message.span.end));
	let to = Math.min(around.to, limit);
	if (to <= message.span.end) {
		const blank = BLANK_LINE.exec(text.slice(message.span.end, limit));
		to = blank ? message.span.end + blank.index : limit;
	} else {
		// The rest of an object or record the message opens (indented lines, closing brackets), then the log
		// lines after it up to a blank line or a line that reports an error of its own (another message).
		to = lineStartOf(text, to, message.span.end);
		while (to < limit) {
			const next = text.indexOf('\n', to);
			const end = next < 0 || next >= limit ? limit : next + 1;
			const line = text.slice(to, end);
			if (!CONTINUATION.test(line) && (!line.trim() || /error/i.test(line))) break;
			to = end;
		}
	}
	return { start: from, end: Math.max(to, message.span.end) };
}

/**
 * The log lines just before a message (a server's log of the failed request,
 * the line that introduces the paste), back to the previous HTTP message or
 * error body at most: what belongs to another message is not read.
 */
function logBefore(text: string, message: HttpMessage, around: Around): string {
	const start = lineStartOf(text, message.span.start, Math.max(around.from, message.span.start - NEARBY));
	const before = text.slice(Math.max(around.from, start - NEARBY), start);
	const cut = Math.max(before.lastIndexOf('HTTP/'), before.lastIndexOf('"error"'), before.lastIndexOf('error='), before.lastIndexOf('error:'));
	return cut < 0 ? before : before.slice(before.indexOf('\n', cut) + 1 || before.length);
}

/** The record without a description that only lists what the code may mean (its words are no evidence either). */
function withoutDefinition(nearby: string, description: string): string {
	return description && LISTS_EXAMPLES.test(description) ? nearby.split(description).join(' ') : nearby;
}

const LISTS_EXAMPLES = /\be\.g\.|\(for example\b/;

/**
 * The description without the one sentence that lists what its code may mean
 * (RFC 6749 §5.2's wording, "(e.g., unknown client, …)"): the sentences after
 * it are the server's own finding. A description that is only the definition
 * comes back empty.
 */
function withoutExampleSentence(description: string): string {
	const m = /\be\.g\.|\(for example\b/i.exec(description);
	if (!m) return description;
	const close = description.indexOf(')', m.index);
	const stop = description.indexOf('. ', close < 0 ? m.index : close);
	const start = description.lastIndexOf('. ', m.index) + 1;
	return (description.slice(0, start) + (stop < 0 ? '' : description.slice(stop + 1))).trim();
}

/** The first character of a line that continues the record above it. */
const CONTINUATION = /^[ \t}\])]/;

const BLANK_LINE = /\n[ \t]*\r?\n/;

/** An `error_description` key with a quoted value (`error_description: 'The code has already been used.'`), as any language prints it. */
const DESCRIPTION_FIELD = /error_description\\?["']?[ \t]{0,3}[:=][ \t]{0,3}(?:\\?(["'])([^"'\r\n]{1,500})\1|([^"'\s][^\r\n]{0,499}))/;

function describedIn(nearby: string): string | undefined {
	const m = DESCRIPTION_FIELD.exec(nearby);
	return m?.[2] ?? m?.[3]?.trim();
}

/** Letters without their accents, so "vérifier" reads as "verifier" (a mangled or localised description). */
function withoutAccents(text: string): string {
	return /[\u00C0-\u024F]/.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC') : text;
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

