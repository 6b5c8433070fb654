import { ErrorCodes, LSPErrorCodes, ResponseError, type ExecuteCommandParams } from 'vscode-languageserver/node';
import type { TokenErrorService } from '../core';
import { Commands } from './constants';
import type { AnalysedDocuments } from './documents';
import { scrubberFor } from './safeText';

/**
 * `tokenErrorHelp.explain` with arguments `[uri, offset?]`: the Markdown report of the message at
 * `offset` (a UTF-16 offset, as the "Explain this response" code action passes), or of every message
 * of the document, secrets redacted.
 */
export function executeCommand(service: TokenErrorService, store: AnalysedDocuments, params: ExecuteCommandParams): string {
	if (params.command !== Commands.explain) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command "${String(params.command).slice(0, 100)}".`);
	const [uri, offset] = params.arguments ?? [];
	if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${Commands.explain} needs the document's URI as its first argument.`);
	if (offset !== undefined && offset !== null && (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)) {
		throw new ResponseError(ErrorCodes.InvalidParams, `${Commands.explain}: the second argument, if any, is a character offset (a non-negative integer).`);
	}
	const document = store.get(uri);
	if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${Commands.explain}: the document is not open.`);
	const analysis = store.analysis(document);
	if (!analysis) {
		throw new ResponseError(LSPErrorCodes.RequestFailed, `${Commands.explain}: the document is larger than maxDocumentSize and was not analysed; explain a part of it with "token-error-help explain".`);
	}
	const text = document.getText();
	const message = typeof offset === 'number' ? service.messageAt(analysis, offset) : undefined;
	return scrubberFor(text, analysis)(service.report(text, analysis, message ? [message] : analysis.messages));
}
