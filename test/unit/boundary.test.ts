import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

// DESIGN.md §1: src/core never imports 'vscode' or a Node built-in, so it runs in the
// extension host, a browser and the CLI alike.

const CORE = join(__dirname, '../../src/core');

const NODE_BUILTINS = new Set([
	...builtinModules,
	'fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'util', 'buffer', 'stream',
]);

/** Every .ts file under `dir`, recursively. */
function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) return tsFiles(full);
		return name.endsWith('.ts') ? [full] : [];
	});
}

/** Module specifiers of static imports, re-exports, dynamic imports and `import x = require()`. */
function specifiers(source: string): string[] {
	const out: string[] = [];
	const patterns = [
		/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
		/\bimport\s*['"]([^'"]+)['"]/g,
		/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
	];
	for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
	return out;
}

/** Why `source` breaks the core boundary; empty when it does not. */
function violations(source: string): string[] {
	const found: string[] = [];
	for (const spec of specifiers(source)) {
		if (spec === 'vscode' || spec.startsWith('vscode/')) found.push(`imports '${spec}'`);
		else if (spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0])) found.push(`imports Node built-in '${spec}'`);
	}
	if (/\brequire\s*\(/.test(source)) found.push('uses require(');
	if (/\bprocess\s*\./.test(source)) found.push('uses process.');
	if (/\bBuffer\s*\./.test(source)) found.push('uses Buffer.');
	return found;
}

suite('core boundary', () => {
	const files = tsFiles(CORE);

	test('src/core has TypeScript files to check', () => {
		assert.ok(files.length >= 20, `only ${files.length} files under ${CORE}`);
		assert.ok(files.some((f) => f.endsWith(join('core', 'index.ts'))));
	});

	test('the checker catches every kind of violation', () => {
		const samples: [string, string[]][] = [
			["import * as vscode from 'vscode';", ["imports 'vscode'"]],
			["import { readFileSync } from 'fs';", ["imports Node built-in 'fs'"]],
			["import { join } from 'node:path';", ["imports Node built-in 'node:path'"]],
			["import type { Readable } from 'stream';", ["imports Node built-in 'stream'"]],
			["export { promisify } from 'util';", ["imports Node built-in 'util'"]],
			["import {\n\tcreateHash,\n} from 'crypto';", ["imports Node built-in 'crypto'"]],
			["const m = await import('child_process');", ["imports Node built-in 'child_process'"]],
			["import 'os';", ["imports Node built-in 'os'"]],
			["import { readFile } from 'fs/promises';", ["imports Node built-in 'fs/promises'"]],
			["const fs = require('fs');", ['uses require(']],
			['const home = process.env.HOME;', ['uses process.']],
			["const b = Buffer.from('x');", ['uses Buffer.']],
			["import { visit } from 'jsonc-parser';\nimport type { Span } from '../types';", []],
		];
		for (const [source, expected] of samples) assert.deepEqual(violations(source), expected, source);
	});

	for (const file of files) {
		const name = relative(CORE, file);
		test(`src/core/${name} uses neither vscode nor Node`, () => {
			assert.deepEqual(violations(readFileSync(file, 'utf8')), []);
		});
	}
});
