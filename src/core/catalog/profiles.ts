import { literalTrie } from '../parse/needles';
import type { BodyShape, CodeShape, VendorEvidence, VendorProfile } from './profileTypes';

/** Where a vendor was seen: its id, the evidence's rank (lower is stronger) and offset. */
export interface VendorSighting {
	vendor: string;
	rank: number;
	at: number;
	strong?: boolean;
}

/** Memory of a sliding window's last answer, owned by one analysis (see {@link VendorProfiles.nearestIn}). */
export interface NearestMemo {
	last?: { text: string; from: number; to: number; strong?: VendorSighting; weak?: VendorSighting };
}

interface Needle {
	profile: string;
	rank: number;
	kind: 'host' | 'path' | 'name' | 'code' | 'header';
	/** Path evidence with a `*` segment: the segments to compare before the needle. */
	segments?: string[];
	/** Header evidence: the needle is a name prefix (`x-okta-`). */
	prefix?: boolean;
	/** Host evidence: the labels to compare when the host has a `*` label. */
	labels?: string[];
	/** Host evidence: the needle is a suffix (leading dot or `*` label). */
	suffix?: boolean;
	/** Host evidence: the needle ends in a path. */
	withPath?: boolean;
	shape?: CodeShape;
	strong: boolean;
}

/**
 * The vendor profiles of a catalog, indexed for recognition: evidence that
 * names a vendor (hosts, paths, headers, names, body keys, code shapes), the
 * shapes of vendor codes, where bodies put them, and display names. Everything
 * vendor-specific the recognizers know comes from here.
 */
export class VendorProfiles {
	readonly list: readonly VendorProfile[];
	readonly #byId = new Map<string, VendorProfile>();
	readonly #needles = new Map<string, Needle[]>();
	readonly #headers: Array<{ name: string; prefix: boolean; profile: string; rank: number; strong: boolean }> = [];
	readonly #bodyKeys = new Map<string, { profile: string; rank: number; strong: boolean }>();
	/** Every needle's text, as one expression (a trie of the needles, see literalTrie). */
	readonly #pattern: RegExp | undefined;
	readonly #shapes: Array<{ profile: VendorProfile; shape: CodeShape }> = [];
	readonly #bodies: Array<{ profile: VendorProfile; shape: BodyShape }> = [];
	readonly #longest: number;

	constructor(profiles: readonly VendorProfile[]) {
		this.list = profiles;
		for (const p of profiles) if (!this.#byId.has(p.id)) this.#byId.set(p.id, p);
		// Strong evidence of every profile ranks before any weak evidence; then profile order, then evidence order.
		let rank = 0;
		// A client library names its provider (MSAL → Entra), or no vendor at all (openid-client works with any).
		for (const strong of [true, false]) {
			for (const p of this.#byId.values()) {
				const names = this.vendorNamedBy(p);
				if (!names) continue;
				if (strong) for (const shape of p.codes ?? []) this.#addNeedle(shape.prefix, { profile: names, rank: rank++, kind: 'code', shape, strong });
				for (const e of p.evidence) if ((e.strength === 'strong') === strong) this.#addEvidence(names, e, rank++, strong);
			}
		}
		for (const p of this.#byId.values()) {
			for (const shape of p.codes ?? []) this.#shapes.push({ profile: p, shape });
			for (const shape of p.bodies ?? []) this.#bodies.push({ profile: p, shape: withArrayPaths(shape) });
		}
		const keys = [...this.#needles.keys()];
		this.#longest = Math.max(0, ...keys.map(k => k.length));
		this.#pattern = keys.length ? new RegExp(literalTrie(keys), 'gi') : undefined;
	}

	#addEvidence(profile: string, e: VendorEvidence, rank: number, strong: boolean): void {
		if (e.header) {
			const prefix = e.header.endsWith('*');
			const name = prefix ? e.header.slice(0, -1) : e.header;
			this.#headers.push({ name, prefix, profile, rank, strong });
			// Header names also show in logs and dumps that are not parsed as HTTP messages.
			this.#addNeedle(name, { profile, rank, kind: 'header', prefix, strong });
		} else if (e.bodyKey) {
			this.#bodyKeys.set(e.bodyKey.toLowerCase(), { profile, rank, strong });
			this.#addNeedle(e.bodyKey, { profile, rank, kind: 'name', strong });
		} else if (e.name) {
			this.#addNeedle(e.name, { profile, rank, kind: 'name', strong });
		} else if (e.path) {
			const star = e.path.lastIndexOf('/*/');
			if (star >= 0) this.#addNeedle(e.path.slice(star + 2), { profile, rank, kind: 'path', segments: e.path.slice(1, star + 2).split('/'), strong });
			else this.#addNeedle(e.path, { profile, rank, kind: 'path', strong });
		} else if (e.host) {
			const slash = e.host.indexOf('/');
			const host = slash < 0 ? e.host : e.host.slice(0, slash);
			const star = host.lastIndexOf('*');
			if (star >= 0) {
				this.#addNeedle(e.host.slice(star + 1), { profile, rank, kind: 'host', labels: host.split('.'), suffix: true, withPath: slash >= 0, strong });
			} else {
				this.#addNeedle(e.host, { profile, rank, kind: 'host', suffix: host.startsWith('.'), withPath: slash >= 0, strong });
			}
		}
	}

	#addNeedle(text: string, needle: Needle): void {
		const key = text.toLowerCase();
		const list = this.#needles.get(key);
		if (list) list.push(needle); else this.#needles.set(key, [needle]);
	}

