import { parseFormParams } from '../parse/formBody';
import { indexOfFrom, indexWithin } from '../parse/lines';
import type { HttpMessage } from '../recognize/model';
import type { SecretKind, SecretSpan, Span } from '../types';
import { isPlaceholder, scanTokenShapes } from './tokenShapes';

/** Parameter and JSON key names whose values are credentials. */
const SECRET_FIELDS: ReadonlyMap<string, SecretKind> = new Map<string, SecretKind>([
	['access_token', 'access_token'], ['accesstoken', 'access_token'], ['token', 'access_token'],
	['refresh_token', 'refresh_token'], ['refreshtoken', 'refresh_token'],
	['id_token', 'id_token'], ['idtoken', 'id_token'], ['id-token', 'id_token'], ['access-token', 'access_token'], ['refresh-token', 'refresh_token'],
	['client_secret', 'client_secret'], ['clientsecret', 'client_secret'], ['client-secret', 'client_secret'], ['secret', 'client_secret'],
	['client_assertion', 'client_assertion'], ['assertion', 'assertion'],
	['code', 'authorization_code'], ['device_code', 'device_code'], ['code_verifier', 'code_verifier'],
	['password', 'password'], ['subject_token', 'subject_token'], ['actor_token', 'subject_token'],
	['registration_access_token', 'registration_token'], ['mfa_token', 'mfa_token'],
	['api_key', 'api_key'], ['apikey', 'api_key'], ['session_token', 'access_token'],
	['private_key', 'private_key'], ['x-api-key', 'api_key'], ['client_token', 'access_token'],
]);

/** Fields whose short values are still secrets; for the others a value needs at least 8 characters. */
const ALWAYS_SECRET: ReadonlySet<SecretKind> = new Set(['password', 'client_secret']);

/**
 * Every secret value in a message: token fields of JSON and form bodies,
 * credential headers, query parameters of the request target, and
 * credential-shaped strings anywhere in the message. Sorted, non-overlapping.
 */
export function findSecrets(text: string, message: HttpMessage): SecretSpan[] {
	const found: SecretSpan[] = [];
	for (const v of message.json?.values ?? []) {
		// In JSON bodies `code` is usually an error code, not an authorization code.
		if (typeof v.value === 'string' && v.key !== 'code') addField(found, v.key, v.value, v.valueSpan);
	}
	for (const p of message.form ?? []) addField(found, p.name, p.value, p.valueSpan);
	if (message.targetSpan) {
		const q = text.indexOf('?', message.targetSpan.start);
		if (q >= 0 && q < message.targetSpan.end) {
			for (const p of parseFormParams(text, q + 1, message.targetSpan.end)) addField(found, p.name, p.value, p.valueSpan);
		}
	}
	for (const h of message.headers) addHeader(text, found, h.lower, h.valueSpan);
	if (message.bodyFormat === 'text' || message.bodyFormat === 'html' || message.kind === 'fragment') {
		const span = message.kind === 'fragment' ? message.span : message.body;
		if (span) addKeyValueSecrets(text, span, found);
	}
	found.push(...scanTokenShapes(text, message.span.start, message.span.end));
	addUrlPasswords(text, message.span, found);
	return normalise(found);
}

/** Characters that end a URL's userinfo part (and so a password in it). */
const USERINFO_STOP = new Set([0x2f, 0x3f, 0x23, 0x40, 0x3a, 0x22, 0x27, 0x3c, 0x3e, 0x20, 0x09, 0x0a, 0x0d]);
const MAX_USERINFO = 256;

/** The password of each `scheme://user:password@host` (connection strings in logs, URLs with credentials). */
function addUrlPasswords(text: string, span: Span, out: SecretSpan[]): void {
	for (let at = indexWithin(text, '://', span.start, span.end); at >= 0; at = indexWithin(text, '://', at + 3, span.end)) {
		let colon = at + 3;
		while (colon < span.end && colon - at <= MAX_USERINFO && !USERINFO_STOP.has(text.charCodeAt(colon))) colon++;
		if (text.charCodeAt(colon) !== 0x3a || colon === at + 3) continue;
		let end = colon + 1;
		while (end < span.end && end - colon <= MAX_USERINFO && (!USERINFO_STOP.has(text.charCodeAt(end)) || text.charCodeAt(end) === 0x3a)) end++;
		if (text.charCodeAt(end) !== 0x40 || end === colon + 1) continue;
		const value = text.slice(colon + 1, end);
		if (!isPlaceholder(value) && !value.startsWith('{{') && !value.startsWith('${')) out.push({ kind: 'password', start: colon + 1, end });
	}
}

