import * as vscode from 'vscode';
import { DEFAULT_DIAGNOSTIC_LANGUAGES, DEFAULT_MAX_DOCUMENT_SIZE, Settings, SETTINGS_SECTION } from './constants';

/** The extension's settings, read fresh on each call. */
export interface ExtensionConfig {
	diagnosticsEnabled: boolean;
	diagnosticsLanguages: string[];
	maxDocumentSize: number;
	codeLensEnabled: boolean;
	catalogFiles: string[];
}

/** Reads `tokenErrorHelp.*` for a document's scope (or the window). */
export function readConfig(scope?: vscode.ConfigurationScope): ExtensionConfig {
	const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
	return {
		diagnosticsEnabled: c.get<boolean>(Settings.diagnosticsEnabled, true),
		diagnosticsLanguages: c.get<string[]>(Settings.diagnosticsLanguages, DEFAULT_DIAGNOSTIC_LANGUAGES),
		maxDocumentSize: c.get<number>(Settings.maxDocumentSize, DEFAULT_MAX_DOCUMENT_SIZE),
		codeLensEnabled: c.get<boolean>(Settings.codeLensEnabled, true),
		catalogFiles: c.get<string[]>(Settings.catalogFiles, []),
	};
}

/** True when a settings change touches this extension. */
export function affectsUs(e: vscode.ConfigurationChangeEvent): boolean {
	return e.affectsConfiguration(SETTINGS_SECTION);
}
