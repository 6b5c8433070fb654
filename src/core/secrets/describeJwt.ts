/**
 * Safe facts about a secret for display: kind, length and, for a JWT, a few
 * harmless claims. The value itself is never part of the result.
 */
import type { SecretKind } from '../types';
import { decodeBase64Url } from './base64';
import { redactionMarker } from './placeholders';
import { scanTokenShapes } from './shapes';
import { isInvisibleChar } from '../explain/sanitize';

type Json = Record<string, unknown>;

const CLAIM_MAX = 80;
const LIST_MAX = 8;

function decodeJsonObject(segment: string | undefined): Json | undefined {
	const text = segment === undefined ? undefined : decodeBase64Url(segment);
	if (text === undefined) {
		return undefined;
	}
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Json : undefined;
	} catch {
		return undefined;
	}
}

/** Invisible characters become spaces, lone surrogates U+FFFD. */
function visibleText(raw: string): string {
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw.charCodeAt(i);
		if ((c & 0xfc00) === 0xd800 && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			out += raw.slice(i, i + 2);
			i++;
		} else if (isInvisibleChar(c)) {
			out += ' ';
		} else {
			out += (c & 0xf800) === 0xd800 ? '\ufffd' : raw.charAt(i);
		}
	}
	return out.trim();
}

/** Untrusted claim text made displayable: bounded, visible, token-shaped parts redacted. */
function cleanText(raw: string): string {
	const short = raw.length > CLAIM_MAX ? `${raw.slice(0, CLAIM_MAX)}\u2026` : raw;
	let out = visibleText(short);
	for (const span of scanTokenShapes(out).reverse()) {
		out = out.slice(0, span.start) + redactionMarker(span.kind) + out.slice(span.end);
	}
	return out;
}

function claimText(value: unknown, separator: string): string | undefined {
	if (typeof value === 'string') {
		return cleanText(value);
	}
	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}
	if (!Array.isArray(value)) {
		return undefined;
	}
	const items = value.slice(0, LIST_MAX).filter((v) => typeof v === 'string').map((v) => cleanText(v as string));
	return items.join(separator) + (value.length > LIST_MAX ? `${separator}\u2026` : '');
}

function addFact(facts: string[], name: string, value: unknown, separator = ', '): void {
	const text = claimText(value, separator);
	if (text !== undefined && text !== '') {
		facts.push(`${name}=${text}`);
	}
}

function addExpiry(facts: string[], exp: unknown, nowMs: number): void {
	const ms = typeof exp === 'number' ? exp * 1000 : NaN;
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
		return;
	}
	const state = Number.isFinite(nowMs) && ms <= nowMs ? 'expired' : 'not expired';
	facts.push(`exp=${new Date(ms).toISOString()} (${state})`);
}

function describeJwt(value: string, nowMs: number): string | undefined {
	const parts = value.trim().replace(/^(?:bearer|dpop) +/i, '').split('.');
	const header = parts.length === 3 || parts.length === 5 ? decodeJsonObject(parts[0]) : undefined;
	if (!header) {
		return undefined;
	}
	const facts: string[] = [];
	addFact(facts, 'alg', header.alg);
	addFact(facts, 'typ', header.typ);
	if (parts.length === 5) {
		addFact(facts, 'enc', header.enc);
		return `JWE (encrypted)${facts.length ? `: ${facts.join(', ')}` : ''}`;
	}
	const payload = decodeJsonObject(parts[1]) ?? {};
	addFact(facts, 'iss', payload.iss);
	addFact(facts, 'aud', payload.aud);
	addExpiry(facts, payload.exp, nowMs);
	addFact(facts, 'scp', payload.scp, ' ');
	addFact(facts, 'scope', payload.scope, ' ');
	return `JWT${facts.length ? `: ${facts.join(', ')}` : ''}`;
}

/** Longer JWTs are described by kind and length only. */
const MAX_DESCRIBED_JWT = 64 * 1024;

/**
 * Safe facts about a secret value for display: kind, length and, for a JWT,
 * a few harmless claims (alg, typ, iss, aud, exp as ISO date with an expired
 * flag, scp/scope; for a JWE only its header's alg/typ/enc) — never the value
 * itself, never sub/email/name/upn claims. Claim text is cleaned of control
 * characters, bounded and has token-shaped parts redacted; it is plain text,
 * so escape it before it goes into markdown. Never throws.
 */
export function describeSecret(kind: SecretKind, value: string, nowMs: number = Date.now()): string {
	try {
		const base = `${kind}, ${typeof value === 'string' ? value.length : 0} chars`;
		// Real tokens are a few KB; a megabyte paste is not decoded again on every hover.
		const jwt = typeof value === 'string' && value.length <= MAX_DESCRIBED_JWT ? describeJwt(value, nowMs) : undefined;
		return jwt ? `${base}, ${jwt}` : base;
	} catch {
		return String(kind);
	}
}