function addField(out: SecretSpan[], name: string, value: string, span: Span): void {
	const kind = SECRET_FIELDS.get(name.toLowerCase());
	// `{{$dotenv SECRET}}` and similar template expressions are cut at their first space by free-text scanning.
	if (!kind || value.startsWith('{{') || /^\$?\$[{(]/.test(value) || isPlaceholder(value)) return;
	if (value.length < 8 && !ALWAYS_SECRET.has(kind)) return;
	if (kind === 'authorization_code' && /^[a-z_]+$/.test(value)) return;
	if (span.end > span.start) out.push({ kind, ...span });
}

function addHeader(text: string, out: SecretSpan[], lower: string, value: Span): void {
	const raw = text.slice(value.start, value.end);
	if (lower === 'authorization' || lower === 'proxy-authorization') {
		const space = raw.indexOf(' ');
		if (space < 0) return;
		const scheme = raw.slice(0, space).toLowerCase();
		// httpYac's `Authorization: oauth2 client_credentials` names a flow for the client to run, not a credential.
		if (scheme === 'oauth2' || scheme === 'openid') return;
		const credStart = value.start + space + 1 + (raw.length - space - 1 - raw.slice(space + 1).trimStart().length);
		const credential = text.slice(credStart, value.end);
		if (isPlaceholder(credential) || credential.length < 4) return;
		const kind: SecretKind = scheme === 'basic' ? 'basic_credentials' : scheme === 'bearer' || scheme === 'dpop' ? 'bearer_token' : 'api_key';
		out.push({ kind, start: credStart, end: value.end });
	} else if (lower === 'dpop') {
		if (!isPlaceholder(raw)) out.push({ kind: 'dpop_proof', ...value });
	} else if (lower === 'cookie' || lower === 'set-cookie') {
		addCookieValues(text, out, value);
	} else if (lower === 'x-api-key' || lower === 'api-key' || lower === 'apikey' || lower === 'ocp-apim-subscription-key' || lower === 'x-functions-key') {
		if (!isPlaceholder(raw)) out.push({ kind: 'api_key', ...value });
	}
}

/** Shorter cookie values (a flow step, a flag) are no session or credential. */
const MIN_COOKIE_VALUE = 8;

/** The value of each `name=value` pair of a Cookie / Set-Cookie header (attributes excluded). */
function addCookieValues(text: string, out: SecretSpan[], value: Span): void {
	const ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'secure', 'httponly', 'priority', 'partitioned']);
	let pos = value.start;
	while (pos < value.end) {
		let stop = pos;
		while (stop < value.end && text.charCodeAt(stop) !== 59 && text.charCodeAt(stop) !== 44) stop++;
		const eq = text.indexOf('=', pos);
		if (eq > pos && eq < stop) {
			const name = text.slice(pos, eq).trim().toLowerCase();
			const v = text.slice(eq + 1, stop).trim();
			const vStart = eq + 1 + (text.slice(eq + 1, stop).length - text.slice(eq + 1, stop).trimStart().length);
			if (!ATTRIBUTES.has(name) && v.length >= MIN_COOKIE_VALUE && !isPlaceholder(v)) out.push({ kind: 'cookie', start: vStart, end: vStart + v.length });
		}
		pos = stop + 1;
	}
}

const KEY_VALUE = /\b(access_token|accesstoken|access-token|refresh_token|refreshtoken|refresh-token|id_token|idtoken|id-token|client_secret|clientsecret|client-secret|client_token|client_assertion|code_verifier|device_code|password|api_key|apikey)["']?[ \t]*[:=][ \t]*["']?([^\s"'&,;<>]{4,4096})/gi;

const AUTHORIZATION = /\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(basic|bearer|dpop)[ \t]+([A-Za-z0-9._~+/=-]{8,8192})/gi;

