/**
 * Token Error Help core without the bundled catalog data: a vscode-free,
 * Node-free engine that recognises OAuth 2.0 / OpenID Connect errors in pasted
 * text and explains them. Callers pass a {@link Catalog} (the extension builds
 * one from its catalog asset); `src/core/index.ts` adds the bundled data as the
 * default for the CLI and the tests.
 */
import { analyze } from './recognize/analyze';
import { redactAll } from './service';
import type { Analysis } from './recognize/model';

export { analyze, combineChanges, reanalyze, DEFAULT_MAX_MESSAGES, type AnalyzeOptions, type TextChange } from './recognize/analyze';
export { replaceSecretCopies } from './secrets/secrets';
export { redactionMarker } from './secrets/tokenShapes';
export { Catalog, matchCause } from './catalog/catalog';
export { parseCatalogAsset, serializeCatalogAsset } from './catalog/asset';
export { readPackedCatalogAsset } from './catalog/packedAsset';
export type { CatalogEntry, CatalogFile, Cause, Fix, Reference } from './catalog/catalogTypes';
export { explainMessage, hasContent, worthExplaining, lineOf, lineNumbers, renderExplanation, renderReport, type Explanation } from './explain/explain';
export { escapeMarkdown, safeLink } from './explain/markdown';
export { sanitizeText, terminalSafeJson, type SanitizeOptions } from './explain/sanitize';
export { maskHighEntropy } from './secrets/entropy';
export type { Analysis, CauseCandidate, Diagnosis, ErrorMention, Finding, FixData, HttpMessage, VendorCodeMention } from './recognize/model';
export { RuleId } from './rules/ruleIds';
export type { SecretKind, SecretSpan, Severity, Span } from './types';

/**
 * Replaces every secret the analysis detects in `text` with a marker such as
 * «redacted:access_token», and any other copy of a detected value too. Without
 * an analysis, `text` is analysed against the bundled catalog (src/core/index.ts only).
 */
export function redact(text: string, analysis: Analysis = analyze(text)): string {
	return redactAll(text, analysis);
}

export { messageAt } from './service';
export { hoverAt, entryMarkdown, type HoverInfo } from './explain/hover';
export { validateCatalog, type CatalogValidation } from './catalog/validate';
export { readCustomCatalog, type CustomCatalogResult } from './catalog/customCatalog';
export { createTokenErrorService, type TokenErrorService, type TokenErrorServiceOptions } from './service';
export type { VendorProfile, VendorEvidence, CodeShape, BodyShape } from './catalog/profileTypes';
export { CAUSE_KINDS, isCauseKind, publicCauseKind, type CauseKind } from './catalog/causeKinds';
