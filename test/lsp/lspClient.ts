import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
	createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
	DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification,
	ShutdownRequest, StreamMessageReader, StreamMessageWriter,
	type ClientCapabilities, type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = resolve(__dirname, '../..');
export const CLI = resolve(ROOT, 'dist/cli.js');

/** How long to wait for something the server must send (a bound for a hung server, not a speed check). */
const WAIT_MS = 20_000;

/**
 * The client side of the protocol over a real `node dist/cli.js lsp --stdio` process:
 * vscode-languageserver-protocol's own connection, as editors built on it use.
 */
export class LspClient {
	readonly connection: ProtocolConnection;
	/** Every publishDiagnostics the server sent, in order. */
	readonly published: PublishDiagnosticsParams[] = [];
	/** What the server wrote to standard error. */
	stderr = '';
	readonly #process: ChildProcess;
	readonly #exited: Promise<number | null>;
	readonly #listeners = new Set<() => void>();

	private constructor(child: ChildProcess) {
		this.#process = child;
		child.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
		this.#exited = new Promise(done => child.on('exit', code => done(code)));
		this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
		this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
			this.published.push(params);
			for (const listener of [...this.#listeners]) listener();
		});
		this.connection.listen();
	}

	/** Starts the server and completes the initialize handshake. */
	static async start(options: { initializationOptions?: unknown; capabilities?: ClientCapabilities } = {}): Promise<{ client: LspClient; result: InitializeResult }> {
		if (!existsSync(CLI) || !existsSync(resolve(ROOT, 'dist/lsp.js'))) throw new Error('dist/cli.js or dist/lsp.js is missing: run "npm run build" first (npm run test:lsp builds).');
		const client = new LspClient(spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
		const result = await client.connection.sendRequest(InitializeRequest.type, {
			processId: process.pid,
			rootUri: null,
			capabilities: options.capabilities ?? { textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } } },
			initializationOptions: options.initializationOptions,
		});
		await client.connection.sendNotification(InitializedNotification.type, {});
		return { client, result };
	}

	async open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
		await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
	}

	async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
		await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
	}

	async close(uri: string): Promise<void> {
		await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
	}

	async configure(settings: unknown): Promise<void> {
		await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
	}

	/** The first publishDiagnostics for `uri`, among those sent after the first `after` ones, that `accept` takes. */
	waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, after = 0): Promise<PublishDiagnosticsParams> {
		return new Promise((done, fail) => {
			const check = () => {
				const found = this.published.slice(after).find(p => p.uri === uri && accept(p));
				if (!found) return false;
				clearTimeout(timer);
				this.#listeners.delete(listener);
				done(found);
				return true;
			};
			const listener = () => { check(); };
			const timer = setTimeout(() => {
				this.#listeners.delete(listener);
				fail(new Error(`no matching diagnostics for ${uri} within ${WAIT_MS} ms; received: ${JSON.stringify(this.published.filter(p => p.uri === uri).map(p => ({ version: p.version, codes: p.diagnostics.map(d => d.code) })))}\nstderr: ${this.stderr}`));
			}, WAIT_MS);
			this.#listeners.add(listener);
			check();
		});
	}

	/** shutdown, then exit; resolves with the process's exit code. */
	async stop(): Promise<number | null> {
		await this.connection.sendRequest(ShutdownRequest.type);
		await this.connection.sendNotification(ExitNotification.type);
		const code = await this.#exited;
		this.connection.dispose();
		return code;
	}

	/** Ends the process if a test failed before stop(). */
	kill(): void {
		if (this.#process.exitCode === null) this.#process.kill();
		this.connection.dispose();
	}
}
