/**
 * Token Error Help core with its bundled catalog: everything in `engine.ts`,
 * with the catalog data inlined as the default wherever a catalog is optional
 * (`analyze(text)`, `explainMessage`, `renderReport`…). Used by the CLI and the
 * unit tests; the extension imports `engine.ts` and loads the data as an asset.
 */
import { provideBundledCatalog } from './catalog/catalog';
import { bundledCatalogFiles } from './catalog/bundled';

provideBundledCatalog(() => bundledCatalogFiles);

export * from './engine';
export { bundledCatalog } from './catalog/catalog';
export { bundledCatalogFiles } from './catalog/bundled';

import { createTokenErrorService } from './service';
import { bundledCatalog as bundled } from './catalog/catalog';
/** A service over the bundled catalog (the CLI, the language server, the MCP server and the tests). */
export function bundledService(): ReturnType<typeof createTokenErrorService> {
	return createTokenErrorService({ catalog: bundled() });
}

/** The display name of a vendor in the bundled catalog's profiles ("Microsoft Entra ID"); the id when unknown. */
export function vendorName(vendor: string): string {
	return bundled().profiles.displayName(vendor);
}
