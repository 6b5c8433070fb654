import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, escapeMarkdown, renderReport, type Analysis, type Severity } from '../core';
import { CopyIndex } from '../core/secrets/copyIndex';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatResults, summaryMarkdown } from './formats/dispatch';
import { startMcp } from './mcpCommand';
import { toJson, toText } from './output';

const EXTENSIONS = ['.http', '.rest', '.txt', '.log', '.json', '.md', '.jsonc'];
const MAX_INPUT_BYTES = 512 * 1024 * 1024;
const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

interface Input {
	file: string;
	text: string;
}

/** Runs the CLI; returns the exit code. */
export function run(argv: readonly string[], stdout: (s: string) => void, stderr: (s: string) => void, stdinText: () => string, isTty: boolean): number {
	let options: CliOptions;
	try {
		options = parseArgs(argv);
	} catch (e) {
		if (e instanceof UsageError) {
			stderr(`token-error-help: ${e.message}\n\n${USAGE}\n`);
			return 2;
		}
		throw e;
	}
	if (options.command === 'help') {
		stdout(`${USAGE}\n`);
		return 0;
	}
	if (options.command === 'version') {
		stdout(`${VERSION}\n`);
		return 0;
	}
	if (options.command === 'lsp') {
		// The language server and its protocol library live in dist/lsp.js, loaded only for this command.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		(require('./lsp.js') as typeof import('../lsp/server')).runStdioServer();
		return 0;
	}
	if (options.command === 'mcp') {
		startMcp(VERSION, stderr);
		return 0;
	}
	let inputs: Input[];
	try {
		inputs = readInputs(options.inputs, stdinText);
	} catch (e) {
		stderr(`token-error-help: ${(e as Error).message}\n`);
		return 2;
	}
	const results = inputs.map(input => ({ ...input, analysis: analyze(input.text) }));
	const color = options.color ?? isTty;
	if (options.summary !== null) {
		try {
			appendFileSync(options.summary, `${results.map(r => scrub(summaryMarkdown(r, results.length > 1), r.text, r.analysis)).join('\n')}\n`);
		} catch (e) {
			stderr(`token-error-help: cannot write the summary to "${options.summary}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).\n`);
			return 2;
		}
	}
	if (options.format === 'json') {
		stdout(`${JSON.stringify(toJson(results, results.length > 1), null, 2)}\n`);
	} else if (options.format === 'markdown') {
		for (const r of results) stdout(`${scrub(renderReport(r.text, r.analysis.messages), r.text, r.analysis)}\n`);
	} else if (options.format === 'text') {
		stdout(`${results.map(r => scrub(toText(r.file, r.text, r.analysis, color), r.text, r.analysis)).join('\n\n')}\n`);
	} else {
		const out = results.reduce((o, r) => scrub(o, r.text, r.analysis), formatResults(options.format, results, VERSION));
		if (out) stdout(`${out}\n`);
	}
	if (options.failOn) {
		const threshold = RANK[options.failOn];
		const failing = results.some(r => r.analysis.messages.some(m => m.findings.some(f => RANK[f.severity] >= threshold)));
		if (failing) return 1;
	}
	return 0;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/**
 * Last line of defence: no detected secret value (8+ characters) ever reaches the output, not even
 * Markdown-escaped. One pass over the output (CopyIndex), however many secrets the input holds.
 */
function scrub(output: string, text: string, analysis: Analysis): string {
	const values = analysis.messages.flatMap(m => m.secrets).map(s => text.slice(s.start, s.end));
	return new CopyIndex([...values, ...values.map(escapeMarkdown)].map(v => [v, '«redacted»'] as const)).replace(output);
}

function readInputs(paths: readonly string[], stdinText: () => string): Input[] {
	if (paths.length === 0 || (paths.length === 1 && paths[0] === '-')) return [{ file: '<stdin>', text: stdinText() }];
	const inputs: Input[] = [];
	for (const path of paths) {
		if (path === '-') {
			inputs.push({ file: '<stdin>', text: stdinText() });
			continue;
		}
		let stat;
		try {
			stat = statSync(path);
		} catch (cause) {
			throw new Error(`cannot read "${path}": no such file or directory.`, { cause });
		}
		if (stat.isDirectory()) {
			const files = listFiles(path);
			if (!files.length) throw new Error(`"${path}" holds no .http, .rest, .txt, .log, .json or .md files.`);
			for (const file of files) inputs.push(readOne(file));
		} else {
			inputs.push(readOne(path));
		}
	}
	return inputs;
}

function readOne(file: string): Input {
	try {
		if (statSync(file).size > MAX_INPUT_BYTES) throw new Error(`"${file}" is larger than 512 MB.`);
		return { file, text: readFileSync(file, 'utf8') };
	} catch (e) {
		const message = (e as NodeJS.ErrnoException).code ? `cannot read "${file}" (${(e as NodeJS.ErrnoException).code}).` : (e as Error).message;
		throw new Error(message, { cause: e });
	}
}

function listFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		const full = join(dir, entry.name);
		if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...listFiles(full));
		else if (entry.isFile() && EXTENSIONS.some(ext => entry.name.endsWith(ext)) && entry.name !== 'EXPECTED.md') out.push(full);
	}
	return out;
}

if (require.main === module) {
	const code = run(process.argv.slice(2), s => process.stdout.write(s), s => process.stderr.write(s), () => {
		try {
			return readFileSync(0, 'utf8');
		} catch {
			throw new Error('cannot read standard input.');
		}
	}, !!process.stdout.isTTY);
	process.exitCode = code;
}