	/** The vendor a profile's evidence names: a provider itself, a library its provider, or none. */
	vendorNamedBy(profile: VendorProfile): string | undefined {
		return profile.type === 'library' ? profile.provider : profile.id;
	}

	/** The vendor a code of a distinctive shape names (a library's shape names its provider, if any). */
	vendorOfCode(code: string): string | undefined {
		const shaped = this.codeShapeOf(code);
		return shaped ? this.vendorNamedBy(shaped.profile) : undefined;
	}

	/** The profile with this id. */
	get(id: string): VendorProfile | undefined {
		return this.#byId.get(id);
	}

	/** The display name of a vendor ("Microsoft Entra ID"); the id itself when no profile has it. */
	displayName(id: string): string {
		return this.#byId.get(id)?.name ?? id;
	}

	/** Every code shape, with its profile. */
	get codeShapes(): ReadonlyArray<{ profile: VendorProfile; shape: CodeShape }> {
		return this.#shapes;
	}

	/** Every body shape, with its profile. */
	get bodyShapes(): ReadonlyArray<{ profile: VendorProfile; shape: BodyShape }> {
		return this.#bodies;
	}

	/** The profile and shape a word fits as a vendor code (`AADSTS70008`, `E0000011`), if any. */
	codeShapeOf(word: string): { profile: VendorProfile; shape: CodeShape } | undefined {
		for (const s of this.#shapes) if (fitsShape(word, 0, word.length, s.shape)) return s;
		return undefined;
	}

	/** The context words a vendor's codes need in free text (codes that are common identifiers elsewhere). */
	codeContext(vendor: string): readonly string[] | undefined {
		return this.#byId.get(vendor)?.codeContext;
	}

	/** Package names that really are the vendor's SDK (an exception name qualified by another package is not the vendor's). */
	packages(vendor: string): readonly string[] | undefined {
		return this.#byId.get(vendor)?.packages;
	}

	/** The vendor's lookup page for a code, if it has one (`{code}` and `{number}`, its digits, are filled in). */
	lookupUrl(vendor: string | null | undefined, code: string): string | undefined {
		const template = vendor ? this.#byId.get(vendor)?.lookupUrl : undefined;
		if (!template) return undefined;
		const digits = code.replace(/\D/g, '');
		if (template.includes('{number}') && !digits) return undefined;
		return template.replace('{code}', encodeURIComponent(code)).replace('{number}', digits);
	}

	/** The vendor a response header names (`x-okta-request-id`), strongest first. */
	vendorOfHeaders(names: readonly string[]): VendorSighting | undefined {
		let best: VendorSighting | undefined;
		for (const name of names) {
			for (const h of this.#headers) {
				if (h.prefix ? name.startsWith(h.name) : name === h.name) {
					if (!best || h.rank < best.rank) best = { vendor: h.profile, rank: h.rank, at: 0, strong: h.strong };
				}
			}
		}
		return best;
	}

	/** The vendor a JSON key names (`error_hint`), if any. */
	vendorOfBodyKey(key: string): VendorSighting | undefined {
		const k = this.#bodyKeys.get(key.toLowerCase());
		return k ? { vendor: k.profile, rank: k.rank, at: 0 } : undefined;
	}

	/** The best-ranked evidence in `text` (strong before weak, then profile and evidence order). */
	vendorIn(text: string): string | null {
		let best: VendorSighting | undefined;
		this.#scan(text, 0, text.length, s => {
			if (!best || s.rank < best.rank) best = s;
			return best.rank === 0;
		});
		return best?.vendor ?? null;
	}

	/**
	 * The evidence nearest the end of text[from, to): the last strong one, else
	 * the last weak one. For windows sliding forwards through one document,
	 * `memo` (owned by the caller's analysis) keeps the last answer so that only
	 * the text the window gained is searched.
	 */
	nearestIn(text: string, from: number, to: number, memo?: NearestMemo): { at: number; vendor: string | null } {
		let scanFrom = from;
		let strong: VendorSighting | undefined;
		let weak: VendorSighting | undefined;
		const last = memo?.last;
		if (last && last.text === text && from >= last.from && from <= last.to && to >= last.to) {
			// Evidence inside the old window stays found; one cut by its end may now fit.
			scanFrom = Math.max(from, last.to - this.#longest - 64);
			if (last.strong && last.strong.at >= from && last.strong.at < scanFrom) strong = last.strong;
			if (last.weak && last.weak.at >= from && last.weak.at < scanFrom) weak = last.weak;
		}
		this.#scan(text, scanFrom, to, s => {
			if (this.#isStrongRank(s.rank)) strong = s; else weak = s;
			return false;
		});
		if (memo) memo.last = { text, from, to, strong, weak };
		const best = strong ?? weak;
		return best ? { at: best.at, vendor: best.vendor } : { at: -1, vendor: null };
	}

	#strongCount: number | undefined;
	#isStrongRank(rank: number): boolean {
		if (this.#strongCount === undefined) {
			let n = 0;
			for (const p of this.#byId.values()) if (this.vendorNamedBy(p)) n += (p.codes?.length ?? 0) + p.evidence.filter(e => e.strength === 'strong').length;
			this.#strongCount = n;
		}
		return rank < this.#strongCount;
	}

	/** Calls `found` for each valid sighting in text[from, to), in text order, until it returns true. */
	#scan(text: string, from: number, to: number, found: (s: VendorSighting) => boolean): void {
		const pattern = this.#pattern;
		if (!pattern || to <= from) return;
		const slice = from === 0 && to === text.length ? text : text.slice(from, to);
		pattern.lastIndex = 0;
		for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
			const needles = this.#needles.get(m[0].toLowerCase());
			if (needles) {
				for (const n of needles) {
					if (holds(slice, m.index, m[0].length, n)) {
						if (found({ vendor: n.profile, rank: n.rank, at: from + m.index })) return;
						break;
					}
				}
			}
			pattern.lastIndex = m.index + 1;
		}
	}
}

