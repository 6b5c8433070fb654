import type { Severity } from '../core';

/** Output formats of `explain` (json and markdown are also --json and --markdown). */
export const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif', 'compact'] as const;
export type Format = typeof FORMATS[number];

/** Parsed command line of `token-error-help`. */
export interface CliOptions {
	command: 'explain' | 'mcp' | 'help' | 'version' | 'lsp';
	inputs: string[];
	/** The output format; `json` and `markdown` mirror it for older callers. */
	format: Format;
	json: boolean;
	markdown: boolean;
	/** --summary: also append the Markdown report to this file (a GitHub job summary). */
	summary: string | null;
	failOn: Severity | null;
	color: boolean | null;
	/** --threads: worker threads for inputs of 4 MB or more; 'auto': one per core; null (the default): none. */
	threads: number | 'auto' | null;
}

/** A usage mistake: reported with exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: token-error-help explain [FILE|DIR|-]... [--format FORMAT] [--summary FILE] [--fail-on error|warning] [--threads N|auto] [--no-color]
       token-error-help mcp
       token-error-help lsp --stdio

Explains OAuth 2.0 / OpenID Connect error responses, error codes and token
requests found in the given files (directories are searched for .http, .rest,
.txt, .log, .json, .jsonc, .md, .har files; "-" or no input reads standard
input; "--" ends the options). Files are read as UTF-8 (with or without a BOM)
or UTF-16 with a BOM. Secrets in the input are never printed.

"mcp" serves the same answers to AI assistants: an MCP server on standard
input and output (tools explain_token_error and lookup_error_code).

Options:
  --format <format>    text (default), json, markdown, github (workflow commands
                       that annotate a GitHub Actions run), sarif (SARIF 2.1.0
                       for code scanning) or compact (file:line:col: severity
                       rule: message, one finding a line)
  --json               the same as --format json (schema in the README)
  --markdown           the same as --format markdown: the full report
  --summary <file>     also append the Markdown report to this file (for
                       GitHub Actions: --summary "$GITHUB_STEP_SUMMARY")
  --fail-on <level>    exit 1 when a finding of this severity or worse exists
  --no-color           never use colour (colour is only used on a terminal)
  --threads <n|auto>   analyse an input of 4 MB or more on n worker threads
                       (auto: one per core; default: none, as no speed-up
                       is measured yet); the output is the same as on one thread
  -h, --help           show this help
  -v, --version        show the version

"lsp --stdio" runs the language server (diagnostics, hover, quick fixes) on
standard input and output, for editors with an LSP client.

Exit codes: 0 the analysis ran; 1 with --fail-on, a finding of that level or
worse (or an analysis cut at its message limit); 2 a usage error, unreadable
input or output that cannot be written; 3 an internal error.`;

/** Parses argv (without node and script). Throws {@link UsageError} on mistakes. */
export function parseArgs(argv: readonly string[]): CliOptions {
	const options: CliOptions = { command: 'explain', inputs: [], format: 'text', json: false, markdown: false, summary: null, failOn: null, color: null, threads: null };
	const rest = [...argv];
	const first = rest[0];
	if (first === '-h' || first === '--help' || first === 'help') return { ...options, command: 'help' };
	if (first === '-v' || first === '--version') return { ...options, command: 'version' };
	if (first === 'lsp') return parseLspArgs(rest.slice(1), options);
	if (first === 'mcp') {
		const extra = rest[1];
		if (extra === '-h' || extra === '--help') return { ...options, command: 'help' };
		if (extra !== undefined) throw new UsageError(`"mcp" takes no arguments (got "${extra}").`);
		return { ...options, command: 'mcp' };
	}
	if (first !== 'explain') throw new UsageError(first ? `Unknown command "${first}".` : 'Missing command.');
	rest.shift();
	const formats = new Set<Format>();
	const formatFlags: string[] = [];
	const valueOf = (arg: string, name: string): string => {
		const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest.shift();
		if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
		return value;
	};
	while (rest.length) {
		const arg = rest.shift()!;
		if (arg === '--') {
			// Everything after `--` is an input, even a name starting with `-`.
			options.inputs.push(...rest.splice(0));
			break;
		}
		if (arg === '--json' || arg === '--markdown') {
			formats.add(arg === '--json' ? 'json' : 'markdown');
			formatFlags.push(arg);
		} else if (arg === '--format' || arg.startsWith('--format=')) {
			const value = valueOf(arg, '--format');
			if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format needs one of ${FORMATS.join(', ')} (got "${value}").`);
			formats.add(value as Format);
			formatFlags.push(`--format ${value}`);
		} else if (arg === '--summary' || arg.startsWith('--summary=')) options.summary = valueOf(arg, '--summary');
		else if (arg === '--threads' || arg.startsWith('--threads=')) {
			const value = valueOf(arg, '--threads');
			if (value === 'auto') options.threads = 'auto';
			else if (!/^\d{1,3}$/.test(value) || Number(value) < 1) throw new UsageError(`--threads needs a whole number from 1 to 999, or auto (got "${value}").`);
			else options.threads = Number(value);
		} else if (arg === '--no-color') options.color = false;
		else if (arg === '--color') options.color = true;
		else if (arg === '-h' || arg === '--help') return { ...options, command: 'help' };
		else if (arg === '--fail-on' || arg.startsWith('--fail-on=')) {
			const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest.shift();
			if (value !== 'error' && value !== 'warning') throw new UsageError('--fail-on needs "error" or "warning".');
			options.failOn = value;
		} else if (arg.startsWith('--') || (arg.startsWith('-') && arg !== '-')) {
			throw new UsageError(`Unknown option "${arg}".`);
		} else {
			options.inputs.push(arg);
		}
	}
	if (formats.size > 1) throw new UsageError(`Choose one output format (got ${formatFlags.join(', ')}).`);
	options.format = [...formats][0] ?? 'text';
	options.json = options.format === 'json';
	options.markdown = options.format === 'markdown';
	return options;
}

/** `lsp [--stdio] [--clientProcessId=N]`: standard input and output are the only transport. */
function parseLspArgs(rest: string[], options: CliOptions): CliOptions {
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (arg === '-h' || arg === '--help') return { ...options, command: 'help' };
		// The protocol library reads --clientProcessId itself, to exit when the editor is gone.
		if (arg === '--clientProcessId' && /^\d+$/.test(rest[i + 1] ?? '')) i++;
		else if (arg !== '--stdio' && !/^--clientProcessId=\d+$/.test(arg)) throw new UsageError(`Unknown option "${arg}" for lsp: the language server speaks over --stdio only.`);
	}
	return { ...options, command: 'lsp' };
}
