/**
 * `--format github`: GitHub Actions workflow commands, one per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the runner
 * turns into annotations on the run and on the files of a pull request.
 */
import type { Severity } from '../../core';
import { locatedFindings, type FileResult } from './findings';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes a command's message: `%`, CR and LF (else a line break would end the command early). */
export function escapeData(value: string): string {
	return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as data, and `:` and `,`, which separate properties. */
export function escapeProperty(value: string): string {
	return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The workflow commands for the findings of `results`. `path` gives the repository-relative
 * path of a file; standard input gets annotations without a file.
 */
export function toGithub(results: readonly FileResult[], path: (file: string) => string | null): string {
	const lines: string[] = [];
	for (const result of results) {
		const file = path(result.file);
		for (const f of locatedFindings(result)) {
			const { startLine, startColumn, endLine, endColumn } = f.region;
			const properties: Array<[string, string | number]> = [];
			if (file !== null) properties.push(['file', file]);
			properties.push(['line', startLine], ['col', startColumn], ['endLine', endLine]);
			// GitHub takes a column range only within one line.
			if (endLine === startLine) properties.push(['endColumn', endColumn]);
			properties.push(['title', `${f.headline} [${f.rule}]`]);
			lines.push(`::${COMMAND[f.severity]} ${properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(f.message)}`);
		}
	}
	return lines.join('\n');
}
