// Deterministic benchmark inputs: a realistic application log with OAuth errors mixed in, and
// adversarial texts for the linear-time check. The same seed always gives the same bytes.

/** A small, fast, seeded PRNG (mulberry32): benchmark inputs must not change between runs. */
export function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pick = (rnd, items) => items[Math.floor(rnd() * items.length)];
const LEVELS = ['INFO ', 'INFO ', 'INFO ', 'DEBUG', 'DEBUG', 'WARN '];
const THREADS = ['http-nio-8080-exec-1', 'http-nio-8080-exec-7', 'scheduling-1', 'main', 'pool-3-thread-2'];
const LOGGERS = ['c.e.orders.OrderController', 'c.e.billing.InvoiceService', 'o.s.web.servlet.DispatcherServlet', 'c.e.auth.TokenCache', 'c.e.http.RestClient'];
const PATHS = ['/api/orders', '/api/invoices', '/api/customers', '/healthz', '/api/reports/monthly', '/static/app.js'];
const WORDS = ['completed', 'request', 'cache', 'refreshed', 'user', 'session', 'retrying', 'connection', 'pool', 'latency', 'scheduled', 'payload', 'validated', 'customer', 'invoice', 'exported'];

function timestamp(rnd, i) {
	const s = i % 86_400;
	const hh = String(Math.floor(s / 3600)).padStart(2, '0');
	const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
	const ss = String(s % 60).padStart(2, '0');
	return `2026-11-23T${hh}:${mm}:${ss}.${String(Math.floor(rnd() * 1000)).padStart(3, '0')}Z`;
}

/** An ordinary log line: nothing about OAuth errors in it. */
export function ordinaryLine(rnd, i) {
	const words = Array.from({ length: 3 + Math.floor(rnd() * 8) }, () => pick(rnd, WORDS)).join(' ');
	const kind = rnd();
	if (kind < 0.45) {
		return `${timestamp(rnd, i)} ${pick(rnd, LEVELS)} [${pick(rnd, THREADS)}] ${pick(rnd, LOGGERS)} - GET ${pick(rnd, PATHS)}/${Math.floor(rnd() * 100000)} status=200 durationMs=${Math.floor(rnd() * 900)} ${words}`;
	}
	if (kind < 0.8) return `${timestamp(rnd, i)} ${pick(rnd, LEVELS)} [${pick(rnd, THREADS)}] ${pick(rnd, LOGGERS)} - ${words}, id=${Math.floor(rnd() * 1e9).toString(16)}`;
	return `${timestamp(rnd, i)} ${pick(rnd, LEVELS)} [${pick(rnd, THREADS)}] ${pick(rnd, LOGGERS)} - {"event":"${pick(rnd, WORDS)}","count":${Math.floor(rnd() * 50)},"ok":true}`;
}

const ERROR_LINES = [
	(t) => `${t} ERROR [http-nio-8080-exec-3] c.e.auth.TokenClient - OAuth2 token request failed: invalid_grant (AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.)`,
	(t) => `${t} ERROR [main] c.e.auth.OktaClient - Okta API error E0000011: Invalid token provided`,
	(t) => `${t} WARN  [pool-3-thread-2] c.e.auth.Callback - redirect received https://app.example.com/callback?error=access_denied&error_description=The+user+denied+the+request&state=af0ifjsldkj`,
	(t) => `${t} ERROR [http-nio-8080-exec-1] c.e.auth.TokenClient - token endpoint said {"error":"invalid_client","error_description":"Client authentication failed"}`,
	(t) => `${t} ERROR [scheduling-1] c.e.auth.DeviceFlow - polling stopped: expired_token error from the token endpoint`,
	(t) => `${t} ERROR [main] c.e.auth.Msal - MsalUiRequiredException: AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.`,
];

const RESPONSES = [
	`HTTP/1.1 400 Bad Request
Content-Type: application/json;charset=UTF-8
Cache-Control: no-store
Pragma: no-cache

{
  "error": "invalid_grant",
  "error_description": "AADSTS54005: OAuth2 Authorization code was already redeemed.",
  "error_codes": [54005],
  "timestamp": "2026-11-23 10:15:32Z",
  "trace_id": "0b6c1f2e-7d1a-4d7e-9a55-2f0c3e7a1b00",
  "correlation_id": "7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
}
`,
	`HTTP/2 401
www-authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"
content-length: 0
`,
	`HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"errorCode":"E0000004","errorSummary":"Authentication failed","errorLink":"E0000004","errorId":"oaeXyz","errorCauses":[]}
`,
];

/**
 * A realistic log of about `bytes` characters: ordinary lines, an error line
 * every few KB, a pasted HTTP response every ~25 KB.
 */
