import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CatalogService } from './catalogService';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { DiagnosticsManager } from './diagnostics';
import { ExplainCommands } from './explainCommand';
import { registerHover } from './hoverProvider';
import { registerLanguageModelTool } from './languageModelTool';

/**
 * Wires the core to the editor; shared by the Node and web entry points. It only
 * registers providers, commands and listeners: the catalog is read on first
 * need and open documents are analysed after activation, never during it.
 */
export function activateExtension(context: vscode.ExtensionContext): void {
	const log = vscode.window.createOutputChannel('Token Error Help', { log: true });
	const catalogs = new CatalogService(context.extensionUri, log);
	const cache = new AnalysisCache(catalogs);
	context.subscriptions.push(
		log,
		catalogs,
		cache,
		new DiagnosticsManager(cache, catalogs.onDidChange),
		registerHover(cache),
		registerCodeActions(cache),
		registerCodeLens(cache, catalogs.onDidChange),
		new ExplainCommands(cache, catalogs),
	);
	// A host that lacks the language-model tool API (an editor built on VS Code that leaves it out) skips the tool.
	const tool = registerLanguageModelTool(cache, catalogs);
	if (tool) context.subscriptions.push(tool);
}
