import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { analyze, bundledService, explainMessage, hoverAt, redact, renderExplanation, renderReport, type Analysis } from '../../src/core';
import { run } from '../../src/cli/main';

// Issue 13, done-when: documents with planted secrets in every shape the issue lists (and a few more)
// never show a planted value, nor any 12-character piece of it, in any output (CLI human, --color,
// --json, --markdown, the report, hovers, problems and quick fixes, the redaction); and every planted
// value is reported as a secret (each of its characters lies in a detected secret's span).
// Values are assembled at run time, so no credential-shaped string sits in the repository.
// A token no detector knows (in a description, after a code in a log line) is found by how random it
// looks (secrets/entropy.ts): that misses about 2% of random 20–28-character tokens with few digits
// and odd capitals; the tokens here are random with every character class present.

const SEED = Number(process.env.FUZZ_SEED ?? 20261301);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const PIECE = 12;

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${B62}-_`;
const HEX = '0123456789abcdef';

/**
 * A realistic random token: characters drawn from SHA-256 of the seed (fast-check's strings are biased
 * towards repetition and are not token-like; real tokens come from a CSPRNG), with every class present.
 */
function token(seed: number, length: number, alphabet = B62): string {
	const chars: string[] = [];
	for (let block = 0; chars.length < length; block++) {
		for (const byte of createHash('sha256').update(`${seed}:${length}:${block}`).digest()) {
			// Rejection sampling keeps the characters uniform.
			if (byte < 256 - (256 % alphabet.length) && chars.length < length) chars.push(alphabet[byte % alphabet.length]);
		}
	}
	// Real tokens of this length hold upper case, lower case and digits (the class set of the alphabet).
	// (Distinct positions: every token here is 14 characters or more.)
	const forced = ['Q', 'x', '7', 'M', 'k', '4', 'a'].filter(c => alphabet.includes(c));
	forced.forEach((c, i) => { chars[1 + 2 * i] = c; });
	return chars.join('');
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const split = (...parts: string[]): string => parts.join('');

/** A shape's text and the secrets planted in it: each value with the pieces it appears as (a wrapped token is two). */
interface Planted {
	text: string;
	secrets: Array<{ value: string; pieces: string[] }>;
}

const plain = (text: string, ...values: string[]): Planted => ({ text, secrets: values.map(value => ({ value, pieces: [value] })) });
const stamp = (seed: number): string => `2026-03-${String(1 + (seed % 28)).padStart(2, '0')}T10:41:13.${String(seed % 1000).padStart(3, '0')}Z`;

type Shape = (seed: number) => Planted;

const SHAPES: Record<string, Shape> = {
	'prefixed environment names': seed => {
		const names = ['AZURE_CLIENT_SECRET', 'OKTA_CLIENT_SECRET', 'AUTH0_CLIENT_SECRET', 'MY_APP_PASSWORD', 'PAYMENTS_API_KEY', 'JWT_SECRET', 'GITLAB_TOKEN'];
		const name = names[seed % names.length];
		const v = token(seed, 24 + (seed % 17));
		const forms = [`${name}=${v}`, `export ${name}="${v}"`, `  ${name}: '${v}'`, `set ${name}=${v}`];
		return plain(forms[seed % forms.length], v);
	},
	'HAR headers[] and cookies[]': seed => {
		const bearer = token(seed, 32);
		const cookie = token(seed + 1, 28);
		const apiKey = token(seed + 2, 30);
		const har = { log: { entries: [{ request: { method: 'GET', url: 'https://api.example.com/v1/me', headers: [{ name: 'Accept', value: 'application/json' }, { name: seed % 2 ? 'authorization' : 'Authorization', value: `Bearer ${bearer}` }, { name: 'X-Auth-Token', value: apiKey }], cookies: [{ name: `sess${seed % 7}`, value: cookie, path: '/' }] }, response: { status: 200, headers: [] } }] } };
		return plain(JSON.stringify(har, null, seed % 3 ? 2 : undefined), bearer, cookie, apiKey);
	},
	'Postman key/value': seed => {
		const secret = token(seed, 26);
		const password = token(seed + 5, 14);
		const collection = { auth: { type: 'oauth2', oauth2: [{ key: 'clientSecret', value: secret, type: 'string' }, { key: 'grant_type', value: 'client_credentials', type: 'string' }] }, variable: [{ key: 'password', value: password }] };
		return plain(JSON.stringify(collection, null, seed % 2 ? 2 : undefined), secret, password);
	},
	'escaped JSON in a log line': seed => {
		const refresh = token(seed, 40, B64URL);
		return plain(`${stamp(seed)} DEBUG c.e.auth.TokenClient - body={\\"token_type\\":\\"Bearer\\",\\"refresh_token\\":\\"${refresh}\\",\\"expires_in\\":3600}`, refresh);
	},
	'a JWT wrapped onto the next line': seed => {
		const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: `k${seed % 100}` }));
		const payload = b64url(JSON.stringify({ iss: 'https://login.example.com/', sub: `user-${seed}`, aud: 'api://orders', exp: 1700000000 + seed }));
		const jwt = `${header}.${payload}.${token(seed, 86, B64URL)}`;
		// Cut somewhere after 10 characters of the payload, leaving at least a piece on the next line.
		const from = header.length + 11;
		const cut = from + (seed % (jwt.length - from - PIECE));
		const lead = ['token=', 'Authorization: Bearer ', 'got token ', 'access_token: '][seed % 4];
		const text = `${stamp(seed)} DEBUG c.e.auth.Cache - ${lead}${jwt.slice(0, cut)}\n${jwt.slice(cut)} cached for 3600 s`;
		return { text, secrets: [{ value: jwt, pieces: [jwt.slice(0, cut), jwt.slice(cut)] }] };
	},
	'Authorization=Bearer%20… in a logged URL': seed => {
		const v = token(seed, 30);
		return plain(`${stamp(seed)} INFO  GET https://api.example.com/v1/report?format=csv&Authorization=Bearer%20${v} 200 12ms`, v);
	},
	'Authorization: token <hex>': seed => {
		const v = token(seed, 40, HEX);
		return plain(`$ curl -sS -H "Authorization: token ${v}" https://api.example.com/user`, v);
	},
	'curl -u id:secret': seed => {
		const v = token(seed, 18 + (seed % 20));
		return plain(`curl -sS -u reporting-ui:${v} -d grant_type=client_credentials https://as.example.com/oauth2/token`, v);
	},
	'?token= in a logged URL': seed => {
		const v = token(seed, 32, B64URL);
		return plain(`${stamp(seed)} WARN  download https://files.example.com/d/report.pdf?dl=1&token=${v} failed with 403`, v);
	},
	'X-Auth-Token and x-amz-security-token headers': seed => {
		const auth = token(seed, 32);
		const amz = token(seed + 3, 120, `${B62}/+`) + '==';
		return plain(`GET https://api.example.com/v1/items HTTP/1.1\nHost: api.example.com\nX-Auth-Token: ${auth}\nx-amz-security-token: ${amz}\n`, auth, amz);
	},
	'a private JWK': seed => {
		const members = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((name, i) => [name, token(seed + i, 43 + (i % 3) * 43, B64URL)] as const);
		const jwk = { kty: 'RSA', kid: `key-${seed % 9}`, use: 'sig', n: token(seed + 9, 342, B64URL), e: 'AQAB', ...Object.fromEntries(members) };
		return plain(JSON.stringify({ keys: [jwk] }, null, seed % 2 ? 2 : undefined), ...members.map(([, v]) => v));
	},
	'Azure AccountKey= and SAS sig=': seed => {
		const key = `${token(seed, 86, `${B62}+/`)}==`;
		const sig = token(seed + 1, 43, B62);
		return plain(`DefaultEndpointsProtocol=https;AccountName=acct${seed % 10};AccountKey=${key};EndpointSuffix=core.windows.net\n${stamp(seed)} INFO GET https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=${sig}%3D`, key, sig);
	},
	'AWS secret access keys and session tokens': seed => {
		const id = split('AS', 'IA', token(seed + 2, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'));
		const secret = token(seed, 40, `${B62}/+`);
		const session = token(seed + 1, 180, `${B62}/+`);
		const forms = [
			`[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\naws_session_token = ${session}`,
			JSON.stringify({ Credentials: { AccessKeyId: id, SecretAccessKey: secret, SessionToken: session, Expiration: '2026-03-01T12:00:00Z' } }, null, 2),
			`export AWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${secret}\nexport AWS_SESSION_TOKEN=${session}`,
		];
		return plain(forms[seed % forms.length], id, secret, session);
	},
	'npm _authToken': seed => {
		const npm = split('np', 'm_', token(seed, 36));
		const other = token(seed + 1, 36);
		return plain(`//registry.example.com/:_authToken=${npm}\n//npm.pkg.example.com/:_authToken=${other}`, npm, other);
	},
	'Stripe keys': seed => {
		const sk = split('sk', '_live_', token(seed, 24 + (seed % 75)));
		const rk = split('rk', '_live_', token(seed + 1, 24 + (seed % 30)));
		const wh = split('wh', 'sec_', token(seed + 2, 32));
		return plain(`stripe.api_key = "${sk}"\nrestricted=${rk} webhook secret ${wh}`, sk, rk, wh);
	},
	'Slack webhook URLs': seed => {
		const path = `T${token(seed, 10).toUpperCase()}/B${token(seed + 1, 10).toUpperCase()}/${token(seed + 2, 24)}`;
		return plain(`${stamp(seed)} ERROR POST ${split('https://hooks.', 'slack.com/services/')}${path} returned 404 no_service`, path);
	},
	'GCP private_key_id': seed => {
		const id = token(seed, 40, HEX);
		return plain(JSON.stringify({ type: 'service_account', project_id: 'orders-prod', private_key_id: id, client_email: 'ci@orders-prod.iam.gserviceaccount.com' }, null, 2), id);
	},
	'an unknown token in error_description': seed => {
		const v = token(seed, 32 + (seed % 20));
		return plain(`HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"invalid_token","error_description":"Bearer token ${v} is invalid"}`, v);
	},
	'an unknown token in a challenge description': seed => {
		const v = token(seed, 28 + (seed % 20));
		return plain(`HTTP/2 401\nwww-authenticate: Bearer realm="api", error="invalid_token", error_description="token ${v} expired"\n`, v);
	},
	'an unknown token after a code in a log line': seed => {
		const v = token(seed, 28 + (seed % 30), B64URL);
		return plain(`${stamp(seed)} ERROR c.e.auth.Refresher - invalid_grant: refresh token ${v} is expired or revoked`, v);
	},
	'an unknown token in a reason phrase': seed => {
		const v = token(seed, 30);
		return plain(`HTTP/1.1 401 Token ${v} revoked\nContent-Type: text/plain\n\nno`, v);
	},
};

const FILLER = [
	'2026-03-01T10:41:13.000Z INFO  c.e.orders.OrderController - GET /api/orders/42 status=200 durationMs=12',
	'{"error":"invalid_grant","error_description":"AADSTS70008: The refresh token has expired due to inactivity.","error_codes":[70008]}',
	'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_client"}',
	'### next request', '', 'Caused by: java.io.IOException: connection reset',
];

const shapeNames = Object.keys(SHAPES);
const planted = fc.tuple(fc.constantFrom(...shapeNames), fc.noBias(fc.integer({ min: 1, max: 2 ** 30 }))).map(([name, seed]) => ({ name, ...SHAPES[name](seed) }));
const documentArb = fc.tuple(fc.array(fc.tuple(planted, fc.constantFrom(...FILLER)), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n'))
	.map(([parts, eol]) => {
		const text = `${parts.map(([p, filler]) => `${p.text}\n\n${filler}`).join('\n\n')}\n`.replace(/\n/g, eol);
		return { text, shapes: parts.map(([p]) => p.name), secrets: parts.flatMap(([p]) => p.secrets) };
	});

/** Every output a person or a tool sees for `text`: CLI (four formats), reports, hovers, problems, quick fixes, redaction. */
function outputs(text: string, analysis: Analysis): string[] {
	const out: string[] = [];
	for (const flags of [[], ['--color'], ['--json'], ['--markdown']]) {
		const stdout: string[] = [];
		const stderr: string[] = [];
		const code = run(['explain', ...flags, '-'], s => stdout.push(s), s => stderr.push(s), () => Buffer.from(text), false);
		assert.equal(code, 0, `CLI ${flags.join(' ')} exit code; stderr: ${stderr.join('')}`);
		assert.doesNotMatch(stderr.join(''), /\n\s+at .+[(:]\d+/, 'a stack trace');
		out.push(stdout.join(''), stderr.join(''));
	}
	const secrets = analysis.messages.flatMap(m => m.secrets);
	out.push(renderReport(text, analysis.messages), bundledService().report(text, analysis), redact(text, analysis));
	for (const m of analysis.messages) {
		out.push(renderExplanation(explainMessage(text, m, undefined, secrets)), renderReport(text, [m], undefined, secrets));
		for (const f of m.findings) out.push(f.message, ...(f.related ?? []).map(r => r.message), ...(f.fixes ?? []).map(x => x.title));
	}
	const offsets = new Set<number>();
	for (const m of analysis.messages) {
		offsets.add(m.span.start);
		for (const s of [...m.secrets, ...m.errors.map(e => e.span)]) [s.start, (s.start + s.end) >> 1, s.end].forEach(o => offsets.add(o));
		for (const c of m.challenges) offsets.add(c.header.span.start);
	}
	for (const offset of offsets) {
		const hover = hoverAt(analysis, offset, undefined, span => text.slice(span.start, span.end));
		if (hover) out.push(hover.markdown);
	}
	return out;
}

/** The first 12-character piece of `value` found in `output` (backslashes dropped first: an escaped copy is a leak too). */
function leakedPiece(output: string, value: string): string | undefined {
	const plainOutput = output.replace(/\\/g, '');
	for (let i = 0; i + PIECE <= value.length; i++) {
		const piece = value.slice(i, i + PIECE);
		if (output.includes(piece) || plainOutput.includes(piece)) return piece;
	}
	return value.length < PIECE && plainOutput.includes(value) ? value : undefined;
}

/** The characters of `piece` (at its first occurrence) that no detected secret covers. */
function uncovered(text: string, analysis: Analysis, piece: string): number {
	const at = text.indexOf(piece);
	assert.ok(at >= 0, 'the piece is in the text');
	const spans = analysis.messages.flatMap(m => m.secrets);
	let missing = 0;
	for (let i = at; i < at + piece.length; i++) if (!spans.some(s => s.start <= i && i < s.end)) missing++;
	return missing;
}

suite('secret leaks (issue 13): planted secrets in every shape', function () {
	this.timeout(600_000);

	for (const name of shapeNames) {
		test(`${name}: detected, reported as a secret and never shown`, () => {
			for (const seed of [1, 2, 3, 7, 42, 99, 1234, 98765]) {
				const shape = SHAPES[name](seed);
				const text = `${shape.text}\n`;
				const analysis = analyze(text);
				for (const s of shape.secrets) {
					for (const piece of s.pieces) assert.equal(uncovered(text, analysis, piece), 0, `seed ${seed}: ${piece.length - uncovered(text, analysis, piece)} of ${piece.length} characters of a planted value are detected\n${text}`);
					for (const output of outputs(text, analysis)) {
						const leak = leakedPiece(output, s.value);
						assert.equal(leak, undefined, `seed ${seed}: "${leak}" of a planted value appears in an output:\n${output.slice(0, 600)}`);
					}
				}
			}
		});
	}

	test('fast-check: documents mixing the shapes with ordinary lines', () => {
		fc.assert(fc.property(documentArb, doc => {
			const analysis = analyze(doc.text);
			for (const s of doc.secrets) {
				for (const piece of s.pieces) assert.equal(uncovered(doc.text, analysis, piece), 0, `not all of a planted value is reported as a secret (${doc.shapes.join(', ')})`);
			}
			const all = outputs(doc.text, analysis);
			for (const s of doc.secrets) {
				for (const output of all) assert.equal(leakedPiece(output, s.value), undefined, `a piece of a planted value leaks (${doc.shapes.join(', ')})`);
			}
		}), { seed: SEED, numRuns: RUNS || 300 });
	});
});
