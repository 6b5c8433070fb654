/**
 * `--format compact`: one finding a line, `file:line:col: severity rule: message`, the shape
 * compilers print and the `token-error-help` problem matcher in package.json reads, so a VS Code
 * task running the CLI fills the Problems panel.
 */
import type { Severity } from '../../core';
import { locatedFindings, type FileResult } from './findings';

/** As VS Code's problem matchers name severities (`hint` is read as info). */
const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

export function toCompact(results: readonly FileResult[], path: (file: string) => string): string {
	const lines: string[] = [];
	for (const result of results) {
		const file = path(result.file);
		for (const f of locatedFindings(result)) {
			lines.push(`${file}:${f.region.startLine}:${f.region.startColumn}: ${LABEL[f.severity]} ${f.rule}: ${f.message}`);
		}
	}
	return lines.join('\n');
}
