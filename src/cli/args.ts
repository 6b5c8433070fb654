import type { Severity } from '../core';

/** Parsed command line of `token-error-help`. */
export interface CliOptions {
	command: 'explain' | 'help' | 'version';
	inputs: string[];
	json: boolean;
	markdown: boolean;
	failOn: Severity | null;
	color: boolean | null;
}

/** A usage mistake: reported with exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: token-error-help explain [FILE|DIR|-]... [--json] [--markdown] [--fail-on error|warning] [--no-color]

Explains OAuth 2.0 / OpenID Connect error responses, error codes and token
requests found in the given files (directories are searched for .http, .rest,
.txt, .log, .json, .jsonc, .md, .har files; "-" or no input reads standard
input; "--" ends the options). Files are read as UTF-8 (with or without a BOM)
or UTF-16 with a BOM. Secrets in the input are never printed.

Options:
  --json               print the analysis as JSON (schema in the README)
  --markdown           print the full Markdown report
  --fail-on <level>    exit 1 when a finding of this severity or worse exists
  --no-color           never use colour (colour is only used on a terminal)
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 the analysis ran; 1 with --fail-on, a finding of that level or
worse (or an analysis cut at its message limit); 2 a usage error, unreadable
input or output that cannot be written; 3 an internal error.`;

/** Parses argv (without node and script). Throws {@link UsageError} on mistakes. */
export function parseArgs(argv: readonly string[]): CliOptions {
	const options: CliOptions = { command: 'explain', inputs: [], json: false, markdown: false, failOn: null, color: null };
	const rest = [...argv];
	const first = rest[0];
	if (first === '-h' || first === '--help' || first === 'help') return { ...options, command: 'help' };
	if (first === '-v' || first === '--version') return { ...options, command: 'version' };
	if (first !== 'explain') throw new UsageError(first ? `Unknown command "${first}".` : 'Missing command.');
	rest.shift();
	while (rest.length) {
		const arg = rest.shift()!;
		if (arg === '--') {
			// Everything after `--` is an input, even a name starting with `-`.
			options.inputs.push(...rest.splice(0));
			break;
		}
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
