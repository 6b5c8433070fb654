import { appendFileSync, readFileSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import { analyze, escapeMarkdown, renderReport, type Analysis, type Severity } from '../core';
import { sanitizeText, terminalSafeJson } from '../core/explain/sanitize';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatResults, summaryMarkdown } from './formats/dispatch';
import { describeError, InputError, readInputs, type Input } from './inputs';
import { startMcp } from './mcpCommand';
import { outputScrubber, toJson, toText } from './output';
import { analyzeInParts, parallelSizes, partLength, PartPool, threadCount } from './parallel';
import { serveParts } from './parallelWorker';

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** Exit codes (documented in the README and the usage text). */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/**
 * Runs the CLI; returns the exit code: 0 the analysis ran, 1 a finding at the
 * `--fail-on` level (or a truncated analysis with `--fail-on`), 2 a usage or
 * input error, 3 an internal error (a one-line message, never a stack trace).
 */
export function run(argv: readonly string[], stdout: (s: string) => void, stderr: (s: string) => void, stdin: () => Buffer, isTty: boolean): number | Promise<number> {
	const say = (message: string) => stderr(`token-error-help: ${sanitizeText(message)}\n`);
	try {
		const code = runChecked(argv, stdout, say, stdin, isTty);
		// With --threads, inputs of 4 MB or more are analysed on worker threads: the exit code comes later.
		return typeof code === 'number' ? code : code.catch(e => failed(e, say));
	} catch (e) {
		return failed(e, say);
	}
}

/** The exit code and message of an error thrown while running. */
function failed(e: unknown, say: (message: string) => void): number {
	if (e instanceof UsageError) {
		say(`${e.message}\n\n${USAGE}`);
		return EXIT.usage;
	}
	if (e instanceof InputError || e instanceof OutputError) {
		say(e.message);
		return EXIT.usage;
	}
	say(`internal error: ${describeError(e)}. Please report it (without your input's secrets).`);
	return EXIT.internal;
}

/** Writing the output failed (a full disk); a closed pipe is not an error (see the entry point). */
export class OutputError extends Error {}

function runChecked(argv: readonly string[], stdout: (s: string) => void, say: (s: string) => void, stdin: () => Buffer, isTty: boolean): number | Promise<number> {
	const options: CliOptions = parseArgs(argv);
	if (options.command === 'help') {
		stdout(`${USAGE}\n`);
		return EXIT.ok;
	}
	if (options.command === 'version') {
		stdout(`${VERSION}\n`);
		return EXIT.ok;
	}
	if (options.command === 'lsp') {
		// The language server and its protocol library live in dist/lsp.js, loaded only for this command.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		(require('./lsp.js') as typeof import('../lsp/server')).runStdioServer();
		return EXIT.ok;
	}
	if (options.command === 'mcp') {
		startMcp(VERSION, s => say(s.replace(/^token-error-help: /, '').trimEnd()));
		return EXIT.ok;
	}
	const inputs: Input[] = readInputs(options.inputs, stdin, message => say(`note: ${message}`));
	const threads = threadCount(options.threads);
	const { minChars, partChars, maxMessages, testing } = parallelSizes();
	if (threads > 1 && inputs.some(input => input.text.length >= minChars)) {
		const pool = new PartPool(threads, __filename);
		const analyses = (async () => {
			const results: Array<Input & { analysis: Analysis }> = [];
			try {
				for (const input of inputs) {
					const parts = input.text.length >= minChars ? await analyzeInParts(input.text, pool, partChars ?? partLength(input.text.length, threads), maxMessages).catch(() => undefined) : undefined;
					if (testing) say(`note: ${input.file}: ${parts ? `analysed in parts on ${threads} threads` : 'analysed on one thread'}.`);
					results.push({ ...input, analysis: parts ?? analyze(input.text, { maxMessages }) });
				}
			} finally {
				await pool.close();
			}
			return results;
		})();
		return analyses.then(results => report(results, options, stdout, say, isTty));
	}
	return report(inputs.map(input => ({ ...input, analysis: analyze(input.text, { maxMessages }) })), options, stdout, say, isTty);
}

/** Writes the output of the analysed inputs; returns the exit code. */
function report(results: ReadonlyArray<Input & { analysis: Analysis }>, options: CliOptions, stdout: (s: string) => void, say: (s: string) => void, isTty: boolean): number {
	const color = options.color ?? isTty;
	const several = results.length > 1;
	if (options.summary !== null) {
		const summary = results.map(r => outputScrubber([r], 'markdown')(summaryMarkdown(r, several))).join('\n');
		try {
			appendFileSync(options.summary, `${summary}\n`);
		} catch (e) {
			throw new OutputError(`cannot write the summary to "${options.summary}" (${describeError(e)}).`, { cause: e });
		}
	}
	if (options.format !== 'text' && options.format !== 'json' && options.format !== 'markdown') {
		const out = outputScrubber(results, 'text')(formatResults(options.format, results, VERSION));
		if (out) stdout(`${out}\n`);
	} else if (options.json) {
		const scrub = outputScrubber(results, 'json');
		stdout(`${terminalSafeJson(scrub(JSON.stringify(toJson(results, several), null, 2)))}\n`);
	} else if (options.markdown) {
		for (const r of results) {
			const heading = several ? `**File:** ${escapeMarkdown(r.file)}\n\n` : '';
			stdout(`${heading}${outputScrubber([r], 'markdown')(renderReport(r.text, r.analysis.messages))}\n`);
		}
	} else {
		stdout(`${results.map(r => outputScrubber([r], 'text')(toText(r.file, r.text, r.analysis, color))).join('\n\n')}\n`);
	}
	if (!options.failOn) return EXIT.ok;
	const threshold = RANK[options.failOn];
	const failing = results.some(r => r.analysis.messages.some(m => m.findings.some(f => RANK[f.severity] >= threshold)));
	const truncated = results.filter(r => r.analysis.truncated);
	if (!failing && truncated.length) {
		say(`${truncated.map(r => r.file).join(', ')}: the analysis stopped at its message limit, so --fail-on counts it as failing (later messages were not examined).`);
	}
	return failing || truncated.length ? EXIT.findings : EXIT.ok;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/**
 * The entry point: wires the process streams, ends quietly when the reader of
 * stdout goes away (`explain x | head`), turns a failed write into exit 2 and
 * anything unexpected into exit 3 with one line, never a stack trace.
 */
function main(): void {
	let exitCode: number = EXIT.ok;
	const fail = (code: number, message: string) => {
		try {
			process.stderr.write(`token-error-help: ${sanitizeText(message)}\n`);
		} finally {
			process.exit(code);
		}
	};
	process.stdout.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code === 'EPIPE') process.exit(exitCode);
		fail(EXIT.usage, `cannot write the output: ${describeError(e)}.`);
	});
	process.stderr.on('error', () => process.exit(exitCode || EXIT.usage));
	process.on('uncaughtException', e => fail(EXIT.internal, `internal error: ${describeError(e)}.`));
	const write = (s: string) => {
		try {
			process.stdout.write(s);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(exitCode);
			throw new OutputError(`cannot write the output: ${describeError(e)}.`, { cause: e });
		}
	};
	const code = run(process.argv.slice(2), write, s => process.stderr.write(s), () => readFileSync(0), !!process.stdout.isTTY);
	if (typeof code === 'number') process.exitCode = exitCode = code;
	else void code.then(c => { process.exitCode = exitCode = c; });
}

if (!isMainThread && (workerData as { tokenErrorHelpParts?: boolean } | null)?.tokenErrorHelpParts) serveParts();
else if (require.main === module) main();
