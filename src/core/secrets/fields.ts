/**
 * Secrets named by their key: JSON and form fields, credential headers, cookie
 * values, `name=value` pairs in free text (logs, shell lines, `.env` files,
 * escaped JSON inside a log line), `{"name": …, "value": …}` pairs (HAR,
 * Postman), private JWK members, `curl -u`, query parameters of logged URLs,
 * and the tail of a token wrapped onto the next line.
 *
 * Every scanner is anchored on a fixed string found with the remembered
 * searches of parse/lines.ts, or on a regular expression without nested
 * quantifiers, and reads a bounded window around each hit: linear in the text.
 */
import { parseFormParams } from '../parse/formBody';
import { scanJsonExtent } from '../parse/jsonExtent';
import { indexWithin, isRecordStart, type TextIndex } from '../parse/lines';
import type { SecretKind, SecretSpan, Span } from '../types';
import { isB64Any, isBlank, isDigit, isLineBreak, isLower, isUpper, runEnd, type CharTest } from './chars';
import { isPlaceholder } from './placeholders';
import shapes from './shapes.json';

/** How a named field is judged. */
interface FieldRule {
	kind: SecretKind;
	/** Shorter values are no credential (a flag, a length). */
	min: number;
	/** Only as a URL query parameter (`sig=` of a SAS URL). */
	urlOnly?: boolean;
}

/** Shorter values of most fields are too likely to be something else (a flag, an id, a word). */
const MIN_VALUE = 8;

const GENERIC_FIELDS: ReadonlyArray<[string, SecretKind]> = [
	['access_token', 'access_token'], ['accesstoken', 'access_token'], ['token', 'access_token'],
	['refresh_token', 'refresh_token'], ['refreshtoken', 'refresh_token'],
	['id_token', 'id_token'], ['idtoken', 'id_token'], ['id-token', 'id_token'], ['access-token', 'access_token'], ['refresh-token', 'refresh_token'],
	['client_secret', 'client_secret'], ['clientsecret', 'client_secret'], ['client-secret', 'client_secret'], ['secret', 'client_secret'],
	['client_assertion', 'client_assertion'], ['assertion', 'assertion'],
	['code', 'authorization_code'], ['device_code', 'device_code'], ['code_verifier', 'code_verifier'],
	['password', 'password'], ['passwd', 'password'], ['subject_token', 'subject_token'], ['actor_token', 'subject_token'],
	['registration_access_token', 'registration_token'], ['mfa_token', 'mfa_token'],
	['api_key', 'api_key'], ['apikey', 'api_key'], ['api-key', 'api_key'], ['session_token', 'access_token'], ['auth_token', 'access_token'],
	['api_token', 'access_token'], ['bearer_token', 'bearer_token'],
	['private_key', 'private_key'], ['x-api-key', 'api_key'], ['client_token', 'access_token'],
];

/** Parameter, JSON key and header names whose values are credentials (lower-case): generic names and shapes.json's. */
const FIELDS: ReadonlyMap<string, FieldRule> = new Map<string, FieldRule>([
	...GENERIC_FIELDS.map(([name, kind]): [string, FieldRule] => [name, { kind, min: kind === 'password' || kind === 'client_secret' ? 1 : MIN_VALUE }]),
	...shapes.fields.map((f): [string, FieldRule] => [f.name, { kind: f.kind as SecretKind, min: f.min, ...(f.urlOnly ? { urlOnly: true } : {}) }]),
]);

/** The rule for a field name, if its value is a credential. */
export function fieldRule(name: string): FieldRule | undefined {
	return FIELDS.get(name.toLowerCase());
}

/** A field's value, unless it is a template, a placeholder or too short for its kind. */
export function addField(out: SecretSpan[], name: string, value: string, span: Span, inUrl = false): void {
	addFieldAt(out, name, value, span.start, span.end, inUrl);
}

