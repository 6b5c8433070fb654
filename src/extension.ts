import type * as vscode from 'vscode';
import { activateExtension } from './vscode/activate';

/** Node entry point (desktop VS Code, code-server). */
export function activate(context: vscode.ExtensionContext): void {
	activateExtension(context);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