/**
 * A body shape whose paths may name array items by index (`Fault.Error.0.code`)
 * rewritten to the analysis's path form, where array items add `[]` (`Fault.Error[].code`).
 */
function withArrayPaths(shape: BodyShape): BodyShape {
	const fix = (path: string | undefined) => path?.replace(/\.\d+(?=\.|$)/g, '[]');
	const fixAll = (record: Record<string, string> | undefined) => record && Object.fromEntries(Object.entries(record).map(([k, v]) => [fix(k)!, v]));
	return {
		...shape,
		requires: shape.requires.map(p => fix(p)!),
		...(shape.code ? { code: fix(shape.code) } : {}),
		...(shape.codes ? { codes: fix(shape.codes) } : {}),
		...(shape.subcode ? { subcode: fix(shape.subcode) } : {}),
		...(shape.message ? { message: fix(shape.message) } : {}),
		...(shape.uri ? { uri: fix(shape.uri) } : {}),
		...(shape.nested ? { nested: fix(shape.nested) } : {}),
		...(shape.facts ? { facts: fixAll(shape.facts) } : {}),
		...(shape.values ? { values: Object.fromEntries(Object.entries(shape.values).map(([k, v]) => [fix(k)!, v])) } : {}),
	};
}

/** The needle found at text[at, at + length) really is its evidence: whole host, path segments, word or code. */
function holds(text: string, at: number, length: number, n: Needle): boolean {
	const before = at > 0 ? text.charCodeAt(at - 1) : NaN;
	const end = at + length;
	const after = end < text.length ? text.charCodeAt(end) : NaN;
	switch (n.kind) {
		case 'code':
			return n.shape !== undefined && !isAlnum(before) && fitsShapeAt(text, at, n.shape);
		case 'name': {
			// Whole words, where a camel-case boundary also counts (`SalesforceAuthError`, `myOktaClient`).
			const first = text.charCodeAt(at);
			const last = text.charCodeAt(end - 1);
			const startsWord = !isWord(first) || !isWord(before) || (isUpper(first) && isLower(before));
			const endsWord = !isWord(last) || !isWord(after) || (isLower(last) && isUpper(after));
			return startsWord && endsWord;
		}
		case 'header':
			return !isHeaderChar(before) && (n.prefix ? isHeaderChar(after) : !isHeaderChar(after));
		case 'path':
			return !isPathChar(after) && (!n.segments || wildcardPath(text, at, n.segments));
		case 'host': {
			const ends = n.withPath ? !isPathChar(after) : hostEnds(text, end);
			if (!ends) return false;
			if (n.labels) return wildcardHost(text, at, n.labels);
			// A suffix (`.box.com`) also stands for itself as a domain written with its leading dot (`domain=.box.com`, `*.okta.com`).
			return n.suffix ? true : !isHostLabelChar(before) && before !== 46;
		}
	}
}