function addFieldAt(out: SecretSpan[], name: string, value: string, start: number, end: number, inUrl = false): void {
	const rule = fieldRule(name);
	// `{{$dotenv SECRET}}` and similar template expressions are cut at their first space by free-text scanning.
	if (!rule || (rule.urlOnly && !inUrl) || value.startsWith('{{') || /^\$?\$[{(]/.test(value) || isPlaceholder(value)) return;
	if (value.length < rule.min) return;
	if (rule.kind === 'authorization_code' && /^[a-z_]+$/.test(value)) return;
	if (end > start) out.push({ kind: rule.kind, start, end });
}

/** Headers whose whole value is a credential (besides Authorization, DPoP and cookies), and the kind. */
const CREDENTIAL_HEADERS: ReadonlyMap<string, SecretKind> = new Map<string, SecretKind>([
	['x-api-key', 'api_key'], ['api-key', 'api_key'], ['apikey', 'api_key'], ['ocp-apim-subscription-key', 'api_key'], ['x-functions-key', 'api_key'],
	['private-token', 'access_token'], ['x-vault-token', 'access_token'],
	...shapes.fields.filter(f => f.name.includes('-')).map((f): [string, SecretKind] => [f.name, f.kind as SecretKind]),
]);

/** True for a header name that carries a credential. */
export function isCredentialHeader(lower: string): boolean {
	return lower === 'authorization' || lower === 'proxy-authorization' || lower === 'dpop' || lower === 'cookie' || lower === 'set-cookie' || CREDENTIAL_HEADERS.has(lower);
}

/** The credential in a header value (`value` covers the value only). */
export function addHeader(text: string, out: SecretSpan[], lower: string, value: Span): void {
	if (lower === 'authorization' || lower === 'proxy-authorization') {
		addAuthorization(text, out, value);
	} else if (lower === 'dpop') {
		if (!isPlaceholder(text.slice(value.start, value.end))) out.push({ kind: 'dpop_proof', ...value });
	} else if (lower === 'cookie' || lower === 'set-cookie') {
		addCookieValues(text, out, value);
	} else {
		const kind = CREDENTIAL_HEADERS.get(lower);
		if (kind && value.end > value.start && !isPlaceholder(text.slice(value.start, value.end))) out.push({ kind, ...value });
	}
}

/** `Bearer abc`, and `Bearer%20abc` / `Bearer+abc` as a URL or form parameter: the credential after the scheme. */
const SCHEME_AND_CREDENTIAL = /^([A-Za-z][\w.-]{0,31})(?:[ \t]{1,8}|%20|\+)(?!%20|\+)/;

function addAuthorization(text: string, out: SecretSpan[], value: Span): void {
	const raw = text.slice(value.start, value.end);
	const m = SCHEME_AND_CREDENTIAL.exec(raw);
	if (!m) return;
	const scheme = m[1].toLowerCase();
	// httpYac's `Authorization: oauth2 client_credentials` names a flow for the client to run, not a credential.
	if (scheme === 'oauth2' || scheme === 'openid') return;
	const credStart = runEnd(text, value.start + m[0].length, isBlank, value.end);
	const credential = text.slice(credStart, value.end);
	if (isPlaceholder(credential) || credential.length < 4) return;
	out.push({ kind: schemeKind(scheme), start: credStart, end: value.end });
}

function schemeKind(scheme: string): SecretKind {
	if (scheme === 'basic') return 'basic_credentials';
	if (scheme === 'bearer' || scheme === 'dpop') return 'bearer_token';
	return scheme === 'token' ? 'access_token' : 'api_key';
}

/** Shorter cookie values (a flow step, a flag) are no session or credential. */
const MIN_COOKIE_VALUE = 8;
const COOKIE_ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'secure', 'httponly', 'priority', 'partitioned']);

/**
 * The value of each `name=value` pair of a Cookie / Set-Cookie header
 * (attributes excluded). Every search stays inside its `;`/`,` segment, so a
 * header of a million segments without `=` is read once.
 */
