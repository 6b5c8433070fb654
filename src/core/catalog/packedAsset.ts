import { decompress } from 'fzstd';
import { parseCatalogAsset } from './asset';
import type { CatalogFile } from './catalogTypes';

/**
 * The catalog as the VSIX ships it: the asset's JSON text (serializeCatalogAsset) compressed
 * with Zstandard (RFC 8878), written by scripts/packCatalog.mjs. The VSIX itself is a zip whose
 * deflate only sees 32 KB back; the catalog repeats its phrasing across the whole file, which a
 * Zstandard window covers: the asset ships at about four fifths of its deflated size.
 */

/** The first bytes of every Zstandard frame (RFC 8878 §3.1.1). */
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd] as const;

/** True when `bytes` start like a Zstandard frame. */
export function isPackedCatalogAsset(bytes: Uint8Array): boolean {
	return bytes.length >= ZSTD_MAGIC.length && ZSTD_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * The asset's JSON text from the packed bytes. Throws an Error saying what is wrong when the
 * bytes are not a Zstandard frame or the frame is damaged.
 */
export function unpackCatalogAsset(bytes: Uint8Array): string {
	if (!isPackedCatalogAsset(bytes)) throw new Error('not a Zstandard-compressed catalog');
	let json: Uint8Array;
	try {
		json = decompress(bytes);
	} catch (e) {
		throw new Error(`the compressed catalog cannot be read (${(e as Error).message})`, { cause: e });
	}
	return new TextDecoder('utf-8', { fatal: true }).decode(json);
}

/** The catalog files of a packed asset (unpacked, then checked as parseCatalogAsset does). */
export function readPackedCatalogAsset(bytes: Uint8Array): CatalogFile[] {
	return parseCatalogAsset(unpackCatalogAsset(bytes));
}