/** The host containing a suffix match at `at` has exactly the labels of the pattern (`*` is any one label). */
function wildcardHost(text: string, at: number, labels: readonly string[]): boolean {
	let start = at;
	while (start > 0 && (isHostLabelChar(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46) && at - start < 256) start--;
	const prefix = text.slice(start, at).toLowerCase().split('.');
	const wanted = labels.slice(0, labels.lastIndexOf('*') + 1);
	if (prefix.length !== wanted.length) return false;
	return wanted.every((label, i) => (label === '*' ? prefix[i].length > 0 : label === prefix[i]));
}

/** The path before a match at `at` ends with the pattern's segments (`*` is any one segment). */
function wildcardPath(text: string, at: number, segments: readonly string[]): boolean {
	let start = at;
	while (start > 0 && at - start < 512 && !isBoundaryOfUrl(text.charCodeAt(start - 1))) start--;
	const before = text.slice(start, at).toLowerCase().split('/');
	if (before.length < segments.length) return false;
	const tail = before.slice(before.length - segments.length);
	return segments.every((segment, i) => (segment === '*' ? tail[i].length > 0 : segment === tail[i]));
}

function isBoundaryOfUrl(c: number): boolean {
	return c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 40 || c === 41;
}

function hostEnds(text: string, end: number): boolean {
	const c = end < text.length ? text.charCodeAt(end) : NaN;
	if (isHostLabelChar(c)) return false;
	// `login.example.com.evil.org` continues the host.
	return !(c === 46 && isHostLabelChar(text.charCodeAt(end + 1)));
}

/** `word` (or text[start, end)) is the shape's prefix and then its allowed run of characters. */
function fitsShape(text: string, start: number, end: number, shape: CodeShape): boolean {
	if (!text.startsWith(shape.prefix, start)) return false;
	const n = end - start - shape.prefix.length;
	if (n < shape.length[0] || n > shape.length[1]) return false;
	for (let i = start + shape.prefix.length; i < end; i++) if (!restChar(text.charCodeAt(i), shape)) return false;
	return true;
}

/** A code of this shape starts at `at` and ends at a word boundary. */
function fitsShapeAt(text: string, at: number, shape: CodeShape): boolean {
	let end = at + shape.prefix.length;
	while (end < text.length && restChar(text.charCodeAt(end), shape) && end - at - shape.prefix.length <= shape.length[1]) end++;
	return !isAlnum(text.charCodeAt(end)) && fitsShape(text, at, end, shape);
}

function restChar(c: number, shape: CodeShape): boolean {
	return shape.rest === 'digits' ? c >= 48 && c <= 57 : isAlnum(c);
}

function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWord(c: number): boolean {
	return isAlnum(c) || c === 95;
}

function isUpper(c: number): boolean {
	return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
	return c >= 97 && c <= 122;
}

function isHeaderChar(c: number): boolean {
	return isAlnum(c) || c === 45 || c === 95;
}

function isHostLabelChar(c: number): boolean {
	return isAlnum(c) || c === 45;
}

function isPathChar(c: number): boolean {
	return isWord(c) || c === 45 || c === 126;
}