function addCookieValues(text: string, out: SecretSpan[], value: Span): void {
	let pos = value.start;
	while (pos < value.end) {
		let stop = pos;
		while (stop < value.end && text.charCodeAt(stop) !== 59 && text.charCodeAt(stop) !== 44) stop++;
		const eq = stop > pos ? indexWithin(text, '=', pos, stop) : -1;
		if (eq > pos) addCookieValue(text, out, pos, eq, stop);
		pos = stop + 1;
	}
}

/** The longest cookie attribute name (`partitioned`), with blanks around it. */
const MAX_ATTRIBUTE = 16;

function addCookieValue(text: string, out: SecretSpan[], nameStart: number, eq: number, to: number): void {
	const start = runEnd(text, eq + 1, isBlank, to);
	let end = to;
	while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
	if (end - start < MIN_COOKIE_VALUE) return;
	// Only a short name can be an attribute (`Path`, `Max-Age`…): no string is made for the others.
	if (eq - nameStart <= MAX_ATTRIBUTE && COOKIE_ATTRIBUTES.has(text.slice(nameStart, eq).trim().toLowerCase())) return;
	if (!isPlaceholder(text.slice(start, end))) out.push({ kind: 'cookie', start, end });
}

// --- name=value in free text --------------------------------------------------------------------

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Names whose `name=value` / `name: value` is a credential in free text; `token` and `code` only in URLs (too common in prose). */
const FREE_TEXT_NAMES = [...FIELDS.entries()].filter(([name, rule]) => !rule.urlOnly && name !== 'code' && name !== 'assertion').map(([name]) => name)
	.sort((a, b) => b.length - a.length);

/**
 * `client_secret=…`, `"password": "…"`, `AZURE_CLIENT_SECRET=…`, `\"refresh_token\":\"…\"` (escaped JSON in a
 * log line). The name may follow `_` or `.` (a prefixed name); quotes may be backslash-escaped. The value
 * stops at blanks, quotes, `&`, `,`, `;`, `<`, `>` and backslashes (except a JSON-escaped `\/`).
 */
const NAME_ALTERNATIVES = FREE_TEXT_NAMES.map(escapeRegExp).join('|');
const AFTER_NAME = `(?:\\\\{0,3}["'])?[ \\t]*[:=][ \\t]*(?:\\\\{0,3}["'])?((?:[^\\s"'&,;<>\\\\]|\\\\/){4,4096})`;
/** The ends of longer names worth reading (`AZURE_CLIENT_SECRET`, `spring.datasource.password`, `GITLAB_TOKEN`). */
const PREFIXABLE = ['client_secret', 'secret', 'password', 'passwd', 'api_key', 'apikey', 'access_token', 'refresh_token', 'auth_token', 'api_token', 'session_token', 'private_key', 'token'];
/**
 * Two expressions, each faster than one with a look-behind: a name at a word start, and the end of a
 * longer name after `_` or `.` (the match starts at that character).
 */
const KEY_VALUES = [new RegExp(`\\b(${NAME_ALTERNATIVES})${AFTER_NAME}`, 'gi'), new RegExp(`[_.](${PREFIXABLE.join('|')})${AFTER_NAME}`, 'gi')];

