import * as assert from 'node:assert/strict';
import type { Span } from '../../src/core/types';

/** A text edit as the engine's fixes carry them. */
export interface Edit {
	span: Span;
	text: string;
}

/**
 * The span of `needle` in `text`: its first occurrence at or after the end of
 * `after` (when given), skipping `nth` earlier occurrences.
 */
export function spanOf(text: string, needle: string, after?: string, nth = 0): Span {
	let from = 0;
	if (after !== undefined) {
		const at = text.indexOf(after);
		assert.ok(at >= 0, `"${after}" is not in the input`);
		from = at + after.length;
	}
	let start = text.indexOf(needle, from);
	for (let i = 0; i < nth && start >= 0; i++) start = text.indexOf(needle, start + 1);
	assert.ok(start >= 0, `"${needle}" is not in the input`);
	return { start, end: start + needle.length };
}

/** Applies edits (non-overlapping) from the end of the text backwards, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
	const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
	for (let i = 1; i < sorted.length; i++) {
		assert.ok(sorted[i].span.end <= sorted[i - 1].span.start, 'fix edits overlap');
	}
	let out = text;
	for (const e of sorted) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
	return out;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every run. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `n` characters of `alphabet` drawn from `random`. */
export function randomString(random: () => number, n: number, alphabet = ALNUM): string {
	let out = '';
	for (let i = 0; i < n; i++) out += alphabet.charAt(Math.floor(random() * alphabet.length));
	return out;
}

/** An element of `items` drawn from `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)];
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A JWS built at run time (so no realistic credential sits in the repository):
 * header, payload with harmless claims, and a pseudo-random signature.
 */
export function fakeJwt(seed = 1): string {
	const random = prng(seed);
	const header = b64url({ alg: 'RS256', typ: 'JWT', kid: `k${seed}` });
	const payload = b64url({ iss: 'https://login.test/', aud: 'api://orders', sub: `user-${seed}`, exp: 1700000000 + seed });
	return `${header}.${payload}.${randomString(random, 86, `${ALNUM}-_`)}`;
}
