import type { Severity } from '../core';

/** Parsed command line of `token-error-help`. */
export interface CliOptions {
	command: 'explain' | 'help' | 'version' | 'lsp';
	inputs: string[];
	json: boolean;
	markdown: boolean;
	failOn: Severity | null;
	color: boolean | null;
}

/** A usage mistake: reported with exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: token-error-help explain [FILE|DIR|-]... [--json] [--markdown] [--fail-on error|warning] [--no-color]
       token-error-help lsp --stdio

Explains OAuth 2.0 / OpenID Connect error responses, error codes and token
requests found in the given files (directories are searched for .http, .rest,
.txt, .log, .json, .md files; "-" or no input reads standard input).
Secrets in the input are never printed.

Options:
  --json               print the analysis as JSON (schema in the README)
  --markdown           print the full Markdown report
  --fail-on <level>    exit 1 when a finding of this severity or worse exists
  --no-color           never use colour (colour is only used on a terminal)
  -h, --help           show this help
  -v, --version        show the version

"lsp --stdio" runs the language server (diagnostics, hover, quick fixes) on
standard input and output, for editors with an LSP client.

Exit codes: 0 analysis ran, 1 findings at --fail-on level, 2 usage error or unreadable input.`;

/** Parses argv (without node and script). Throws {@link UsageError} on mistakes. */
export function parseArgs(argv: readonly string[]): CliOptions {
	const options: CliOptions = { command: 'explain', inputs: [], json: false, markdown: false, failOn: null, color: null };
	const rest = [...argv];
	const first = rest[0];
	if (first === '-h' || first === '--help' || first === 'help') return { ...options, command: 'help' };
	if (first === '-v' || first === '--version') return { ...options, command: 'version' };
	if (first === 'lsp') return parseLspArgs(rest.slice(1), options);
	if (first !== 'explain') throw new UsageError(first ? `Unknown command "${first}".` : 'Missing command.');
	rest.shift();
	while (rest.length) {
		const arg = rest.shift()!;
		if (arg === '--json') options.json = true;
		else if (arg === '--markdown') options.markdown = true;
		else if (arg === '--no-color') options.color = false;
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
	if (options.json && options.markdown) throw new UsageError('Choose one of --json and --markdown.');
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