const AUTHORIZATION = /(?<![A-Za-z0-9])(?:proxy-)?authorization(?:\\{0,3}["'])?[ \t]*[:=][ \t]*(?:\\{0,3}["'])?(basic|bearer|dpop|token)(?:[ \t]{1,8}|%20|\+)([A-Za-z0-9._~+/=%-]{8,8192})/gi;

/** `curl -u id:secret`, `--user id:secret`, `-u "id:secret"`. */
const CURL_USER = /(?<!\S)(?:-u|--user)(?:[ \t]{1,8}|=)["']?([^\s"':]{1,256}):([^\s"']{1,1024})/g;
const MIN_CURL_PASSWORD = 6;

/**
 * `client_secret=…`, `"password": "…"`, `Authorization: Bearer …`, `curl -u id:secret`
 * and the like in free text (logs, curl commands, `.env` files).
 */
export function addKeyValueSecrets(text: string, span: Span, out: SecretSpan[], doc: TextIndex): void {
	const slice = text.slice(span.start, span.end);
	for (const keyValue of KEY_VALUES) {
		keyValue.lastIndex = 0;
		for (let m = keyValue.exec(slice); m; m = keyValue.exec(slice)) {
			const start = span.start + m.index + m[0].length - m[2].length;
			// `f(password=s3cret)`: the closing parenthesis belongs to the call, not to the value.
			const value = m[2].endsWith(')') && !m[2].includes('(') ? m[2].slice(0, -1) : m[2];
			// The second expression's match starts at the `_` or `.` before the name.
			const nameStart = span.start + m.index + (keyValue === KEY_VALUES[1] ? 1 : 0);
			if (!acceptsName(text, nameStart, m[1], value)) {
				// `token: client_token=…`: a refused name must not hide a name inside its value.
				keyValue.lastIndex = start - span.start;
				continue;
			}
			if (isCodeReference(text, start, value) || isSealed(doc, start)) continue;
			addFieldAt(out, m[1], value, start, start + value.length);
		}
	}
	AUTHORIZATION.lastIndex = 0;
	for (let m = AUTHORIZATION.exec(slice); m; m = AUTHORIZATION.exec(slice)) {
		if (isPlaceholder(m[2]) || (m[1].toLowerCase() === 'token' && !looksRandom(m[2]))) continue;
		const start = span.start + m.index + m[0].length - m[2].length;
		out.push({ kind: schemeKind(m[1].toLowerCase()), start, end: start + m[2].length });
	}
	if (slice.includes('-u') || slice.includes('--user')) {
		CURL_USER.lastIndex = 0;
		for (let m = CURL_USER.exec(slice); m; m = CURL_USER.exec(slice)) {
			const start = span.start + m.index + m[0].length - m[2].length;
			if (m[2].length < MIN_CURL_PASSWORD || isPlaceholder(m[2]) || isCodeReference(text, start, m[2]) || isPlaceholder(m[1])) continue;
			out.push({ kind: 'password', start, end: start + m[2].length });
		}
	}
}

const isNameChar: CharTest = (c) => isUpper(c) || isLower(c) || isDigit(c) || c === 95 || c === 46;

/**
 * Whether a free-text name counts. A name after `_` or `.` is the end of a longer
 * name (`AZURE_CLIENT_SECRET`, `spring.datasource.password`): its value must be a
 * real value (not a number, at least 8 characters), and `token` counts only at the
 * end of an environment variable's name (`GITHUB_TOKEN`), not of `next_page_token`.
 */
function acceptsName(text: string, nameStart: number, name: string, value: string): boolean {
	const before = text.charCodeAt(nameStart - 1);
	const lower = name.toLowerCase();
	if (lower === 'secret' && !looksRandom(value)) return false;
	if (before !== 95 && before !== 46) return lower !== 'token';
	let from = nameStart;
	while (from > 0 && nameStart - from < 64 && isNameChar(text.charCodeAt(from - 1))) from--;
	const full = text.slice(from, nameStart + name.length);
	if (value.length < MIN_VALUE || /^\d+$/.test(value)) return false;
	if (lower === 'token') return full === full.toUpperCase() && !/PAGE|CURSOR|CSRF|XSRF/.test(full);
	return true;
}

/** Random-looking rather than words: holds a digit, or an upper-case letter after its first character. */
function looksRandom(value: string): boolean {
	return value.length >= MIN_VALUE && (/\d/.test(value) || /.[A-Z]/.test(value));
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
function isSealed(doc: TextIndex, at: number): boolean {
	// Remembered forward searches (the analysis's text index): a log with a secret on every line must not scan back through the text for each.
	const key = doc.indexOf('encryptedData:', Math.max(0, at - SEALED_REACH));
	if (key < 0 || key >= at) return false;
	const kind = doc.indexOf('SealedSecret', Math.max(0, key - SEALED_REACH));
	return kind >= 0 && kind < key;
}

/** How far before a value its `encryptedData:` key, and before that its `kind: SealedSecret`, may be. */
const SEALED_REACH = 16_384;

// --- JSON name/value pairs (HAR, Postman, Insomnia), private JWKs ---------------------------------

/** How far from a `"value"` key its object's `{`, `}` and `"name"` may be. */
const PAIR_REACH = 512;
const PAIR_NAME = /"(?:name|key)"[ \t]*:[ \t]*"([^"\\\r\n]{1,128})"/;
const MAX_JSON_STRING = 16_384;

