import type { Location } from '../types';
import type { Cause, CatalogEntry, CatalogFile } from './catalogTypes';
import { VendorProfiles } from './profiles';

/** What is known about the place an error was seen, used to pick the best entry. */
export interface LookupContext {
	vendor?: string | null;
	description?: string;
	location?: Location | null;
	kind?: CatalogEntry['kind'];
	/** The description comes from free text (the rest of a log or table line), not an error_description field. */
	looseDescription?: boolean;
	/** HTTP status of the response, for status-specific causes. */
	status?: number | null;
}

/** Remembered lookups per catalog (then the memory starts over). */
const MAX_RANKED = 10_000;

const STANDARD_NAMESPACES = new Set(['oauth', 'oidc', 'ciba', 'uma', 'ace', 'federation', 'openid4vp', 'openid4vci', 'oauth-attestation', 'http']);

/**
 * An indexed, read-only set of catalog entries. Later files override nothing:
 * every entry stays addressable by id, and lookups by code rank candidates by
 * vendor, description and location.
 */
export class Catalog {
	readonly entries: readonly CatalogEntry[];
	/** The vendor profiles of the files, in file order: what names a vendor, its code and body shapes. */
	readonly profiles: VendorProfiles;
	readonly #byId = new Map<string, CatalogEntry>();
	readonly #byCode = new Map<string, CatalogEntry[]>();
	/** Per code and kind: the standard entries' wording, lower-cased (derived once; entries never change). */
	readonly #standardText = new Map<string, string>();
	/** Answers of {@link lookup} for codes with several entries, by code and context. */
	readonly #ranked = new Map<string, CatalogEntry | undefined>();

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
		this.profiles = new VendorProfiles(files.flatMap(f => f.profiles ?? []));
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

	/** The standard (non-vendor) entries' wording among `list`, cached per code and kind. */
	#standardWording(code: string, kind: CatalogEntry['kind'] | undefined, list: readonly CatalogEntry[]): string {
		const key = `${code.toLowerCase()}\u0000${kind ?? ''}`;
		let text = this.#standardText.get(key);
		if (text === undefined) {
			text = list.filter(e => !e.vendor)
				.map(e => `${e.title} ${e.summary} ${e.causes.map(c => `${c.text} ${(c.match ?? []).join(' ')}`).join(' ')}`).join(' ').toLowerCase();
			this.#standardText.set(key, text);
		}
		return text;
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
		// Logs repeat the same code in the same context: rank each combination once (entries never change).
		const key = `${code.toLowerCase()}\u0000${context.kind ?? ''}\u0000${context.vendor ?? ''}\u0000${context.location ?? ''}\u0000${context.looseDescription ? 1 : 0}\u0000${context.description ?? ''}`;
		if (this.#ranked.has(key)) return this.#ranked.get(key);
		if (this.#ranked.size >= MAX_RANKED) this.#ranked.clear();
		const best = this.#rank(code, context, list);
		this.#ranked.set(key, best);
		return best;
	}

	#rank(code: string, context: LookupContext, list: readonly CatalogEntry[]): CatalogEntry | undefined {
		const standardText = this.#standardWording(code, context.kind, list);
		const scored = list.map(entry => ({ entry, score: rankEntry(entry, context, standardText) })).sort((a, b) => b.score - a.score);
		const [first, second] = scored;
		// Two vendors' wording fits equally well and nothing else names the vendor: stay neutral.
		if (second && first.score === second.score && first.entry.vendor && second.entry.vendor && !context.vendor) {
			return scored.find(s => !s.entry.vendor)?.entry ?? first.entry;
		}
		return first.entry;
	}
}

function rankEntry(entry: CatalogEntry, context: LookupContext, standardText: string): number {
	let score = 0;
	if (entry.vendor) {
		if (context.vendor === entry.vendor) score += 100;
		else if (context.vendor) score -= 100;
		else if (context.description && specificMatch(entry, context.description, standardText, context.looseDescription ? LOOSE_MATCH_LENGTH : SPECIFIC_MATCH_LENGTH)) score += 50;
		else score -= 10;
	}
	if (STANDARD_NAMESPACES.has(entry.namespace)) score += 5;
	if (context.location && entry.occurs.includes(context.location)) score += 20;
	return score;
}

/**
 * Wording this specific (a long `match` substring that the standard entry does
 * not use) identifies the vendor even when nothing else does. Free text around
 * a code in prose needs longer wording than an error_description field.
 */
const SPECIFIC_MATCH_LENGTH = 16;
const LOOSE_MATCH_LENGTH = 24;

function specificMatch(entry: CatalogEntry, description: string, standardText: string, minLength: number): boolean {
	const lower = description.toLowerCase();
	return entry.causes.some(c => c.match?.some(m => {
		const needle = m.toLowerCase();
		// The wording must be a good part of the description, not a phrase inside a long generic sentence.
		return needle.length >= minLength && needle.length >= lower.length * MIN_COVERAGE && lower.includes(needle) && !standardText.includes(needle);
	}));
}

const MIN_COVERAGE = 0.25;

/**
 * The most likely cause for this entry: the first cause whose `match` hits the
 * description (vendor- and status-restricted causes only when they apply),
 * else the first cause that applies.
 */
export function matchCause(entry: CatalogEntry, description: string | undefined, vendor: string | null | undefined, status?: number | null, location?: Location | null): Cause | undefined {
	const lower = description?.toLowerCase();
	const applies = (c: Cause) => (!c.vendor || c.vendor === vendor) && (!c.status || status == null || c.status.includes(status))
		&& (!c.occurs || !location || c.occurs.includes(location));
	if (lower) {
		for (const cause of entry.causes) {
			if (applies(cause) && cause.match?.some(m => lower.includes(m.toLowerCase()))) return cause;
		}
	}
	// Entries list causes most likely first: without matching wording, take the first that applies.
	return entry.causes.find(c => applies(c) && (!c.status || status != null) && (!c.occurs || !!location)) ?? entry.causes.find(applies);
}

let bundledFiles: (() => readonly CatalogFile[]) | undefined;
let bundled: Catalog | undefined;

/**
 * Names the files {@link bundledCatalog} indexes. This module never imports the
 * data itself: the core's data-carrying entry (`src/core/index.ts`, used by the
 * CLI and the unit tests) provides it, while the extension imports
 * `src/core/engine.ts`, ships the data as an asset and passes its own Catalog.
 */
export function provideBundledCatalog(files: () => readonly CatalogFile[]): void {
	bundledFiles = files;
	bundled = undefined;
}

/** The bundled catalog, indexed on first use (the default wherever a catalog is optional). */
export function bundledCatalog(): Catalog {
	if (!bundled) {
		if (!bundledFiles) throw new Error('No bundled catalog in this build: pass a Catalog explicitly, or import the core from src/core/index.ts, which provides the bundled data.');
		bundled = new Catalog(bundledFiles());
	}
	return bundled;
}
