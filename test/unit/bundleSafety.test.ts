import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import ts from 'typescript';

// Issue 5, security: the shipped code makes no network calls and sends no telemetry. The built
// bundles are parsed (so words in the catalog's prose never count) and every call, construction
// and module load is checked against what could reach the network.

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');

/** Browser and Node APIs that reach the network, or that load code which could. */
const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'RTCPeerConnection', 'importScripts']);
/** Methods that send data away (navigator.sendBeacon) or report telemetry (vscode.env.createTelemetryLogger). */
const NETWORK_METHODS = new Set(['fetch', 'sendBeacon', 'createTelemetryLogger', 'openExternal']);
const TELEMETRY = /TelemetryReporter|applicationinsights|extension-telemetry|createTelemetryLogger|dc\.services\.visualstudio\.com|telemetryLevel/;
/** The only modules the bundles may load: the editor API and, for the CLI, reading files. */
const ALLOWED_MODULES = new Set(['vscode', 'fs', 'node:fs', 'path', 'node:path']);
/**
 * What else each bundle may load. The CLI loads the language server's bundle (checked itself) for
 * `lsp` only. The language server's protocol library loads os, crypto, util and url (temp-file
 * names, random ids, text decoding, file URIs), none of which reaches the network; its `net` and
 * `child_process` (socket and pipe transports, global module lookup) are replaced at build time
 * by a module that throws (scripts/build.mjs), so they stay forbidden here.
 */
const ALSO_ALLOWED: Record<string, readonly string[]> = {
	// The CLI also hashes SARIF fingerprints, loads the MCP server's bundle for `mcp` only, and
	// analyses large inputs on worker threads (one per core: os) running its own bundle.
	'cli.js': ['./lsp.js', 'node:crypto', './mcp.js', 'node:worker_threads', 'node:os'],
	'lsp.js': ['os', 'crypto', 'util', 'node:util', 'url'],
	// The MCP server reads and writes standard input and output.
	'mcp.js': ['node:process'],
};

/** What in a bundle could reach the network: one line per finding. */
function networkUses(source: string, fileName = 'bundle.js'): string[] {
	const allowed = new Set([...ALLOWED_MODULES, ...ALSO_ALLOWED[basename(fileName)] ?? []]);
	const found: string[] = [];
	if (TELEMETRY.test(source)) found.push(`telemetry: ${TELEMETRY.exec(source)![0]}`);
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
	const nameOf = (node: ts.Node): string | undefined =>
		ts.isIdentifier(node) ? node.text
			: ts.isPropertyAccessExpression(node) ? node.name.text
				: ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text
					: undefined;
	const moduleLoad = (specifier: ts.Expression | undefined, how: string) => {
		if (!specifier || !ts.isStringLiteralLike(specifier)) found.push(`${how} of a computed module`);
		else if (!allowed.has(specifier.text)) found.push(`${how}("${specifier.text}")`);
	};
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node)) {
			const callee = node.expression;
			if (callee.kind === ts.SyntaxKind.ImportKeyword) moduleLoad(node.arguments[0], 'import');
			else if (ts.isIdentifier(callee) && callee.text === 'require') moduleLoad(node.arguments[0], 'require');
			const name = nameOf(callee);
			if (name && (NETWORK_METHODS.has(name) || NETWORK_GLOBALS.has(name))) found.push(`call ${name}(`);
		} else if (ts.isNewExpression(node)) {
			const name = nameOf(node.expression);
			if (name && NETWORK_GLOBALS.has(name)) found.push(`new ${name}(`);
		} else if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
			moduleLoad(node.moduleSpecifier, 'import');
		} else if (ts.isIdentifier(node) && NETWORK_GLOBALS.has(node.text) && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
			// A bare reference (`const f = fetch`, `self.WebSocket`) counts as much as a call.
			found.push(`reference to ${node.text}`);
		} else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && (NETWORK_GLOBALS.has(node.argumentExpression.text) || NETWORK_METHODS.has(node.argumentExpression.text))) {
			found.push(`reference to ["${node.argumentExpression.text}"]`);
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return [...new Set(found)];
}