/** The characters of the JSON string whose opening quote is at `quote` (escapes kept), or undefined. */
function jsonString(text: string, quote: number, limit: number): Span | undefined {
	if (text.charCodeAt(quote) !== 34) return undefined;
	const end = Math.min(limit, quote + MAX_JSON_STRING);
	for (let i = quote + 1; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 92) i++;
		else if (c === 34) return { start: quote + 1, end: i };
		else if (isLineBreak(c)) return undefined;
	}
	return undefined;
}

/** After a key ending at `at`: blanks, `:`, blanks; the offset of the value or -1. */
function afterColon(text: string, at: number, limit: number): number {
	let i = runEnd(text, at, isBlank, limit);
	if (text.charCodeAt(i) !== 58) return -1;
	i = runEnd(text, i + 1, isBlank, limit);
	return i < limit ? i : -1;
}

/**
 * `{"name": "Authorization", "value": "Bearer …"}` of a HAR's `headers[]`,
 * `{"name": "sid", "value": "…"}` of its `cookies[]`, Postman's and Insomnia's
 * `{"key": "client_secret", "value": "…"}`: the value, judged by the name.
 */
export function addNameValuePairs(text: string, span: Span, out: SecretSpan[]): void {
	const cookies = new CookieArrays(text, span);
	for (let at = indexWithin(text, '"value"', span.start, span.end); at >= 0; at = indexWithin(text, '"value"', at + 7, span.end)) {
		const valueAt = afterColon(text, at + 7, span.end);
		const value = valueAt >= 0 ? jsonString(text, valueAt, span.end) : undefined;
		if (!value || value.end === value.start) continue;
		// The object may reach past the span (a one-line fragment inside a pretty-printed HAR): a bounded look around.
		const open = lastIndexWithin(text, 123, at, Math.max(0, at - PAIR_REACH));
		const close = nextIndexWithin(text, 125, value.end, Math.min(text.length, value.end + PAIR_REACH));
		if (open < 0 || close < 0) continue;
		const object = text.slice(open, close);
		if (object.lastIndexOf('}', at - open) >= 0) continue;
		const named = PAIR_NAME.exec(object);
		const name = named?.[1].toLowerCase();
		const raw = text.slice(value.start, value.end);
		if (name && isCredentialHeader(name)) addHeader(text, out, name, value);
		else if (name && fieldRule(name)) addField(out, name, raw, value);
		else if (cookies.holds(open) && raw.length >= MIN_COOKIE_VALUE && !isPlaceholder(raw)) out.push({ kind: 'cookie', ...value });
	}
}

/** The `"cookies": [ … ]` arrays of a span, asked about at increasing offsets. */
class CookieArrays {
	#current: Span | undefined;
	#searchFrom: number;
	#done = false;

	constructor(private readonly text: string, private readonly span: Span) {
		this.#searchFrom = span.start;
	}