export function realisticLog(bytes, seed = 1) {
	const rnd = random(seed);
	const parts = [];
	let size = 0;
	let i = 0;
	let nextError = 2000 + rnd() * 4000;
	let nextResponse = 15_000 + rnd() * 20_000;
	while (size < bytes) {
		let line;
		if (size >= nextResponse) {
			line = `${timestamp(rnd, i)} DEBUG [http-nio-8080-exec-2] c.e.http.RestClient - response:\n${pick(rnd, RESPONSES)}`;
			nextResponse = size + 15_000 + rnd() * 20_000;
		} else if (size >= nextError) {
			line = pick(rnd, ERROR_LINES)(timestamp(rnd, i));
			nextError = size + 2000 + rnd() * 4000;
		} else {
			line = ordinaryLine(rnd, i);
		}
		parts.push(line, '\n');
		size += line.length + 1;
		i++;
	}
	return parts.join('').slice(0, bytes);
}

/** Ordinary text only: the baseline of the pathological ratio. */
export function ordinaryText(bytes, seed = 2) {
	const rnd = random(seed);
	const parts = [];
	let size = 0;
	for (let i = 0; size < bytes; i++) {
		const line = ordinaryLine(rnd, i);
		parts.push(line, '\n');
		size += line.length + 1;
	}
	return parts.join('').slice(0, bytes);
}

function repeatTo(unit, bytes) {
	return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Adversarial inputs of `bytes` characters each, by name. */
export function adversarialTexts(bytes) {
	const json = (() => {
		const head = '{"error":"invalid_grant","error_description":"expired","items":[';
		const item = '{"id":12345,"name":"a \\"quoted\\" value","tags":["x","y"],"nested":{"k":"v"}},';
		const body = repeatTo(item, bytes - head.length - 2);
		return `${head}${body.slice(0, body.lastIndexOf(','))}]}`.padEnd(bytes, ' ');
	})();
	return {
		quotes: repeatTo('"', bytes),
		commas: repeatTo(',', bytes),
		equals: repeatTo('=', bytes),
		backslashes: repeatTo('\\', bytes),
		braces: repeatTo('{', bytes),
		'status lines': repeatTo('HTTP/1.1 400 Bad Request\n', bytes),
		'partial codes': repeatTo('invalid_gran AADSTS7000 error= E00000 invalid_clien "error":"invalid_ ', bytes),
		'single-line JSON': json,
		// Codes far into one long line: each must not walk back to the line's start again.
		// A secret on every line: each secret's checks must look back a bounded way, not through the whole text.
		'a secret per line': repeatTo('2025-01-01 10:00:00 DEBUG client_secret=Zk3Jq9vX2mP7sL4tR8wY\n', bytes),
		'codes late on a long line': repeatTo('x', Math.floor(bytes / 2)) + repeatTo(' ERROR invalid_grant,', bytes - Math.floor(bytes / 2)),
		// Issue 13: a Cookie header of segments without `=`, a Set-Cookie header of commas (each scan must stay in its
		// segment), and one header holding a hundred thousand secrets (no spread of an unbounded list).
		'cookie segments': `GET https://api.example.com/ HTTP/1.1\nCookie: ${repeatTo('a;', bytes - 60)}\n\n`,
		'set-cookie commas': `HTTP/1.1 200 OK\nSet-Cookie: ${repeatTo(',', bytes - 40)}\n\n`,
		'secrets in one header': `GET https://api.example.com/ HTTP/1.1\nCookie: ${cookieJar(bytes - 60)}\n\n`,
	};
}

/** `c0=v00000000Zq; c1=…` up to about `bytes` characters: a cookie value (a secret) every 20 characters. */
function cookieJar(bytes) {
	const parts = [];
	let size = 0;
	for (let i = 0; size < bytes; i++) {
		const part = `c${i}=v${String(i).padStart(8, '0')}Zq; `;
		parts.push(part);
		size += part.length;
	}
	return parts.join('').slice(0, bytes);
}

/**
 * A pretty-printed JSON document of about `bytes` characters holding `tokens` distinct access tokens (the CLI's
 * human output once scrubbed its whole text once per secret: 1.7 MB with 20,000 tokens took 11 s).
 */
export function manyTokensJson(tokens, seed = 5) {
	const rnd = random(seed);
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const token = () => Array.from({ length: 40 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
	const sessions = Array.from({ length: tokens }, (_, i) => ({ id: i, user: `user-${i}`, access_token: token(), scope: 'openid profile', expires_in: 3600 }));
	return `${JSON.stringify({ error: 'invalid_grant', error_description: 'one of the sessions expired', sessions }, null, 2)}\n`;
}

/** Near-miss codes of `count` custom catalog codes (`acme_billing_quota_0007` → `acme_billing_quota_007x`). */
export function nearMissCodes(count, seed = 6) {
	const rnd = random(seed);
	const codes = Array.from({ length: count }, (_, i) => `acme_${['billing', 'orders', 'tenant', 'device'][i % 4]}_${['quota', 'limit', 'state', 'grant'][Math.floor(i / 4) % 4]}_${String(i).padStart(5, '0')}`);
	const misses = Array.from({ length: Math.min(1000, count) }, () => {
		const code = codes[Math.floor(rnd() * codes.length)];
		const at = 1 + Math.floor(rnd() * (code.length - 2));
		return `${code.slice(0, at)}${code[at + 1]}${code[at]}${code.slice(at + 2)}x`;
	});
	return { codes, misses };
}
