import type { CatalogFile } from './catalogTypes';
import { validateCatalog } from './validate';

/**
 * The catalog as the extension ships it: one minified JSON file beside the
 * bundle, read on first need instead of being parsed as part of the code.
 * `files` are the bundled catalog files in order (standards first).
 */
export interface CatalogAsset {
	format: typeof ASSET_FORMAT;
	version: 1;
	files: CatalogFile[];
}

const ASSET_FORMAT = 'token-error-help-catalog';

/** The asset's text for these catalog files (written by the build). */
export function serializeCatalogAsset(files: readonly CatalogFile[]): string {
	const asset: CatalogAsset = { format: ASSET_FORMAT, version: 1, files: files.map(f => ({ version: f.version, entries: f.entries, ...(f.profiles?.length ? { profiles: f.profiles } : {}) })) };
	return JSON.stringify(asset);
}

/**
 * The catalog files in an asset's text. Throws an Error saying what is wrong
 * when the text is not a catalog asset (truncated, corrupt, another format).
 * Every entry is checked with the same rules as user catalogs, so a damaged
 * asset is reported here rather than failing later in a lookup.
 */
export function parseCatalogAsset(text: string): CatalogFile[] {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		throw new Error(`not valid JSON (${(e as Error).message})`, { cause: e });
	}
	const asset = data as Partial<CatalogAsset> | null;
	if (typeof asset !== 'object' || asset === null || asset.format !== ASSET_FORMAT) throw new Error('not a Token Error Help catalog');
	if (asset.version !== 1) throw new Error(`catalog format version ${String(asset.version)} is not supported (expected 1)`);
	if (!Array.isArray(asset.files) || !asset.files.length) throw new Error('the catalog has no files');
	return asset.files.map((raw, i) => {
		const { file, problems } = validateCatalog(raw);
		if (problems.length) throw new Error(`catalog file ${i}: ${problems[0]}`);
		const profiles = (raw as { profiles?: unknown }).profiles;
		return Array.isArray(profiles) ? { ...file, profiles: profiles as CatalogFile['profiles'] } : file;
	});
}