	/** True when `at` lies in a cookies array; `at` never decreases between calls. */
	holds(at: number): boolean {
		while ((!this.#current || this.#current.end <= at) && !this.#done) this.#advance();
		return !!this.#current && this.#current.start <= at && at < this.#current.end;
	}

	#advance(): void {
		const key = indexWithin(this.text, '"cookies"', this.#searchFrom, this.span.end);
		if (key < 0) {
			this.#done = true;
			return;
		}
		this.#searchFrom = key + 9;
		const bracket = afterColon(this.text, key + 9, this.span.end);
		if (bracket < 0 || this.text.charCodeAt(bracket) !== 91) return;
		const extent = scanJsonExtent(this.text, bracket, Math.min(this.span.end, bracket + (1 << 20)));
		this.#current = { start: bracket, end: extent.end };
	}
}

/** The last `char` in text[min, from), or -1: a bounded look back. */
function lastIndexWithin(text: string, char: number, from: number, min: number): number {
	for (let i = from - 1; i >= min; i--) if (text.charCodeAt(i) === char) return i;
	return -1;
}

/** The first `char` in text[from, max), or -1: a bounded look ahead. */
function nextIndexWithin(text: string, char: number, from: number, max: number): number {
	for (let i = from; i < max; i++) if (text.charCodeAt(i) === char) return i;
	return -1;
}

/** The private members of a JWK (RFC 7518 §6.2.2, §6.3.2, §6.4.1): `d`, `p`, `q`, `dp`, `dq`, `qi`, and `k` of a symmetric key. */
const JWK_PRIVATE = /"(d|p|q|dp|dq|qi|k)"[ \t\r\n]*:[ \t\r\n]*"([A-Za-z0-9_-]{16,16384})"/g;
const MAX_JWK = 1 << 16;

/** The private members of every JWK (an object with `"kty"`) in the span. */
export function addJwkMembers(text: string, span: Span, out: SecretSpan[]): void {
	let resume = span.start;
	for (let at = indexWithin(text, '"kty"', span.start, span.end); at >= 0; at = indexWithin(text, '"kty"', Math.max(at + 5, resume), span.end)) {
		const open = lastIndexWithin(text, 123, at, Math.max(span.start, at - PAIR_REACH, resume));
		if (open < 0) continue;
		const extent = scanJsonExtent(text, open, Math.min(span.end, open + MAX_JWK));
		const object = text.slice(open, extent.end);
		JWK_PRIVATE.lastIndex = 0;
		for (let m = JWK_PRIVATE.exec(object); m; m = JWK_PRIVATE.exec(object)) {
			const start = open + m.index + m[0].length - 1 - m[2].length;
			if (!isPlaceholder(m[2])) out.push({ kind: 'private_key', start, end: start + m[2].length });
		}
		resume = extent.end;
	}
}

// --- Logged URLs ----------------------------------------------------------------------------------

/** Characters that end a URL in free text. */
const isUrlStop: CharTest = (c) => c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96;
const MAX_URL = 8192;

/**
 * Secret query (and fragment) parameters of every URL in the span: `?token=`,
 * `#access_token=`, a SAS URL's `sig=`. Authorization codes and `state` stay:
 * a logged redirect is evidence, not a credential worth an alarm.
 */
export function addUrlQuerySecrets(text: string, span: Span, out: SecretSpan[]): void {
	for (let at = indexWithin(text, '://', span.start, span.end); at >= 0; at = indexWithin(text, '://', at + 3, span.end)) {
		const end = runEnd(text, at + 3, c => !isUrlStop(c), Math.min(span.end, at + MAX_URL));
		const q = indexWithin(text, '?', at + 3, end);
		const hash = indexWithin(text, '#', at + 3, end);
		if (q >= 0) addUrlParams(text, q + 1, hash > q ? hash : end, out);
		if (hash >= 0) addUrlParams(text, hash + 1, end, out);
		at = Math.max(at, end - 3);
	}
}

function addUrlParams(text: string, start: number, end: number, out: SecretSpan[]): void {
	if (end <= start || indexWithin(text, '=', start, end) < 0) return;
	for (const p of parseFormParams(text, start, end)) {
		if (p.name.toLowerCase() !== 'code') addParam(text, out, p.name, p.value, p.valueSpan, true);
	}
}

/** A query or form parameter: a credential header's name (`Authorization=Bearer%20…`) or a secret field's. */
export function addParam(text: string, out: SecretSpan[], name: string, value: string, span: Span, inUrl = false): void {
	const lower = name.toLowerCase();
	if (isCredentialHeader(lower)) addHeader(text, out, lower, span);
	else addField(out, name, value, span, inUrl);
}

/** The password of each `scheme://user:password@host` (connection strings in logs, URLs with credentials). */
export function addUrlPasswords(text: string, span: Span, out: SecretSpan[]): void {
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

/** Characters that end a URL's userinfo part (and so a password in it). */
const USERINFO_STOP = new Set([0x2f, 0x3f, 0x23, 0x40, 0x3a, 0x22, 0x27, 0x3c, 0x3e, 0x20, 0x09, 0x0a, 0x0d]);
const MAX_USERINFO = 256;

// --- Tokens wrapped onto the next line ------------------------------------------------------------

/** Secrets shorter than this do not get wrapped by a terminal or a log viewer. */
const MIN_WRAPPED_HEAD = 16;
const MIN_TAIL = 6;
const MAX_TAIL = 8192;
const isTailChar: CharTest = (c) => isB64Any(c) || c === 46 || c === 126 || c === 37;
const isTailEnd: CharTest = (c) => Number.isNaN(c) || c <= 32 || c === 34 || c === 39 || c === 44 || c === 59 || c === 41 || c === 93 || c === 125 || c === 38;

/**
 * A secret that runs to a line end, continued at the start of the next line
 * (a terminal or log viewer wrapped it): the continuation, as a span of the
 * same kind, when it reads as the rest of a token (letters of both cases and
 * a digit, or a `.` between token characters) and not as a new log record.
 */
export function wrappedTails(text: string, spans: readonly SecretSpan[], limit: number): SecretSpan[] {
	const tails: SecretSpan[] = [];
	for (const s of spans) {
		const c = text.charCodeAt(s.end);
		if (!isLineBreak(c) || s.end - s.start < MIN_WRAPPED_HEAD) continue;
		const lineStart = s.end + (c === 13 && text.charCodeAt(s.end + 1) === 10 ? 2 : 1);
		if (lineStart >= limit || isRecordStart(text, lineStart)) continue;
		const from = runEnd(text, lineStart, isBlank, Math.min(limit, lineStart + 8));
		const end = runEnd(text, from, isTailChar, Math.min(limit, from + MAX_TAIL));
		if (end - from < MIN_TAIL || !isTailEnd(text.charCodeAt(end)) || text.charCodeAt(end) === 58) continue;
		const tail = text.slice(from, end);
		if ((continuesJwt(text.slice(s.start, s.end), tail) || looksLikeTokenTail(tail)) && !isPlaceholder(tail)) tails.push({ kind: s.kind, start: from, end });
	}
	return tails;
}

/** Lengths of base64url signatures: HMAC-SHA256/384/512, ECDSA P-256/384/521, RSA 2048/3072/4096, Ed25519. */
const SIGNATURE_LENGTHS = new Set([43, 64, 86, 128, 176, 342, 512, 683]);

/**
 * `tail` is the rest of the JWT `head` cut at a line end: after a cut inside
 * the payload it holds the `.` and the signature; after a cut inside the
 * signature, the two parts make a signature of a length some algorithm gives.
 */
function continuesJwt(head: string, tail: string): boolean {
	if (!head.startsWith('eyJ')) return false;
	const segments = head.split('.');
	if (segments.length === 2) return /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]/.test(tail);
	const signature = segments[2] ?? '';
	return segments.length === 3 && !SIGNATURE_LENGTHS.has(signature.length) && /^[A-Za-z0-9_-]+$/.test(tail)
		&& SIGNATURE_LENGTHS.has(signature.length + tail.length);
}

function looksLikeTokenTail(tail: string): boolean {
	let upper = false;
	let lower = false;
	let digit = false;
	for (let i = 0; i < tail.length; i++) {
		const c = tail.charCodeAt(i);
		upper ||= isUpper(c);
		lower ||= isLower(c);
		digit ||= isDigit(c);
	}
	const dotted = /[A-Za-z0-9_-]{4}\.[A-Za-z0-9_-]{4}/.test(tail);
	return (upper && lower && digit) || (dotted && (upper || digit));
}
