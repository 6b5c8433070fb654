import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CatalogService } from './catalogService';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { DiagnosticsManager } from './diagnostics';
import { ExplainCommands } from './explainCommand';
import { registerHover } from './hoverProvider';

/** Wires the core to the editor; shared by the Node and web entry points. Does no analysis itself. */
export function activateExtension(context: vscode.ExtensionContext): void {
	const log = vscode.window.createOutputChannel('Token Error Help', { log: true });
	const catalogs = new CatalogService(log);
	const cache = new AnalysisCache(catalogs);
	context.subscriptions.push(
		log,
		catalogs,
		cache,
		new DiagnosticsManager(cache, catalogs.onDidChange),
		registerHover(cache, catalogs),
		registerCodeActions(cache),
		registerCodeLens(cache),
		new ExplainCommands(cache, catalogs),
	);
	void catalogs.reload();
}
