import type * as vscode from 'vscode';
import { activateExtension } from './vscode/activate';

/** Web entry point (VS Code for the Web): the core has no Node dependencies. */
export function activate(context: vscode.ExtensionContext): void {
	activateExtension(context);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
