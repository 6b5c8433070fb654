import { parseFormParams } from '../parse/formBody';
import type { HttpMessage } from '../recognize/model';
import type { SecretKind, SecretSpan } from '../types';
import { addField, addHeader, addParam, addJwkMembers, addKeyValueSecrets, addNameValuePairs, addUrlPasswords, addUrlQuerySecrets, wrappedTails } from './fields';
import type { TextIndex } from '../parse/lines';
import { addOpaqueTokens } from './entropy';
import { scanTokenShapes } from './shapes';

/**
 * Every secret value in a message: token fields of JSON and form bodies,
 * credential headers, query parameters of the request target and of logged
 * URLs, name/value pairs (HAR, Postman), private JWK members, `name=value`
 * pairs in free text, credential-shaped strings anywhere in the message, and
 * the tail of a token wrapped onto the next line. Sorted, non-overlapping.
 */
export function findSecrets(text: string, message: HttpMessage, doc: TextIndex): SecretSpan[] {
	const found: SecretSpan[] = [];
	// A vendor's shape names the secret best (a GitHub token in `GITHUB_TOKEN=`); a field's name names it better than
	// the JWT shape does (an `id_token`): overlapping spans keep the kind of the one found first.
	const shapes = scanTokenShapes(text, message.span.start, message.span.end);
	for (const s of shapes) if (s.kind !== 'jwt') found.push(s);
	for (const v of message.json?.values ?? []) {
		// In JSON bodies `code` is usually an error code, not an authorization code.
		if (typeof v.value === 'string' && v.key !== 'code') addField(found, v.key, v.value, v.valueSpan);
	}
	for (const p of message.form ?? []) addParam(text, found, p.name, p.value, p.valueSpan);
	if (message.targetSpan) {
		const q = text.indexOf('?', message.targetSpan.start);
		if (q >= 0 && q < message.targetSpan.end) {
			for (const p of parseFormParams(text, q + 1, message.targetSpan.end)) addParam(text, found, p.name, p.value, p.valueSpan, true);
		}
	}
	for (const h of message.headers) addHeader(text, found, h.lower, h.valueSpan);
	if (message.bodyFormat === 'text' || message.bodyFormat === 'html' || message.kind === 'fragment') {
		const span = message.kind === 'fragment' ? message.span : message.body;
		if (span) addKeyValueSecrets(text, span, found, doc);
	}
	addNameValuePairs(text, message.span, found);
	addJwkMembers(text, message.span, found);
	addUrlQuerySecrets(text, message.span, found);
	addUrlPasswords(text, message.span, found);
	for (const s of shapes) if (s.kind === 'jwt') found.push(s);
	// Last: a token no detector knows, where a server or a log describes the error.
	addOpaqueTokens(text, message, found);
	const sorted = normalise(found);
	const tails = wrappedTails(text, sorted, text.length);
	return tails.length ? normalise(sorted.concat(tails)) : sorted;
}

/** Sorted by offset; overlapping spans merged, keeping the more specific (earlier-found) kind. */
function normalise(spans: readonly SecretSpan[]): SecretSpan[] {
	// A stable sort keeps the earlier-found span first among equal ones; most lists come sorted already.
	let ordered = true;
	for (let i = 1; i < spans.length && ordered; i++) ordered = spans[i - 1].start < spans[i].start || (spans[i - 1].start === spans[i].start && spans[i - 1].end >= spans[i].end);
	const sorted = ordered ? spans : [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
	const out: SecretSpan[] = [];
	for (const s of sorted) {
		const last = out[out.length - 1];
		if (last && s.start < last.end) {
			// Copy on extend: the spans may belong to a message.
			if (s.end > last.end) out[out.length - 1] = { kind: last.kind, start: last.start, end: s.end };
			continue;
		}
		out.push(s);
	}
	return out;
}

/**
 * Replaces every secret value the analysis detects with a marker such as
 * «redacted:access_token». Positions outside secrets are kept as they are.
 */
export function redactSpans(text: string, spans: readonly SecretSpan[], marker: (kind: SecretKind) => string): string {
	const sorted = normalise(spans);
	let out = '';
	let cursor = 0;
	for (const s of sorted) {
		out += text.slice(cursor, s.start) + marker(s.kind);
		cursor = s.end;
	}
	return out + text.slice(cursor);
}

/** Shorter values are too likely to occur by chance to be replaced everywhere. */
export const MIN_REPEAT_LENGTH = 8;

/**
 * Replaces every remaining copy, in `target`, of the secret values that `spans`
 * mark in `text` (a token quoted again in a log line or a description is just as secret).
 */
export function replaceSecretCopies(target: string, text: string, spans: readonly SecretSpan[], marker: (kind: SecretKind) => string): string {
	return secretCopyReplacer(text, spans, marker)(target);
}

/** The last replacer built per list of spans (a report asks once per message with the same list). */
const replacers = new WeakMap<readonly SecretSpan[], { text: string; marker: (kind: SecretKind) => string; replace: (target: string) => string }>();

/** {@link replaceSecretCopies} for many targets: the secret values are collected and indexed once. */
export function secretCopyReplacer(text: string, spans: readonly SecretSpan[], marker: (kind: SecretKind) => string): (target: string) => string {
	const cached = replacers.get(spans);
	if (cached && cached.text === text && cached.marker === marker) return cached.replace;
	const copies = new Map<string, string>();
	for (const s of spans) {
		const value = text.slice(s.start, s.end);
		if (value.length >= MIN_REPEAT_LENGTH && !copies.has(value)) copies.set(value, marker(s.kind));
	}
	const replace = copyReplacer(copies);
	replacers.set(spans, { text, marker, replace });
	return replace;
}

/**
 * A function replacing, in one pass over its argument, every occurrence of
 * each key of `copies` (8 characters or more) by its value. Candidates are
 * found by their first two characters and then their first eight; where
 * matches overlap, their union is replaced by the first one's value, so no
 * piece of a secret survives next to another. Linear in the target (times
 * the few candidates sharing an eight-character start).
 */
export function copyReplacer(copies: ReadonlyMap<string, string>): (target: string) => string {
	const byStart = new Map<string, string[]>();
	const pairs = new Set<number>();
	for (const value of copies.keys()) {
		if (value.length < MIN_REPEAT_LENGTH) continue;
		const key = value.slice(0, MIN_REPEAT_LENGTH);
		const list = byStart.get(key);
		if (list) list.push(value); else byStart.set(key, [value]);
		pairs.add(value.charCodeAt(0) * 65536 + value.charCodeAt(1));
	}
	if (!byStart.size) return target => target;
	for (const list of byStart.values()) list.sort((a, b) => b.length - a.length);
	return target => {
		let out = '';
		let from = 0;
		let union: { start: number; end: number; replacement: string } | undefined;
		const last = target.length - MIN_REPEAT_LENGTH;
		for (let i = 0; i <= last; i++) {
			if (!pairs.has(target.charCodeAt(i) * 65536 + target.charCodeAt(i + 1))) continue;
			const list = byStart.get(target.slice(i, i + MIN_REPEAT_LENGTH));
			const value = list?.find(v => target.startsWith(v, i));
			if (value === undefined) continue;
			if (union && i < union.end) {
				union.end = Math.max(union.end, i + value.length);
				continue;
			}
			if (union) {
				out += target.slice(from, union.start) + union.replacement;
				from = union.end;
			}
			union = { start: i, end: i + value.length, replacement: copies.get(value)! };
		}
		if (!union) return target;
		return out + target.slice(from, union.start) + union.replacement + target.slice(union.end);
	};
}
