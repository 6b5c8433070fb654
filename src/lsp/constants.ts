/** Ids the language server shares with its clients: the diagnostic source, command ids, setting keys. */

/** `source` of every diagnostic (the same as the VS Code extension's). */
export const DIAGNOSTIC_SOURCE = 'token-error-help';

/** Commands served through `workspace/executeCommand`. */
export const Commands = {
	/** Arguments: the document's URI and, optionally, a UTF-16 offset; returns the Markdown report. */
	explain: 'tokenErrorHelp.explain',
} as const;

/** Diagnostic codes of the server's own notices (not rules of the core). */
export const NoticeCodes = {
	skippedLargeDocument: 'skipped-large-document',
	resultLimit: 'result-limit',
} as const;

/** Milliseconds between the last edit and the diagnostics of a document. */
export const DEBOUNCE_MS = 300;
