/**
 * What the CI formats (github, sarif, compact) share: the findings of one analysed file with
 * their 1-based positions, found through a line table built once per file (a log with a finding
 * on every line is never rescanned from its start), and every text field already redacted.
 */
import { explainMessage, type Analysis, type Finding, type HttpMessage, type Severity } from '../../core';
import { RangeRedactor } from '../../core/secrets/redactRange';

/** One analysed input of the command line. */
export interface FileResult {
	file: string;
	text: string;
	analysis: Analysis;
}

/** A 1-based region; `endColumn` is the column just after the last character (as SARIF counts it). */
export interface Region {
	startLine: number;
	startColumn: number;
	endLine: number;
	endColumn: number;
}

/** One finding, ready to print: positions, and text with every secret replaced. */
export interface LocatedFinding {
	rule: string;
	severity: Severity;
	/** The finding's message on one line, redacted. */
	message: string;
	/** The headline of the finding's message ("invalid_grant: Invalid grant (Entra)"), redacted. */
	headline: string;
	/** Catalog entry the finding is about, if any. */
	entryId: string | null;
	region: Region;
	/** The text of the finding's first line with every secret in it replaced (for fingerprints). */
	lineText: string;
}

/** Start offsets of the lines of `text` (LF, CRLF and CR line ends), for binary search. */
export class LineTable {
	readonly #starts: number[] = [0];

	constructor(readonly text: string) {
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.#starts.push(i + 1);
		}
	}

	/** 0-based index of the line holding `offset`. */
	lineIndex(offset: number): number {
		let lo = 0;
		let hi = this.#starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.#starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** 1-based line and column (UTF-16 code units) of `offset`. */
	position(offset: number): { line: number; column: number } {
		const index = this.lineIndex(offset);
		return { line: index + 1, column: offset - this.#starts[index] + 1 };
	}

	/** Start and end (before its line break) of the line holding `offset`. */
	lineSpan(offset: number): { start: number; end: number } {
		const index = this.lineIndex(offset);
		const start = this.#starts[index];
		let end = index + 1 < this.#starts.length ? this.#starts[index + 1] : this.text.length;
		while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
		return { start, end };
	}

	/** The region of `[start, end)`; a range ending with line breaks ends at the last line it covers. */
	region(start: number, end: number): Region {
		let last = Math.max(start, end);
		while (last > start && (this.text.charCodeAt(last - 1) === 10 || this.text.charCodeAt(last - 1) === 13)) last--;
		const from = this.position(start);
		const to = this.position(last);
		return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: Math.max(to.column, to.line === from.line ? from.column : 1) };
	}
}

/** Control characters (terminal escapes from pasted text), zero-width and bidi characters become spaces. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function oneLine(s: string): string {
	return s.replace(INVISIBLE, ' ');
}

/** Every finding of a file's messages, in document order, located and redacted. */
export function locatedFindings({ text, analysis }: FileResult): LocatedFinding[] {
	const lines = new LineTable(text);
	const redactor = new RangeRedactor(text, analysis.messages.flatMap(m => m.secrets));
	const clean = (s: string) => oneLine(redactor.copies(s));
	const out: Array<LocatedFinding & { start: number }> = [];
	for (const m of analysis.messages) {
		if (!m.findings.length) continue;
		const headline = clean(headlineOf(text, m));
		for (const f of m.findings) out.push({ ...located(f, lines, redactor), headline, message: clean(f.message), start: f.span.start });
	}
	return out.sort((a, b) => a.start - b.start).map(({ start: _start, ...f }) => f);
}

function headlineOf(text: string, m: HttpMessage): string {
	return explainMessage(text, m).headline;
}

function located(f: Finding, lines: LineTable, redactor: RangeRedactor): Omit<LocatedFinding, 'message' | 'headline'> {
	const lineText = oneLine(redactor.range(lines.lineSpan(f.span.start))).trim();
	return { rule: f.rule, severity: f.severity, entryId: f.entryId ?? null, region: lines.region(f.span.start, f.span.end), lineText };
}
