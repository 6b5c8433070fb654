/**
 * The CI formats of `explain` (github, sarif, compact) and the job summary, behind one call
 * for main.ts. File names become paths relative to the working directory, as CI systems and
 * editors expect them.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { escapeMarkdown, renderReport } from '../../core';
import type { Format } from '../args';
import { toCompact } from './compact';
import { oneLine, type FileResult } from './findings';
import { toGithub } from './github';
import { toSarif } from './sarif';

const STDIN = '<stdin>';

/** The output of `format` for `results` (without a final line break; empty when nothing was found). */
export function formatResults(format: Exclude<Format, 'text' | 'json' | 'markdown'>, results: readonly FileResult[], version: string): string {
	switch (format) {
		case 'github': return toGithub(results, file => file === STDIN ? null : relativePath(file));
		case 'sarif': return JSON.stringify(toSarif(results, file => file === STDIN ? 'stdin' : relativeUri(file), version), null, 2);
		case 'compact': return toCompact(results, file => oneLine(file));
	}
}

/** The job-summary Markdown of one input: the report, under the file's name when there are several. */
export function summaryMarkdown(r: FileResult, multiple: boolean): string {
	const report = renderReport(r.text, r.analysis.messages);
	return multiple ? `**${escapeMarkdown(r.file === STDIN ? 'standard input' : relativePath(r.file))}**\n\n${report}` : report;
}

/** `file` relative to the working directory, with `/` separators. */
export function relativePath(file: string): string {
	const rel = relative(process.cwd(), resolve(file));
	return oneLine(rel.split(sep).join('/'));
}

/** A relative URI reference for `file` (each segment percent-encoded), or a file: URL when no relative path exists. */
export function relativeUri(file: string): string {
	const rel = relative(process.cwd(), resolve(file));
	if (isAbsolute(rel)) return `file:///${resolve(file).split(sep).filter(Boolean).map(encodeURIComponent).join('/')}`;
	return rel.split(sep).map(encodeURIComponent).join('/');
}
