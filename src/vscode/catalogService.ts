import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as vscode from 'vscode';
import { bundledCatalog, bundledCatalogFiles, Catalog, validateCatalog, type CatalogFile } from '../core';
import { affectsUs, readConfig } from './config';

/**
 * The catalog in use: the bundled one plus the organisation's own files from
 * `tokenErrorHelp.catalogFiles` (JSONC, validated), reloaded when they change.
 * Custom files are ignored in untrusted workspaces.
 */
export class CatalogService implements vscode.Disposable {
	/** A custom catalog, or undefined for the bundled one (indexed lazily on first use). */
	#catalog: Catalog | undefined;
	readonly #onDidChange = new vscode.EventEmitter<void>();
	readonly onDidChange = this.#onDidChange.event;
	readonly #subscriptions: vscode.Disposable[] = [this.#onDidChange];
	#watchers: vscode.Disposable[] = [];
	#loading: Promise<void> = Promise.resolve();
	/** Problems found in the custom catalogs on the last load (shown in the log). */
	problems: string[] = [];

	constructor(private readonly log: vscode.LogOutputChannel) {
		this.#subscriptions.push(
			vscode.workspace.onDidChangeConfiguration(e => { if (affectsUs(e)) this.reload(); }),
			vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()),
		);
	}

	get catalog(): Catalog {
		return this.#catalog ?? bundledCatalog();
	}

	/** Resolves when the most recent reload has finished. */
	ready(): Promise<void> {
		return this.#loading;
	}

	/** Re-reads the custom catalog files; cheap when there are none. */
	reload(): Promise<void> {
		this.#loading = this.#load().catch(e => this.log.error(`Loading custom catalogs failed: ${(e as Error).message}`));
		return this.#loading;
	}

	async #load(): Promise<void> {
		vscode.Disposable.from(...this.#watchers).dispose();
		this.#watchers = [];
		const paths = readConfig().catalogFiles.filter(p => typeof p === 'string' && p.trim());
		const previous = this.#catalog;
		if (!paths.length) {
			this.problems = [];
			this.#catalog = undefined;
		} else if (!vscode.workspace.isTrusted) {
			this.problems = ['Custom catalogs (tokenErrorHelp.catalogFiles) are ignored because this workspace is not trusted.'];
			this.log.warn(this.problems[0]);
			void vscode.window.showWarningMessage(`Token Error Help: ${this.problems[0]}`);
			this.#catalog = undefined;
		} else {
			const files: CatalogFile[] = [];
			this.problems = [];
			for (const path of paths) {
				const uri = resolvePath(path);
				if (!uri) {
					this.problems.push(`${path}: relative paths need an open workspace folder.`);
					continue;
				}
				this.#watch(uri);
				const file = await this.#readOne(uri);
				if (file) files.push(file);
			}
			for (const p of this.problems) this.log.warn(p);
			this.#catalog = new Catalog([...files, ...bundledCatalogFiles]);
			this.log.info(`Loaded ${files.reduce((n, f) => n + f.entries.length, 0)} custom catalog entries from ${files.length} file(s).`);
		}
		if (previous !== this.#catalog) this.#onDidChange.fire();
	}

	async #readOne(uri: vscode.Uri): Promise<CatalogFile | undefined> {
		let text: string;
		try {
			text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		} catch (e) {
			this.problems.push(`${uri.toString(true)}: cannot be read (${(e as Error).message}).`);
			return undefined;
		}
		const errors: ParseError[] = [];
		const data = parse(text, errors, { allowTrailingComma: true });
		if (errors.length) {
			this.problems.push(`${uri.toString(true)}: not valid JSONC (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}).`);
			return undefined;
		}
		const { file, problems } = validateCatalog(data);
		this.problems.push(...problems.map(p => `${uri.toString(true)}: ${p}`));
		return file;
	}

	#watch(uri: vscode.Uri): void {
		const folder = vscode.Uri.joinPath(uri, '..');
		const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
		const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
		const reload = () => { void this.reload(); };
		this.#watchers.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
	}

	dispose(): void {
		vscode.Disposable.from(...this.#watchers, ...this.#subscriptions).dispose();
	}
}

function resolvePath(path: string): vscode.Uri | undefined {
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return vscode.Uri.parse(path);
	if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return vscode.Uri.file(path);
	const folder = vscode.workspace.workspaceFolders?.[0];
	return folder ? vscode.Uri.joinPath(folder.uri, path) : undefined;
}
