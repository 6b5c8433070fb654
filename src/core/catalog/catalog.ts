import type { Location } from '../types';
import { bundledCatalogFiles } from './bundled';
import type { Cause, CatalogEntry, CatalogFile } from './catalogTypes';

/** What is known about the place an error was seen, used to pick the best entry. */
export interface LookupContext {
	vendor?: string | null;
	description?: string;
	location?: Location | null;
	kind?: CatalogEntry['kind'];
}

const STANDARD_NAMESPACES = new Set(['oauth', 'oidc', 'ciba', 'uma', 'ace', 'federation', 'openid4vp', 'openid4vci', 'oauth-attestation', 'http']);

/**
 * An indexed, read-only set of catalog entries. Later files override nothing:
 * every entry stays addressable by id, and lookups by code rank candidates by
 * vendor, description and location.
 */
export class Catalog {
	readonly entries: readonly CatalogEntry[];
	readonly #byId = new Map<string, CatalogEntry>();
	readonly #byCode = new Map<string, CatalogEntry[]>();

	constructor(files: readonly CatalogFile[]) {
		const entries: CatalogEntry[] = [];
		for (const file of files) {
			for (const entry of file.entries) {
				if (this.#byId.has(entry.id)) continue;
				this.#byId.set(entry.id, entry);
				entries.push(entry);
				for (const key of [entry.code, ...(entry.aliases ?? [])]) {
					const lower = key.toLowerCase();
					const list = this.#byCode.get(lower);
					if (list) list.push(entry); else this.#byCode.set(lower, [entry]);
				}
			}
		}
		this.entries = entries;
	}

	/** The entry with this id, if any. */
	byId(id: string): CatalogEntry | undefined {
		return this.#byId.get(id);
	}

	/** Every entry whose code or alias equals `code` (case-insensitive). */
	candidates(code: string): readonly CatalogEntry[] {
		return this.#byCode.get(code.toLowerCase()) ?? [];
	}

	/** True when some entry has this code or alias. */
	has(code: string): boolean {
		return this.#byCode.has(code.toLowerCase());
	}

	/** All distinct codes and aliases, lower-cased (for suggestions and scanners). */
	codes(): IterableIterator<string> {
		return this.#byCode.keys();
	}

	/**
	 * The best entry for a code seen on the wire: the vendor's own entry when the
	 * vendor is known, else a vendor entry whose causes match the description,
	 * else the standard entry for the location, else the first standard entry.
	 */
	lookup(code: string, context: LookupContext = {}): CatalogEntry | undefined {
		let list = this.candidates(code);
		if (context.kind) {
			const ofKind = list.filter(e => e.kind === context.kind);
			if (ofKind.length) list = ofKind;
		}
		if (list.length <= 1) return list[0];
		const scored = list.map(entry => ({ entry, score: rankEntry(entry, context) })).sort((a, b) => b.score - a.score);
		const [first, second] = scored;
		// Two vendors' wording fits equally well and nothing else names the vendor: stay neutral.
		if (second && first.score === second.score && first.entry.vendor && second.entry.vendor && !context.vendor) {
			return scored.find(s => !s.entry.vendor)?.entry ?? first.entry;
		}
		return first.entry;
	}
}

function rankEntry(entry: CatalogEntry, context: LookupContext): number {
	let score = 0;
	if (entry.vendor) {
		if (context.vendor === entry.vendor) score += 100;
		else if (context.vendor) score -= 100;
		else if (context.description && specificMatch(entry, context.description)) score += 50;
		else score -= 10;
	}
	if (STANDARD_NAMESPACES.has(entry.namespace)) score += 5;
	if (context.location && entry.occurs.includes(context.location)) score += 20;
	return score;
}

/** Wording this specific (a long `match` substring) identifies the vendor even when nothing else does. */
const SPECIFIC_MATCH_LENGTH = 16;

function specificMatch(entry: CatalogEntry, description: string): boolean {
	const lower = description.toLowerCase();
	return entry.causes.some(c => c.match?.some(m => m.length >= SPECIFIC_MATCH_LENGTH && lower.includes(m.toLowerCase())));
}

/**
 * The most likely cause for this entry: the first cause whose `match` hits the
 * description (vendor-restricted causes only for that vendor), else the first
 * unconditional cause.
 */
export function matchCause(entry: CatalogEntry, description: string | undefined, vendor: string | null | undefined): Cause | undefined {
	const lower = description?.toLowerCase();
	if (lower) {
		for (const cause of entry.causes) {
			if (cause.vendor && cause.vendor !== vendor) continue;
			if (cause.match?.some(m => lower.includes(m.toLowerCase()))) return cause;
		}
	}
	return entry.causes.find(c => !c.match && (!c.vendor || c.vendor === vendor)) ?? entry.causes.find(c => !c.vendor);
}

let bundled: Catalog | undefined;

/** The bundled catalog, indexed on first use. */
export function bundledCatalog(): Catalog {
	bundled ??= new Catalog(bundledCatalogFiles);
	return bundled;
}