/** The built JavaScript bundles; builds them first (scripts/build.mjs, as npm run build does) when dist/ has none. */
function bundles(): string[] {
	const list = () => existsSync(DIST) ? readdirSync(DIST).filter(f => /\.(c|m)?js$/.test(f)).map(f => join(DIST, f)) : [];
	if (!list().some(f => f.endsWith('extension.js'))) {
		const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
		assert.equal(r.status, 0, `dist/extension.js is missing and the build failed:\n${r.stdout}${r.stderr}`);
	}
	return list();
}

suite('bundle safety: no network, no telemetry', function () {
	this.timeout(120_000);

	test('the checker finds every kind of network use', () => {
		const samples: Array<[string, RegExp]> = [
			['fetch("https://example.com")', /call fetch/],
			['globalThis.fetch(u)', /call fetch/],
			['const f = fetch; f(u)', /reference to fetch/],
			['self["fetch"](u)', /fetch/],
			['new XMLHttpRequest()', /XMLHttpRequest/],
			['new WebSocket("wss://x")', /WebSocket/],
			['new EventSource("/events")', /EventSource/],
			['navigator.sendBeacon("/t", d)', /sendBeacon/],
			['importScripts("https://x/a.js")', /importScripts/],
			['require("https").get(u)', /require\("https"\)/],
			['require("node:http")', /require\("node:http"\)/],
			['require("net")', /require\("net"\)/],
			['require("tls")', /require\("tls"\)/],
			['require("dgram")', /require\("dgram"\)/],
			['require("dns")', /require\("dns"\)/],
			['require("child_process").exec("curl x")', /require\("child_process"\)/],
			['require(name)', /computed module/],
			['import("https://x/a.js")', /import\("https:/],
			['import * as h from "http"; h.get(u)', /import\("http"\)/],
			['vscode.env.createTelemetryLogger(sender)', /createTelemetryLogger/],
			['new TelemetryReporter(key)', /telemetry/],
			['vscode.env.openExternal(uri)', /openExternal/],
		];
		for (const [code, expected] of samples) {
			const found = networkUses(code);
			assert.ok(found.some(f => expected.test(f)), `${code}: ${JSON.stringify(found)}`);
		}
	});

	test('the checker ignores prose and allowed modules', () => {
		const code = 'var a={text:"fetch a new token (from the WebSocket gateway)",match:["fetch"]};var v=require("vscode"),p=require("node:path");';
		assert.deepEqual(networkUses(code), []);
	});

	test('the built bundles make no network calls and load no network module', () => {
		const files = bundles();
		assert.ok(['extension.js', 'cli.js', 'lsp.js', 'mcp.js'].every(name => files.some(f => basename(f) === name)), `bundles in dist/: ${files.join(', ')}`);
		for (const file of files) {
			assert.deepEqual(networkUses(readFileSync(file, 'utf8'), file), [], file.slice(ROOT.length + 1));
		}
	});

	test('only the CLI may load the language server, and the language server loads no socket or process module', () => {
		const samples: Array<[string, string, boolean]> = [
			['cli.js', 'require("./lsp.js")', true],
			['extension.js', 'require("./lsp.js")', false],
			['lsp.js', 'require("os"),require("crypto"),require("url")', true],
			['cli.js', 'require("os")', false],
			['lsp.js', 'require("net")', false],
			['lsp.js', 'require("child_process")', false],
			['lsp.js', 'require("node:net")', false],
		];
		for (const [file, code, clean] of samples) assert.equal(networkUses(code, join(DIST, file)).length === 0, clean, `${file}: ${code}`);
	});

	test('no telemetry or HTTP client among the runtime dependencies', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
		const suspicious = Object.keys(manifest.dependencies ?? {}).filter(name => /telemetry|applicationinsights|analytics|sentry|axios|fetch|got$|request|undici|^ws$|socket/i.test(name));
		assert.deepEqual(suspicious, []);
	});
});
