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
