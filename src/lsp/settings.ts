/** The server's settings: from `initializationOptions` and `workspace/didChangeConfiguration`. */
export interface LspSettings {
	/** Documents with more characters than this are not analysed (a diagnostic says so); 0 means no limit. */
	maxDocumentSize: number;
}

/** The same default as the extension's `tokenErrorHelp.maxDocumentSize`. */
export const DEFAULT_SETTINGS: LspSettings = { maxDocumentSize: 5_000_000 };

/**
 * `previous` updated from what a client sent: `{ maxDocumentSize }` or
 * `{ tokenErrorHelp: { maxDocumentSize } }` (the shape of VS Code-style settings).
 * Values that are not non-negative numbers are ignored.
 */
export function readSettings(value: unknown, previous: LspSettings = DEFAULT_SETTINGS): LspSettings {
	const own = isObject(value) && isObject(value.tokenErrorHelp) ? value.tokenErrorHelp : value;
	const size = isObject(own) ? own.maxDocumentSize : undefined;
	return {
		maxDocumentSize: typeof size === 'number' && Number.isFinite(size) && size >= 0 ? Math.floor(size) : previous.maxDocumentSize,
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
