import { CodeActionKind, createConnection, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { bundledService, type TokenErrorService } from '../core';
import { codeActions, type EditSupport } from './codeActions';
import { executeCommand } from './commands';
import { Commands, DEBOUNCE_MS } from './constants';
import { DiagnosticsPublisher } from './diagnostics';
import { AnalysedDocuments } from './documents';
import { hover } from './hover';
import { DEFAULT_SETTINGS, readSettings, type LspSettings } from './settings';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/**
 * The language server: a thin adapter over the core service. Documents are synced incrementally
 * and re-analysed incrementally; diagnostics are pushed; hover, quick fixes and the explain
 * command read the same analysis of each document version.
 */
export function listen(connection: Connection, service: TokenErrorService = bundledService()): void {
	let settings: LspSettings = DEFAULT_SETTINGS;
	const store = new AnalysedDocuments(service, () => settings);
	const diagnostics = new DiagnosticsPublisher(connection, store, () => settings.maxDocumentSize);
	const editSupport: EditSupport = { documentChanges: false };

	connection.onInitialize((params): InitializeResult => {
		settings = readSettings(params.initializationOptions, settings);
		editSupport.documentChanges = !!params.capabilities.workspace?.workspaceEdit?.documentChanges;
		return {
			capabilities: {
				positionEncoding: 'utf-16',
				textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
				executeCommandProvider: { commands: [Commands.explain] },
			},
			serverInfo: { name: 'token-error-help', version: VERSION },
		};
	});
	connection.onDidChangeConfiguration(params => {
		const next = readSettings(params.settings, settings);
		if (next.maxDocumentSize === settings.maxDocumentSize) return;
		settings = next;
		diagnostics.republishAll();
	});
	// TextDocuments fires onDidOpen, then onDidChangeContent, for a new document: its first
	// diagnostics go out at once, those of later versions after the debounce.
	const justOpened = new Set<string>();
	store.documents.onDidOpen(e => justOpened.add(e.document.uri));
	store.documents.onDidChangeContent(e => diagnostics.schedule(e.document, justOpened.delete(e.document.uri) ? 0 : DEBOUNCE_MS));
	store.documents.onDidClose(e => {
		justOpened.delete(e.document.uri);
		diagnostics.clear(e.document.uri);
	});
	connection.onHover(params => hover(service, store, params));
	connection.onCodeAction(params => codeActions(service, store, params, editSupport));
	connection.onExecuteCommand(params => executeCommand(service, store, params));
	connection.onShutdown(() => diagnostics.dispose());

	store.documents.listen(connection);
	connection.listen();
}

/** `token-error-help lsp --stdio`: serves the protocol on standard input and output until the client says exit. */
export function runStdioServer(): void {
	const connection = createConnection(process.stdin, process.stdout);
	// Standard output carries the protocol: anything logged goes to the client's log instead.
	console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
	console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
	console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
	console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
	console.debug = console.log;
	listen(connection);
}