/** `client_secret=…`, `"password": "…"`, `Authorization: Bearer …` and the like in free text (logs, curl commands). */
function addKeyValueSecrets(text: string, span: Span, out: SecretSpan[]): void {
	const slice = text.slice(span.start, span.end);
	KEY_VALUE.lastIndex = 0;
	for (let m = KEY_VALUE.exec(slice); m; m = KEY_VALUE.exec(slice)) {
		const start = span.start + m.index + m[0].length - m[2].length;
		// `f(password=s3cret)`: the closing parenthesis belongs to the call, not to the value.
		const value = m[2].endsWith(')') && !m[2].includes('(') ? m[2].slice(0, -1) : m[2];
		if (isCodeReference(text, start, value) || isSealed(text, start)) continue;
		addField(out, m[1], value, { start, end: start + value.length });
	}
	AUTHORIZATION.lastIndex = 0;
	for (let m = AUTHORIZATION.exec(slice); m; m = AUTHORIZATION.exec(slice)) {
		if (isPlaceholder(m[2])) continue;
		const start = span.start + m.index + m[0].length - m[2].length;
		out.push({ kind: m[1].toLowerCase() === 'basic' ? 'basic_credentials' : 'bearer_token', start, end: start + m[2].length });
	}
}

/** A name followed by property accesses, calls or indexing: `secret`, `self.client_secret`, `os.environ.get(…`, TypeScript's `settings.clientSecret!`. */
const CODE_REFERENCE = /^[A-Za-z_$]+(?:\.[A-Za-z_$]+)*(?:[([].*|!)?$/;

/** snake_case or camelCase made of real words (`secret`, `clientSecret`), unlike random characters. */
const IDENTIFIER_WORDS = /^[a-z_$]+(?:[A-Z][a-z]+)*$/;

/**
 * An unquoted free-text value that reads as source code rather than a credential:
 * `fetch_token(url, client_secret=secret)` in a traceback, `password: config.password`.
 * Names have no digits (token segments such as `v1.MWbK3…` do); a single name must
 * also read as words. Quoted values are always literals.
 */
function isCodeReference(text: string, start: number, value: string): boolean {
	const before = text.charCodeAt(start - 1);
	if (before === 0x22 || before === 0x27) return false;
	if (!CODE_REFERENCE.test(value)) return false;
	const name = value.split(/[([!]/, 1)[0];
	return name.includes('.') || value.length !== name.length || (name.length <= 24 && IDENTIFIER_WORDS.test(name));
}

/** A value under a Bitnami SealedSecret's `encryptedData`: ciphertext meant to be committed, not a credential. */
function isSealed(text: string, at: number): boolean {
	// Remembered forward searches: a log with a secret on every line must not scan back through the text for each.
	const key = indexOfFrom(text, 'encryptedData:', Math.max(0, at - SEALED_REACH));
	if (key < 0 || key >= at) return false;
	const kind = indexOfFrom(text, 'SealedSecret', Math.max(0, key - SEALED_REACH));
	return kind >= 0 && kind < key;
}

/** How far before a value its `encryptedData:` key, and before that its `kind: SealedSecret`, may be. */
const SEALED_REACH = 16_384;

/** Sorted by offset; overlapping spans merged, keeping the more specific (earlier-found) kind. */
function normalise(spans: SecretSpan[]): SecretSpan[] {
	const sorted = spans.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || b.s.end - a.s.end || a.i - b.i);
	const out: SecretSpan[] = [];
	for (const { s } of sorted) {
		const last = out[out.length - 1];
		if (last && s.start < last.end) {
			if (s.end > last.end) last.end = s.end;
			continue;
		}
		out.push({ ...s });
	}
	return out;
}

/**
 * Replaces every secret value the analysis detects with a marker such as
 * «redacted:access_token». Positions outside secrets are kept as they are.
 */
export function redactSpans(text: string, spans: readonly SecretSpan[], marker: (kind: SecretKind) => string): string {
	const sorted = normalise([...spans]);
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

/** {@link replaceSecretCopies} for many targets: the secret values are collected and ordered once. */
export function secretCopyReplacer(text: string, spans: readonly SecretSpan[], marker: (kind: SecretKind) => string): (target: string) => string {
	const copies = new Map<string, string>();
	for (const s of spans) {
		const value = text.slice(s.start, s.end);
		if (value.length >= MIN_REPEAT_LENGTH && !copies.has(value)) copies.set(value, marker(s.kind));
	}
	// Longest first, so that a secret containing another is replaced whole.
	const ordered = [...copies].sort((a, b) => b[0].length - a[0].length);
	return target => {
		let out = target;
		for (const [value, replacement] of ordered) {
			if (out.includes(value)) out = out.split(value).join(replacement);
		}
		return out;
	};
}
