import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasContent, type Analysis, type ErrorMention, type HttpMessage, type Span, type VendorCodeMention } from '../../src/core';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fixture file under test/fixtures (UTF-8). */
export function fixture(...parts: string[]): string {
	return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/** The span of `needle` in `text`, searching from `from`; fails when it is absent. */
export function spanOf(text: string, needle: string, from = 0): Span {
	const start = text.indexOf(needle, from);
	assert.ok(start >= 0, `${JSON.stringify(needle)} not found in the input`);
	return { start, end: start + needle.length };
}

/** The lines of `text` with their spans (LF line ends). */
export function linesOf(text: string): Array<{ text: string; span: Span }> {
	const out: Array<{ text: string; span: Span }> = [];
	let start = 0;
	for (const line of text.split('\n')) {
		out.push({ text: line, span: { start, end: start + line.length } });
		start += line.length + 1;
	}
	return out;
}

/** Messages that report something (an error, vendor code, finding or secret). */
export function reported(analysis: Analysis): HttpMessage[] {
	return analysis.messages.filter(hasContent);
}

/** The single message that reports something. */
export function onlyReported(analysis: Analysis): HttpMessage {
	const list = reported(analysis);
	assert.equal(list.length, 1, `expected one reporting message, got ${list.map(m => `${m.kind}@${m.span.start}`).join(', ') || 'none'}`);
	return list[0];
}

/** Every error mention of the analysis with the message that carries it. */
export function errorMentions(analysis: Analysis): Array<{ error: ErrorMention; message: HttpMessage }> {
	return analysis.messages.flatMap(message => message.errors.map(error => ({ error, message })));
}

/** Every vendor-code mention of the analysis with the message that carries it. */
export function vendorMentions(analysis: Analysis): Array<{ vendorCode: VendorCodeMention; message: HttpMessage }> {
	return analysis.messages.flatMap(message => message.vendorCodes.map(vendorCode => ({ vendorCode, message })));
}

/** The first error mention of `code` that starts inside `within`. */
export function errorWithin(analysis: Analysis, code: string, within: Span): { error: ErrorMention; message: HttpMessage } {
	const found = errorMentions(analysis).find(x => x.error.code === code && x.error.span.start >= within.start && x.error.span.end <= within.end);
	const seen = errorMentions(analysis).map(x => `${x.error.code}@${x.error.span.start}`).join(', ') || 'none';
	assert.ok(found, `no error "${code}" in [${within.start}, ${within.end}); errors seen: ${seen}`);
	return found;
}

/** Rule ids of a message's findings. */
export function rulesOf(message: HttpMessage): string[] {
	return message.findings.map(f => f.rule);
}

/** The finding of `rule` in the message; fails when there is none. */
export function findingOf(message: HttpMessage, rule: string): HttpMessage['findings'][number] {
	const finding = message.findings.find(f => f.rule === rule);
	assert.ok(finding, `no ${rule} finding; rules: ${rulesOf(message).join(', ') || 'none'}`);
	return finding;
}
