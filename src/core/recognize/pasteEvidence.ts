import type { Grant } from '../catalog/catalogTypes';
import { jsonString } from '../parse/jsonBody';
import { lineStartOf } from '../parse/lines';
import type { HttpMessage } from './model';

/** The grant a paste shows, and what showed it (quoted for the diagnosis's evidence). */
export interface GrantEvidence {
	grant: Grant;
	evidence: string;
}

/** `grant_type` values (RFC 6749, RFC 8628, RFC 8693, RFC 7523, RFC 7522, CIBA) and the grant each names. */
const GRANT_TYPES: Readonly<Record<string, Grant>> = {
	authorization_code: 'authorization_code', refresh_token: 'refresh_token', client_credentials: 'client_credentials', password: 'password',
	'urn:ietf:params:oauth:grant-type:device_code': 'device_code', device_code: 'device_code',
	'urn:ietf:params:oauth:grant-type:token-exchange': 'token_exchange',
	'urn:ietf:params:oauth:grant-type:jwt-bearer': 'jwt_bearer', 'urn:ietf:params:oauth:grant-type:saml2-bearer': 'saml2_bearer',
	'urn:openid:params:grant-type:ciba': 'ciba', implicit: 'implicit',
};

/** `grant_type` written in a form, JSON (also escaped inside a log string), a log or a dump: `grant_type=refresh_token`, `"grant_type": "password"`, `GrantType: password`. */
const GRANT_PARAM = /grant_?type\\?["']?[ \t]{0,3}[:=][ \t]{0,3}\\?["']?([A-Za-z0-9_:.-]{3,80})/gi;
/**
 * Words of a log line or stack trace that name the grant when no request is
 * pasted: a refresh (`refresh_token`, `RefreshToken`, `refreshAccessToken`,
 * "token refresh") or a code exchange (`authorization code`, `code_verifier`,
 * `exchangeCode`, `redirect_uri=`) or a password grant (`AcquireTokenByUsernamePassword`,
 * "username-password flow"). Whole words, case-insensitive.
 */
const GRANT_WORDS: ReadonlyArray<readonly [RegExp, Grant, string]> = [
	[/\brefresh[_ -]?(?:access[_ -]?)?token\b|\bredeem(?:ing)? (?:the )?refresh\b|\brefresh(?:Access)?Token|RefreshToken|\btoken refresh|\brefreshing\b|\bacquireTokenSilent/i, 'refresh_token', 'a token refresh'],
	[/\bauthorization[_ ]code\b|\bredeem(?:ing)? (?:the |a |an )?(?:auth(?:orization)? )?code\b|\bcode_verifier\b|\bexchangeCode|\bacquireTokenByCode|\bcode exchange\b|\bcallback\?code=/i, 'authorization_code', 'a code exchange'],
	[/\bclient[_ ]credentials\b/i, 'client_credentials', 'the client credentials grant'],
	[/\bresource owner password\b|\bpassword (?:credentials )?grant\b|\bROPC\b|\bpassword flow\b|UsernamePassword|\busername[- ]password flow\b/i, 'password', 'the password grant'],
	[/\bdevice[_ ]code\b|\bdevice flow\b/i, 'device_code', 'the device flow'],
];

/** How far before a message a paste still describes its request (the request, a log line above a response). */
const BEFORE = 1500;
/** At most this much text is read for the grant words, whatever the size of the message. */
const MAX_WINDOW = 16 * 1024;

/**
 * The grant of the request behind a message: its own form or its paired
 * request's `grant_type`, else a `grant_type` written nearby, else words of the
 * log line or stack trace around it that name a refresh or a code exchange.
 */
export function grantEvidence(text: string, message: HttpMessage, around: { from: number; to: number }): GrantEvidence | undefined {
	const request = message.kind === 'request' ? message : message.request;
	const param = request?.form?.find(p => p.name === 'grant_type') ?? undefined;
	const fromJson = request?.json ? jsonString(request.json, 'grant_type') : undefined;
	const declared = param?.value ?? fromJson?.value;
	if (declared && GRANT_TYPES[declared]) return { grant: GRANT_TYPES[declared], evidence: `grant_type=${declared} in the request` };
	// Within a very long line (a one-line dump of many objects), the text before a message belongs
	// to the objects before it: read only the message itself, so the dump stays linear.
	const back = Math.max(around.from, message.span.start - BEFORE);
	const from = back > 0 && lineStartOf(text, message.span.start, back) === back ? message.span.start : back;
	// After the message only up to `around.to`: the end of its log record, before the next HTTP message.
	const to = Math.max(message.span.end, Math.min(around.to, message.span.end + BEFORE));
	// A huge message (a one-line dump of megabytes) is read only from its start: the grant is written near the request.
	const window = text.slice(from, Math.min(to, from + MAX_WINDOW));
	let written: string | undefined;
	GRANT_PARAM.lastIndex = 0;
	for (let m = GRANT_PARAM.exec(window); m; m = GRANT_PARAM.exec(window)) if (GRANT_TYPES[m[1].toLowerCase()]) written = m[1].toLowerCase();
	if (written) return { grant: GRANT_TYPES[written], evidence: `grant_type=${written} in the paste` };
	let best: { at: number; grant: Grant; what: string } | undefined;
	for (const [pattern, grant, what] of GRANT_WORDS) {
		const m = pattern.exec(window);
		if (m && (!best || m.index > best.at)) best = { at: m.index, grant, what };
	}
	return best ? { grant: best.grant, evidence: `the paste shows ${best.what} ("${window.slice(best.at, best.at + 40).split(/[\r\n]/)[0].trim()}")` } : undefined;
}

/** Request parameters whose value must be real: a placeholder there is why the request failed. */
const FILLED_IN = ['client_id', 'client_secret', 'code', 'refresh_token', 'redirect_uri', 'username', 'password', 'assertion', 'client_assertion', 'device_code', 'audience', 'scope'];

/**
 * A required request value left as a placeholder (`YOUR_CLIENT_ID`,
 * `<client-secret>`, `${CLIENT_SECRET}`, `undefined`), described without its
 * value when it could be a secret. REST Client and httpYac variables
 * (`{{clientId}}`) are filled in when the request is sent, so they do not count.
 */
export function placeholderEvidence(message: HttpMessage): string | undefined {
	const request = message.kind === 'request' ? message : message.request;
	if (!request) return undefined;
	for (const p of request.form ?? []) {
		if (!FILLED_IN.includes(p.name) || !p.value.trim() || p.value.includes('{{')) continue;
		if (isLiteralPlaceholder(p.value)) return `${p.name} is "${p.value.slice(0, 40)}"`;
	}
	const target = request.target ?? '';
	const query = target.indexOf('?');
	if (query >= 0) {
		for (const pair of target.slice(query + 1).split('&')) {
			const [name, value = ''] = pair.split('=');
			if (FILLED_IN.includes(name) && value && isLiteralPlaceholder(decodeURIComponentSafe(value))) return `${name} is "${decodeURIComponentSafe(value).slice(0, 40)}" in the URL`;
		}
	}
	return undefined;
}

/**
 * A value that is literally a placeholder from a sample or template, never
 * something a shell, a .http client or a template engine fills in when the
 * request is sent (`$VAR`, `${VAR}`, `{{var}}`, `%VAR%` are filled in).
 */
function isLiteralPlaceholder(value: string): boolean {
	const v = value.trim();
	if (!v || /^[$%]|\{\{/.test(v)) return false;
	return /^(?:your[_-]|<[^<>]{1,60}>$|\[[^[\]]{1,60}\]$|undefined$|null$|none$|x{4,}$|changeme$|change[_-]me$|replace[_-]?me|todo$|placeholder|insert[_-])/i.test(v)
		|| /^(?:MY_|YOUR_)?(?:CLIENT|APP|API)_?(?:ID|SECRET|KEY)$/.test(v);
}

function decodeURIComponentSafe(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** A finding about how the client authenticated, read from the request in the paste (a header, a curl command, a URL). */
export interface ClientAuthEvidence {
	kind: 'placeholder-value' | 'client-auth-method';
	evidence: string;
	/** Only a hint (the secret in the form body, which a server may refuse): it counts when the response says nothing more. */
	weak?: boolean;
}

/** `Authorization: Basic …` as a header, a curl `-H` argument or a log line (the value stops at a quote, space or backslash). */
const BASIC_HEADER = /authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?basic[ \t]{1,3}([^\s"'\\,;]{0,400})/i;
/** A URL whose query holds `client_secret=` (RFC 6749 §2.3.1: the secret goes in the Basic header or the form body, never the URI). */
const SECRET_IN_URL = /https?:\/\/[^\s"'`<>?]{1,300}\?[^\s"'`<>#]{0,600}\bclient_secret=/i;
const BASE64 = /^[A-Za-z0-9+/]{2,}={0,2}$/;
/** `client_secret=` starting a form parameter (a body, a curl `--data` value), not inside a URL (SECRET_IN_URL is checked first). */
const SECRET_IN_BODY = /(?:^|[&'"\s])client_secret=/m;

/**
 * How the client authenticated, when the request in the paste shows a
 * mistake: Basic credentials that are empty (an unset variable: `Og==` is
 * ":"), Basic credentials not Base64-encoded as RFC 6749 §2.3.1 and RFC 7617
 * require, the client secret in the URL's query string, or both a Basic header
 * and client_secret in the body (RFC 6749 §2.3: one method per request). A
 * secret only in the body is a weak hint: a server must accept Basic but need
 * not accept the body (RFC 6749 §2.3.1).
 */
export function clientAuthEvidence(text: string, message: HttpMessage, around: { from: number; to: number }): ClientAuthEvidence | undefined {
	const window = text.slice(Math.max(around.from, message.span.start - BEFORE), Math.max(message.span.end, Math.min(around.to, message.span.end + BEFORE)));
	const basic = BASIC_HEADER.exec(window);
	if (basic) {
		const value = basic[1];
		if (!BASE64.test(value)) return { kind: 'client-auth-method', evidence: 'the Basic credentials are not Base64-encoded "client_id:client_secret"' };
		const decoded = decodeBase64(value);
		if (decoded === undefined) return { kind: 'client-auth-method', evidence: 'the Basic credentials are not Base64-encoded "client_id:client_secret"' };
		const colon = decoded.indexOf(':');
		if (colon < 0) return { kind: 'client-auth-method', evidence: 'the Basic credentials do not decode to "client_id:client_secret"' };
		if (colon === 0 || colon === decoded.length - 1) return { kind: 'placeholder-value', evidence: `the Basic credentials have an empty ${colon === 0 ? 'client id' : 'client secret'} (an unset variable?)` };
	}
	if (SECRET_IN_URL.test(window)) return { kind: 'client-auth-method', evidence: 'client_secret is sent in the URL query string' };
	if (SECRET_IN_BODY.test(window)) {
		return basic
			? { kind: 'client-auth-method', evidence: 'the client sends its credentials twice: a Basic header and client_secret in the body' }
			: { kind: 'client-auth-method', evidence: 'client_secret is sent in the form body, which a server need not accept (only HTTP Basic is required)', weak: true };
	}
	return undefined;
}

function decodeBase64(value: string): string | undefined {
	try {
		return atob(value);
	} catch {
		return undefined;
	}
}
