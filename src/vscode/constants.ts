/**
 * Ids shared by the manifest (package.json) and the code: commands, settings,
 * the diagnostic source and URI schemes. Plain strings, no 'vscode' import, so
 * the manifest unit test can read them.
 */
export const EXTENSION_ID = 'token-error-help.token-error-help';
export const DIAGNOSTIC_SOURCE = 'Token Error Help';
export const REPORT_SCHEME = 'token-error-help-report';
/** The shipped catalog, relative to the extension's folder (written by scripts/packCatalog.mjs after the build, kept by .vscodeignore). */
export const CATALOG_ASSET = ['dist', 'catalog.json.zst'] as const;

export const Commands = {
	explainResponse: 'tokenErrorHelp.explainResponse',
	explainClipboard: 'tokenErrorHelp.explainClipboard',
	copyRedactedReport: 'tokenErrorHelp.copyRedactedReport',
	redactDocument: 'tokenErrorHelp.redactDocument',
} as const;

/** The language-model tool (contributes.languageModelTools) and the name it is referenced by in chat (#tokenError). */
export const LanguageModelTool = {
	name: 'explain_token_error',
	referenceName: 'tokenError',
} as const;

export const SETTINGS_SECTION = 'tokenErrorHelp';

/** Setting keys relative to {@link SETTINGS_SECTION}. */
export const Settings = {
	diagnosticsEnabled: 'diagnostics.enabled',
	diagnosticsLanguages: 'diagnostics.languages',
	maxDocumentSize: 'maxDocumentSize',
	codeLensEnabled: 'codeLens.enabled',
	catalogFiles: 'catalogFiles',
} as const;

/** Languages whose documents get diagnostics by default (untitled documents always do). */
export const DEFAULT_DIAGNOSTIC_LANGUAGES = ['http', 'plaintext', 'log', 'json', 'jsonc', 'markdown'];
export const DEFAULT_MAX_DOCUMENT_SIZE = 5_000_000;
