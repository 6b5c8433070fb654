import * as vscode from 'vscode';
import { Catalog, createTokenErrorService, readCustomCatalog, readPackedCatalogAsset, sanitizeText, type CatalogFile, type TokenErrorService } from '../core/engine';
import { readConfig } from './config';
import { CATALOG_ASSET, SETTINGS_SECTION, Settings } from './constants';
import { pushAll } from '../core/arrays';

/**
 * The catalog in use: the shipped one (`dist/catalog.json.zst`, read through
 * `workspace.fs` on first need, so desktop, code-server and the web behave
 * alike) plus the organisation's own files from `tokenErrorHelp.catalogFiles`
 * (JSONC, validated), reloaded when they change. Custom files are ignored in
 * untrusted workspaces. Nothing is read or parsed until a feature asks.
 */
export class CatalogService implements vscode.Disposable {
	/** The catalog in use, once asked for; replaced on reload. */
	#catalog: Promise<Catalog> | undefined;
	/** The shipped catalog files, read once (again after a failure). */
	#shipped: Promise<readonly CatalogFile[]> | undefined;
	/** The shipped catalog alone, shared by every load without custom files. */
	#shippedCatalog: Catalog | undefined;
	/** One language service per catalog set, built on first need. */
	readonly #services = new WeakMap<Catalog, TokenErrorService>();
	#failureShown = false;
	readonly #onDidChange = new vscode.EventEmitter<void>();
	/** Fires when the catalog in use has been replaced (custom catalogs changed). */
	readonly onDidChange = this.#onDidChange.event;
	readonly #subscriptions: vscode.Disposable[] = [this.#onDidChange];
	#watchers: vscode.Disposable[] = [];
	/** Problems found in the custom catalogs on the last load (shown in the log). */
	problems: string[] = [];

	constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
		this.#subscriptions.push(
			vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.catalogFiles}`)) void this.reload(); }),
			vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
		);
	}

	/**
	 * The catalog in use, loaded on first need. Rejects with an Error naming the
	 * problem when the shipped catalog cannot be loaded (the user has been told).
	 */
	catalog(): Promise<Catalog> {
		if (!this.#catalog) {
			const loading = this.#load();
			this.#catalog = loading;
			// A failed load is not kept: the next need tries again.
			loading.catch(() => { if (this.#catalog === loading) this.#catalog = undefined; });
		}
		return this.#catalog;
	}

	/**
	 * The language service over the catalog in use (one per catalog set: the
	 * same object until custom catalogs change). Rejects as {@link catalog} does.
	 */
	async service(): Promise<TokenErrorService> {
		const catalog = await this.catalog();
		let service = this.#services.get(catalog);
		if (!service) {
			service = createTokenErrorService({ catalog });
			this.#services.set(catalog, service);
		}
		return service;
	}

	/** Loads the catalog again (settings or trust changed) and fires onDidChange when it changed. */
	async reload(): Promise<void> {
		const previous = this.#catalog;
		if (!previous) return; // never asked for: the first need loads the current settings
		const next = this.#load();
		this.#catalog = next;
		const [before, after] = await Promise.all([previous.catch(() => undefined), next.catch(() => undefined)]);
		if (this.#catalog === next && before !== after) this.#onDidChange.fire();
	}

	async #load(): Promise<Catalog> {
		vscode.Disposable.from(...this.#watchers).dispose();
		this.#watchers = [];
		const paths = readConfig().catalogFiles.filter(p => typeof p === 'string' && p.trim());
		const custom: CatalogFile[] = [];
		this.problems = [];
		if (paths.length && !vscode.workspace.isTrusted) {
			this.problems = ['Custom catalogs (tokenErrorHelp.catalogFiles) are ignored because this workspace is not trusted.'];
			this.log.warn(this.problems[0]);
			void vscode.window.showWarningMessage(`Token Error Help: ${this.problems[0]}`);
		} else if (paths.length) {
			const shippedIds = new Set((await this.#readShipped()).flatMap(f => f.entries.map(e => e.id)));
			const warnings: string[] = [];
			for (const path of paths) {
				const uri = resolvePath(path);
				if (!uri) {
					this.problems.push(`${path}: relative paths need an open workspace folder.`);
					continue;
				}
				this.#watch(uri);
				const file = await this.#readCustom(uri, shippedIds, warnings);
				if (file) custom.push(file);
			}
			for (const p of this.problems) this.log.warn(sanitizeText(p));
			for (const w of warnings) this.log.warn(sanitizeText(w));
			this.log.info(`Loaded ${custom.reduce((n, f) => n + f.entries.length, 0)} custom catalog entries from ${custom.length} file(s).`);
		}
		const shipped = await this.#readShipped();
		if (!custom.length) return this.#shippedCatalog ??= new Catalog(shipped);
		try {
			return new Catalog([...custom, ...shipped]);
		} catch (e) {
			// Validation should make this impossible; if it happens, the custom files go and the shipped catalog stays.
			const problem = `Custom catalogs (tokenErrorHelp.catalogFiles) were not used: ${sanitizeText((e as Error).message)}`;
			this.problems.push(problem);
			this.log.error(problem);
			return this.#shippedCatalog ??= new Catalog(shipped);
		}
	}

	/** The shipped catalog files; a failure is reported once and retried on the next need. */
	#readShipped(): Promise<readonly CatalogFile[]> {
		this.#shipped ??= (async () => {
			const uri = vscode.Uri.joinPath(this.extensionUri, ...CATALOG_ASSET);
			let bytes: Uint8Array;
			try {
				bytes = await vscode.workspace.fs.readFile(uri);
			} catch (e) {
				const problem = e instanceof vscode.FileSystemError && e.code === 'FileNotFound' ? 'is missing' : `cannot be read (${(e as Error).message})`;
				throw new Error(`Token Error Help's error catalog (${CATALOG_ASSET.join('/')}) ${problem}. Reinstall the extension.`, { cause: e });
			}
			try {
				return readPackedCatalogAsset(bytes);
			} catch (e) {
				throw new Error(`Token Error Help's error catalog (${CATALOG_ASSET.join('/')}) is damaged: ${(e as Error).message}. Reinstall the extension.`, { cause: e });
			}
		})();
		return this.#shipped.catch(error => {
			this.#shipped = undefined;
			if (!this.#failureShown) {
				this.#failureShown = true;
				this.log.error((error as Error).message);
				void vscode.window.showErrorMessage((error as Error).message);
			}
			throw error;
		});
	}

	async #readCustom(uri: vscode.Uri, shippedIds: ReadonlySet<string>, warnings: string[]): Promise<CatalogFile | undefined> {
		const name = uri.toString(true);
		let text: string;
		try {
			text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		} catch (e) {
			this.problems.push(`${name}: cannot be read (${(e as Error).message}).`);
			return undefined;
		}
		// Read completely (depth, syntax, every entry against the schema) before any of it is used.
		const result = readCustomCatalog(text, name, shippedIds);
		pushAll(this.problems, result.problems);
		pushAll(warnings, result.warnings);
		return result.file;
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
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (path.startsWith('/') && folder?.uri.scheme === 'vscode-remote' && vscode.env.uiKind === vscode.UIKind.Web) {
		// The browser's web-worker extension host of a remote workspace (code-server): `file:` there
		// is the browser's own (folders the user picked), so an absolute path names a file on the
		// machine the workspace is on, as it does for the extension host that runs there.
		return folder.uri.with({ path, query: '', fragment: '' });
	}
	if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return vscode.Uri.file(path);
	return folder ? vscode.Uri.joinPath(folder.uri, path) : undefined;
}
