import * as vscode from 'vscode';
import { REPORT_SCHEME } from './constants';

interface ReportFile {
	readonly name: string;
	readonly data: Uint8Array;
	readonly ctime: number;
}

/**
 * The Explain Response reports, served as a read-only file system under
 * `token-error-help-report:/`: one flat folder of Markdown files, kept for the
 * session. A file system (rather than a text-document content provider) lets
 * other extensions `stat` a report and its folder as they do for any Markdown
 * document; every write is refused.
 */
export class ReportFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
	readonly #files = new Map<string, ReportFile>();
	readonly #onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
	readonly onDidChangeFile = this.#onDidChangeFile.event;
	readonly #created = Date.now();
	#modified = this.#created;
	#counter = 0;
	readonly #registration: vscode.Disposable;

	constructor() {
		this.#registration = vscode.workspace.registerFileSystemProvider(REPORT_SCHEME, this, { isCaseSensitive: true, isReadonly: true });
	}

	/** Stores a new report and returns its URI. */
	add(markdown: string): vscode.Uri {
		const name = `Token Error Help report ${++this.#counter}.md`;
		const now = Date.now();
		this.#files.set(name, { name, data: new TextEncoder().encode(markdown), ctime: now });
		this.#modified = now;
		const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
		this.#onDidChangeFile.fire([
			{ type: vscode.FileChangeType.Created, uri },
			{ type: vscode.FileChangeType.Changed, uri: uri.with({ path: '/' }) },
		]);
		return uri;
	}

	stat(uri: vscode.Uri): vscode.FileStat {
		if (isRoot(uri)) {
			return { type: vscode.FileType.Directory, ctime: this.#created, mtime: this.#modified, size: 0, permissions: vscode.FilePermission.Readonly };
		}
		const file = this.#file(uri);
		return { type: vscode.FileType.File, ctime: file.ctime, mtime: file.ctime, size: file.data.byteLength, permissions: vscode.FilePermission.Readonly };
	}

	readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
		if (!isRoot(uri)) {
			this.#file(uri); // throws FileNotFound for a name that is not a report
			throw vscode.FileSystemError.FileNotADirectory(uri);
		}
		return [...this.#files.keys()].map(name => [name, vscode.FileType.File]);
	}

	readFile(uri: vscode.Uri): Uint8Array {
		if (isRoot(uri)) throw vscode.FileSystemError.FileIsADirectory(uri);
		return this.#file(uri).data;
	}

	/** Reports never change once written: there is nothing to watch. */
	watch(): vscode.Disposable {
		return new vscode.Disposable(() => undefined);
	}

	createDirectory(uri: vscode.Uri): never {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	writeFile(uri: vscode.Uri): never {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	delete(uri: vscode.Uri): never {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	rename(oldUri: vscode.Uri): never {
		throw vscode.FileSystemError.NoPermissions(oldUri);
	}

	#file(uri: vscode.Uri): ReportFile {
		const file = uri.path.startsWith('/') && uri.path.indexOf('/', 1) < 0 ? this.#files.get(uri.path.slice(1)) : undefined;
		if (!file) throw vscode.FileSystemError.FileNotFound(uri);
		return file;
	}

	dispose(): void {
		this.#files.clear();
		this.#registration.dispose();
		this.#onDidChangeFile.dispose();
	}
}

function isRoot(uri: vscode.Uri): boolean {
	return uri.path === '/' || uri.path === '';
}
