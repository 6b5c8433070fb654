import type * as vscode from 'vscode';
import { activateExtension } from './vscode/activate';

/** Entry point for desktop VS Code, code-server and VS Code for the Web (one bundle; the core needs no Node). */
export function activate(context: vscode.ExtensionContext): void {
	activateExtension(context);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
