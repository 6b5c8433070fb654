import { escapeMarkdown, type Analysis } from '../core';
import { MIN_REPEAT_LENGTH } from '../core/secrets/secrets';

/** Turns a string about to be sent to the client into one that is safe to show. */
export type Scrubber = (output: string) => string;

const MARKER = '«redacted»';

/**
 * The last line of defence before anything reaches the client (as the CLI's scrub is): every
 * value the analysis of `text` detected as a secret, raw or Markdown-escaped, becomes
 * «redacted», and characters that could disguise or control what is shown go (see {@link visible}).
 * The core already keeps secrets out of its findings, hovers and reports; this catches a copy it
 * missed. Secret values are looked up by their first characters, so one pass over the output
 * suffices however many secrets the document holds.
 */
export function scrubberFor(text: string, analysis: Analysis): Scrubber {
	let scrubber = scrubbers.get(analysis);
	if (!scrubber) scrubbers.set(analysis, scrubber = buildScrubber(text, analysis));
	return scrubber;
}

/** One scrubber per analysis (an analysis belongs to one text): hovers and diagnostics of a version share it. */
const scrubbers = new WeakMap<Analysis, Scrubber>();

function buildScrubber(text: string, analysis: Analysis): Scrubber {
	const byPrefix = new Map<string, string[]>();
	const add = (value: string) => {
		if (value.length < MIN_REPEAT_LENGTH) return;
		const key = value.slice(0, MIN_REPEAT_LENGTH);
		const list = byPrefix.get(key);
		if (!list) byPrefix.set(key, [value]);
		else if (!list.includes(value)) list.push(value);
	};
	for (const message of analysis.messages) {
		for (const s of message.secrets) {
			const value = text.slice(s.start, s.end);
			add(value);
			add(escapeMarkdown(value));
		}
	}
	// Longest first, so that a secret containing another is replaced whole.
	for (const list of byPrefix.values()) list.sort((a, b) => b.length - a.length);
	return output => visible(byPrefix.size ? replaceValues(output, byPrefix) : output);
}

function replaceValues(output: string, byPrefix: ReadonlyMap<string, readonly string[]>): string {
	let out = '';
	let copied = 0;
	let i = 0;
	while (i + MIN_REPEAT_LENGTH <= output.length) {
		const hit = byPrefix.get(output.slice(i, i + MIN_REPEAT_LENGTH))?.find(v => output.startsWith(v, i));
		if (hit) {
			out += output.slice(copied, i) + MARKER;
			i += hit.length;
			copied = i;
		} else {
			i++;
		}
	}
	return copied ? out + output.slice(copied) : output;
}

/**
 * `s` without terminal controls (C0 other than tab and line feed, DEL, C1), line and paragraph
 * separators, or bidi marks, embeddings, overrides and isolates: each becomes a space. Pasted text
 * reaches diagnostics and hovers, and a client may draw them in a terminal.
 */
export function visible(s: string): string {
	// eslint-disable-next-line no-control-regex
	return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ' ');
}
