import { escapeMarkdown, explainMessage, hasContent, lineNumbers, vendorName, worthExplaining, type Analysis, type HttpMessage, type Severity } from '../core';
import { sanitizeText } from '../core/explain/sanitize';
import { lineStartOf } from '../core/parse/lines';
import { copyReplacer, MIN_REPEAT_LENGTH } from '../core/secrets/secrets';

/** The `--json` document: version 1; fields may be added, never renamed. */
export function toJson(results: ReadonlyArray<{ file: string; text: string; analysis: Analysis }>, multiple: boolean): object {
	const messages = results.flatMap(({ file, text, analysis }) => analysis.messages.filter(hasContent).map(m => ({
		...(multiple ? { file } : {}),
		...messageJson(m),
		...diagnosisJson(text, m),
	})));
	const truncated = results.some(r => r.analysis.truncated);
	return { version: 1, messages, ...(truncated ? { truncated } : {}) };
}

function messageJson(m: HttpMessage): object {
	return {
		kind: m.kind,
		start: m.span.start,
		end: m.span.end,
		status: m.status,
		vendor: m.vendor,
		errors: m.errors.map(e => ({ code: e.code, entry: e.entry?.id ?? null, start: e.span.start, end: e.span.end })),
		vendorCodes: m.vendorCodes.map(v => ({ code: v.code, entry: v.entry?.id ?? null, start: v.span.start, end: v.span.end })),
		findings: m.findings.map(f => ({ rule: f.rule, severity: f.severity, message: f.message, start: f.span.start, end: f.span.end })),
		secrets: m.secrets.map(s => ({ kind: s.kind, start: s.start, end: s.end })),
	};
}

/** The message's diagnosis for `--json` (evidence quoted from the paste, secrets redacted); absent when nothing failed. */
function diagnosisJson(text: string, m: HttpMessage): object {
	const d = m.diagnosis ? explainMessage(text, m).diagnosis : undefined;
	if (!d) return {};
	return {
		diagnosis: {
			kind: d.kind,
			...(d.finerKind ? { finerKind: d.finerKind } : {}),
			confidence: d.confidence,
			cause: d.cause,
			evidence: d.evidence,
			steps: d.steps,
			alternatives: d.alternatives.map(a => ({ kind: a.kind, cause: a.cause })),
			...(d.toDecide ? { toDecide: d.toDecide } : {}),
		},
	};
}

const SEVERITY_MARK: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };

/** Human-readable report of one file's analysis. Every pasted piece is sanitised (no terminal control, bidi or zero-width character). */
export function toText(file: string, text: string, analysis: Analysis, color: boolean): string {
	const paint = (s: string, code: string) => color ? `${code}${s}\x1b[0m` : s;
	const bold = (s: string) => paint(s, '\x1b[1m');
	const relevant = worthExplaining(analysis.messages);
	const out: string[] = [bold(clean(file))];
	if (!relevant.length) out.push('  No OAuth/OIDC error, error response or secret found.');
	else if (!relevant.some(hasContent)) out.push('  No problem reported: these codes are only mentioned (no response, log line or error field shows them failing). What they mean:');
	const lineOf = lineNumbers(text);
	for (const m of relevant) {
		const e = explainMessage(text, m);
		const where = [m.kind, m.status !== null ? `HTTP ${m.status}` : '', m.vendor ? vendorName(m.vendor) : ''].filter(Boolean).join(' · ');
		out.push('', `  ${bold(`line ${lineOf(m.span.start)}`)}  ${clean(where)}`);
		out.push(`  ${bold(clean(e.headline))}`);
		for (const f of m.findings) {
			const pos = position(text, lineOf, f.span.start);
			out.push(`    ${pos.padEnd(8)} ${paint(SEVERITY_MARK[f.severity].padEnd(7), COLORS[f.severity])} ${clean(f.message)}  ${paint(`[${clean(f.rule)}]`, '\x1b[90m')}`);
		}
		const d = e.diagnosis;
		if (d) {
			out.push(`  Most likely: ${clean(d.cause)} (${d.confidence} confidence; ${d.kind})`);
			if (d.evidence.length) out.push(`  Because: ${clean(d.evidence.join('; '))}`);
		} else if (e.cause) {
			out.push(`  Usual cause: ${clean(e.cause)}`);
		}
		if (e.steps.length) {
			out.push('  Next steps:');
			e.steps.slice(0, 5).forEach((s, i) => out.push(`    ${i + 1}. ${clean(s)}`));
		}
		if (d?.alternatives.length) out.push(`  If not that: ${d.alternatives.map(a => clean(a.cause)).join(' | ')}`);
		if (d?.toDecide) out.push(`  To be sure: ${clean(d.toDecide)}`);
		// Support ids are quoted on purpose; anything else random-looking is masked.
		const ids = m.facts.filter(f => f.support);
		if (ids.length) out.push(`  For support: ${ids.map(f => `${clean(f.label)} ${clean(f.value.slice(0, 100))}`).join(', ')}`);
		const ref = e.references.find(r => r.url);
		if (ref?.url) out.push(`  See: ${clean(ref.url)}`);
	}
	if (analysis.truncated) out.push('', '  Note: the document holds more messages than the analysis limit; later ones were not examined.');
	return out.join('\n');
}

function position(text: string, lineOf: (offset: number) => number, offset: number): string {
	return `${lineOf(offset)}:${offset - lineStartOf(text, offset) + 1}`;
}

/** One line of pasted or derived text, safe for a terminal: no control, bidi or zero-width character, line breaks as spaces. */
function clean(s: string): string {
	return sanitizeText(s);
}

/**
 * Last line of defence: a function that removes, in one pass over an output,
 * every copy of every secret value the analyses detected (8+ characters), as
 * written raw and as the output format writes it (Markdown-escaped, JSON-escaped,
 * sanitised). Random-looking runs are masked where pasted text is quoted (clip).
 */
export function outputScrubber(results: ReadonlyArray<{ text: string; analysis: Analysis }>, format: 'text' | 'markdown' | 'json'): (output: string) => string {
	const copies = new Map<string, string>();
	const add = (value: string) => {
		if (value.length >= MIN_REPEAT_LENGTH && !copies.has(value)) copies.set(value, '\u00abredacted\u00bb');
	};
	for (const { text, analysis } of results) {
		for (const m of analysis.messages) {
			for (const s of m.secrets) {
				const value = text.slice(s.start, s.end);
				add(value);
				if (format === 'markdown') add(escapeMarkdown(value));
				if (format === 'json') add(JSON.stringify(value).slice(1, -1));
				if (format === 'text') add(sanitizeText(value));
			}
		}
	}
	return copyReplacer(copies);
}
