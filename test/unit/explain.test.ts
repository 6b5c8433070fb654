import * as assert from 'node:assert/strict';
import {
	analyze, escapeMarkdown, explainMessage, hoverAt, redact, renderExplanation, renderReport,
} from '../../src/core';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { codeSpan, escapeQuoted, safeLink } from '../../src/core/explain/markdown';
import { codeSpans, inertnessProblems, renderHtml, tokensOf } from '../markdownCheck';

// DESIGN.md §5: pasted text may come from a hostile server. It is escaped before it
// enters Markdown, links are https only, and secrets are never echoed.

/** Every Markdown string the explainer produces for `text`: the report, each explanation and every hover. */
function renderAll(text: string): string[] {
	const analysis = analyze(text);
	const messages = analysis.messages;
	const hovers = messages.flatMap((m) => [...m.errors, ...m.vendorCodes, ...m.challenges.map((c) => c.header)].map((x) => x.span.start + 1))
		.map((at) => hoverAt(analysis, at, undefined, (span) => text.slice(span.start, span.end))?.markdown)
		.filter((h): h is string => !!h);
	return [renderReport(text, messages), ...messages.map((m) => renderExplanation(explainMessage(text, m))), ...hovers];
}

/** Targets of Markdown links, as a renderer reads them. */
function linkTargets(md: string): string[] {
	return tokensOf(md).filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? '');
}

/** Strong text our templates may write besides their labels: catalog titles (hover). */
const TITLES = new Set(bundledCatalog().entries.map((e) => e.title));

/**
 * Asserts that hostile pasted text stayed inert in `md`, as markdown-it (VS Code's renderer, with
 * autolinks, raw HTML and math on) reads it: no link, autolink, image, raw HTML, heading,
 * emphasis, math, table, code block or quote of its own, and no control, bidi or zero-width character.
 */
function assertInert(md: string, label: string): void {
	assert.deepEqual(inertnessProblems(md, { ownStrong: (t) => TITLES.has(t) }), [], `${label}:\n${md}`);
	for (const target of linkTargets(md)) assert.match(target, /^https:\/\//, `${label}: link to ${target}`);
}

const jsonResponse = (body: object, status = '400 Bad Request'): string =>
	`HTTP/1.1 ${status}\nContent-Type: application/json\nCache-Control: no-store\n\n${JSON.stringify(body)}\n`;

const HOSTILE = 'Click [x](command:workbench.action.terminal.new) or <img src=x onerror=alert(1)> or javascript:alert(1), run `rm -rf ~` and **bold**';
const BIG = '[x](command:workbench.action.terminal.new) <img src=x> `tick` **bold** '.repeat(1_500).slice(0, 100_000);
const BIG_WORDS = 'word '.repeat(20_000);

const hostileRows: { name: string; text: string }[] = [
	{ name: 'error_description in a JSON body', text: jsonResponse({ error: 'invalid_grant', error_description: HOSTILE }) },
	{ name: 'unknown error code', text: jsonResponse({ error: HOSTILE }) },
	{ name: 'error_description in WWW-Authenticate', text: `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="${HOSTILE.replace(/"/g, '')}"\n\n` },
	{ name: 'redirect URL with an encoded description', text: `https://app.example.com/cb?error=access_denied&error_description=${encodeURIComponent(HOSTILE)}&state=1\n` },
	{ name: 'reason phrase', text: `HTTP/1.1 401 ${HOSTILE}\nContent-Type: application/json\n\n{"error":"invalid_token"}\n` },
	{ name: 'plain-text body', text: `HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\n${HOSTILE}\n` },
	{ name: 'log line', text: `ERROR OPError: invalid_grant (${HOSTILE})\n` },
	{ name: 'Okta errorSummary', text: jsonResponse({ errorCode: 'E0000011', errorSummary: HOSTILE, errorId: 'oae1' }, '401 Unauthorized') },
];

const bigRows: { name: string; text: string }[] = [
	{ name: '100 KB error_description', text: jsonResponse({ error: 'invalid_grant', error_description: BIG }) },
	{ name: '100 KB unknown error code', text: jsonResponse({ error: BIG }) },
	{ name: '100 KB WWW-Authenticate description', text: `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="${BIG}"\n\n` },
	{ name: '100 KB redirect description', text: `https://app.example.com/cb?error=access_denied&error_description=${encodeURIComponent(BIG)}\n` },
	{ name: '100 KB trace_id', text: jsonResponse({ error: 'invalid_grant', trace_id: BIG, correlation_id: BIG }) },
	{ name: '100 KB reason phrase', text: `HTTP/1.1 400 ${BIG_WORDS}\nContent-Type: application/json\n\n{"error":"invalid_grant"}\n` },
	{ name: '100 KB AWS __type', text: `HTTP/1.1 400 Bad Request\nContent-Type: application/x-amz-json-1.1\n\n${JSON.stringify({ __type: `com.amazonaws#${BIG_WORDS.replace(/ /g, '')}`, message: 'x' })}\n` },
];

/** Generous: the fixed parts of a report are about 2 KB; pasted text is clipped to a few hundred characters. */
const MAX_MARKDOWN = 10_000;

suite('explain: hostile pasted text stays inert', () => {
	for (const row of hostileRows) {
		test(row.name, () => {
			const rendered = renderAll(row.text);
			assert.ok(rendered[0].length > 0);
			for (const md of rendered) assertInert(md, row.name);
		});
	}

	test('the hostile description is still shown, whole, in a code span', () => {
		const text = jsonResponse({ error: 'invalid_grant', error_description: HOSTILE });
		const [report] = renderAll(text);
		assert.ok(codeSpans(report).includes(HOSTILE), report);
		assert.ok(report.includes(`- error_description: ${codeSpan(HOSTILE)}`), report);
	});

	test('a pasted code with backticks and emphasis marks renders as itself', () => {
		const text = jsonResponse({ error: '`*x*`' });
		const [report] = renderAll(text);
		assert.ok(codeSpans(report).includes('`*x*`'), report);
		assertInert(report, 'code');
	});

	for (const row of bigRows) {
		test(`${row.name}: bounded and inert`, () => {
			for (const md of renderAll(row.text)) {
				assert.ok(md.length < MAX_MARKDOWN, `${md.length} characters`);
				assertInert(md, row.name);
			}
		});
	}

	test('finding messages of a 100 KB paste are bounded', () => {
		for (const row of bigRows) {
			for (const m of analyze(row.text).messages) {
				for (const f of m.findings) assert.ok(f.message.length <= 1_000, `${row.name}: ${f.rule} ${f.message.length}`);
			}
		}
	});
});

suite('explain: error_uri links', () => {
	const uris: { uri: string; mayLink: boolean }[] = [
		{ uri: 'javascript:alert(1)', mayLink: false },
		{ uri: 'JavaScript:alert(document.cookie)', mayLink: false },
		{ uri: 'http://evil.example.com/help', mayLink: false },
		{ uri: 'data:text/html,<script>alert(1)</script>', mayLink: false },
		{ uri: 'command:workbench.action.terminal.new', mayLink: false },
		{ uri: 'https://as.example.com/errors/invalid_grant', mayLink: true },
	];
	for (const { uri, mayLink } of uris) {
		test(`${uri} ${mayLink ? 'may be' : 'is never'} a link`, () => {
			const text = jsonResponse({ error: 'invalid_grant', error_description: 'Code expired', error_uri: uri });
			for (const md of renderAll(text)) {
				assertInert(md, uri);
				if (!mayLink) assert.ok(!linkTargets(md).some((t) => t.toLowerCase() === uri.toLowerCase() || t.includes('evil.example.com')), md);
			}
		});
	}

	const links: { title: string; url: string | undefined; expected: string }[] = [
		{ title: 'RFC 6749 §5.2', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2', expected: '[RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2)' },
		{ title: 'Token [beta] errors', url: 'https://example.com/e', expected: '[Token \\[beta\\] errors](https://example.com/e)' },
		{ title: 'help', url: 'http://example.com', expected: 'help' },
		{ title: 'help', url: 'javascript:alert(1)', expected: 'help' },
		{ title: 'help', url: 'https://example.com/a)b', expected: 'help' },
		{ title: 'help', url: 'https://example.com/a b', expected: 'help' },
		{ title: '[x](command:y)', url: undefined, expected: '\\[x\\](command:y)' },
	];
	for (const l of links) {
		test(`safeLink(${JSON.stringify(l.title)}, ${JSON.stringify(l.url)})`, () => {
			assert.equal(safeLink(l.title, l.url), l.expected);
			assert.equal(linkTargets(safeLink(l.title, l.url)).length, l.expected.startsWith('[') && l.url ? 1 : 0);
		});
	}
});

suite('escapeMarkdown: escapes only where Markdown could read syntax', () => {
	const rows: [input: string, expected: string][] = [
		['invalid_grant: Invalid grant (Entra)', 'invalid_grant: Invalid grant (Entra)'],
		['[x](command:workbench.action.terminal.new)', '\\[`x](command:workbench.action.terminal.new`)'],
		['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)>'],
		['javascript:alert(1)', 'javascript:alert(1)'],
		['see https://evil.example.com/x.', 'see `https://evil.example.com/x`.'],
		['mail admin@example.com or www.example.org', 'mail `admin@example.com` or `www.example.org`'],
		['Read `error` first', 'Read `error` first'],
		['a stray ` backtick', 'a stray \\` backtick'],
		['**bold** _it_ snake_case a * b', '\\*\\*bold\\*\\* \\_it\\_ snake_case a * b'],
		['a\\`b', 'a\\\\\\`b'],
		['&lt; & b', '\\&lt; & b'],
		['line1\nline2\r\n\tline3', 'line1 line2 line3'],
		['# heading', '\\# heading'],
		['1. item', '1\\. item'],
		['- item | cell', '\\- item | cell'],
		['> quote', '\\> quote'],
		['~~strike~~ !', '\\~\\~strike\\~\\~ !'],
		['$x$ costs $ 5', '\\$x\\$ costs $ 5'],
		['plain words 123, v1.2 (e.g. this)', 'plain words 123, v1.2 (e.g. this)'],
	];
	for (const [input, expected] of rows) {
		test(JSON.stringify(input), () => {
			assert.equal(escapeMarkdown(input), expected);
			// Rendered, nothing in it is Markdown of its own.
			assertInert(`- ${expected}`, input);
		});
	}

	test('escapeQuoted: quoted pasted text becomes code spans', () => {
		assert.equal(escapeQuoted('error_description quotes "*x* [y](z)" and "a`b"'), 'error_description quotes `*x* [y](z)` and ``a`b``');
		assert.equal(escapeQuoted('Unknown error code "x"'), 'Unknown error code `x`');
		assert.equal(escapeQuoted('an odd " quote'), 'an odd " quote');
		assert.equal(escapeQuoted('error_description says "Invalid "code" in request."'), 'error_description says `Invalid "code" in request.`');
		assert.equal(escapeQuoted('An error ("x") was sent with "y"'), 'An error (`x`) was sent with `y`');
	});

	test('codeSpan: a fence longer than any run inside, padded where a backtick or spaces meet it', () => {
		const rows: [string, string][] = [['a', '`a`'], ['a`b', '``a`b``'], ['`a', '`` `a ``'], ['a``', '``` a`` ```'], [' a ', '`  a  `'], ['', '(empty)'], ['x\u202ey', '`x\ufffdy`']];
		for (const [value, expected] of rows) {
			assert.equal(codeSpan(value), expected);
			if (value.length) assert.deepEqual(codeSpans(codeSpan(value)), [value.replace('\u202e', '\ufffd')], value);
		}
	});

	test('rendered, escaped text reads as the text', () => {
		const text = 'a_b *c* [d] <e> `f` $g$ & h #i ~j~ 1. k';
		const html = renderHtml(`- ${escapeMarkdown(text)}`);
		assert.equal(html.replace(/<\/?(ul|li)>|\n/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/<\/?code>/g, '`'), text);
	});
});

// Canary secrets, assembled at run time so that no credential-looking literal sits in the repository.
const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const JWT = [
	b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'canary' })),
	b64url(JSON.stringify({ iss: 'https://idp.example.com', sub: 'canary-user', aud: 'api', exp: 1700000000 })),
	b64url('canary-signature-0123456789-abcdefghijklmnop'),
].join('.');
const CLIENT_SECRET = ['Canary', 'Secret', '_9f8e7d6c5b4a'].join('');
const BASIC = Buffer.from(`canary-client:${['Canary', 'Basic', 'Pw_42'].join('')}`).toString('base64');
const COOKIE = ['Canary', 'Cookie', '0123456789abcdef'].join('');

/** A token request and its error response, with each secret slot filled by `s`. */
function pasted(s: { descriptionJwt: string; accessToken: string; bodySecret: string; responseSecret: string; basic: string; cookie: string }): string {
	return [
		'POST https://idp.example.com/oauth2/token HTTP/1.1',
		`Authorization: Basic ${s.basic}`,
		'Content-Type: application/x-www-form-urlencoded',
		'',
		`grant_type=client_credentials&client_secret=${s.bodySecret}`,
		'',
		'HTTP/1.1 401 Unauthorized',
		'Content-Type: application/json',
		'Cache-Control: no-store',
		`Set-Cookie: session=${s.cookie}; Path=/; HttpOnly; Secure`,
		'',
		JSON.stringify({
			error: 'invalid_client',
			error_description: `Client authentication failed for token ${s.descriptionJwt}`,
			access_token: s.accessToken,
			client_secret: s.responseSecret,
		}),
		'',
	].join('\n');
}

const CANARIES = { descriptionJwt: JWT, accessToken: JWT, bodySecret: CLIENT_SECRET, responseSecret: CLIENT_SECRET, basic: BASIC, cookie: COOKIE };
const CANARY_TEXT = pasted(CANARIES);
const SECRET_VALUES: [string, string][] = [['JWT', JWT], ['client secret', CLIENT_SECRET], ['Basic credential', BASIC], ['cookie', COOKIE]];

suite('explain: secrets are never echoed', () => {
	const analysis = analyze(CANARY_TEXT);

	test('the canaries are detected', () => {
		const kinds = analysis.messages.flatMap((m) => m.secrets.map((s) => s.kind)).sort();
		assert.deepEqual(kinds, ['access_token', 'basic_credentials', 'client_secret', 'client_secret', 'cookie', 'jwt']);
	});

	test('renderReport shows none of them', () => {
		const report = renderReport(CANARY_TEXT, analysis.messages);
		assert.ok(report.includes('invalid_client'), report);
		for (const [name, value] of SECRET_VALUES) assert.ok(!report.includes(value), `${name} in report`);
	});

	test('no explanation field shows them', () => {
		for (const m of analysis.messages) {
			const explained = JSON.stringify(explainMessage(CANARY_TEXT, m));
			for (const [name, value] of SECRET_VALUES) assert.ok(!explained.includes(value), `${name} in explanation`);
		}
	});

	test('no finding message shows them', () => {
		const findings = analysis.messages.flatMap((m) => m.findings);
		assert.ok(findings.some((f) => f.rule === 'secret-exposed'));
		for (const f of findings) {
			for (const [name, value] of SECRET_VALUES) assert.ok(!f.message.includes(value), `${name} in ${f.rule}: ${f.message}`);
		}
	});

	test('redact replaces each with «redacted:<kind>»', () => {
		const expected = pasted({
			descriptionJwt: '«redacted:jwt»',
			accessToken: '«redacted:access_token»',
			bodySecret: '«redacted:client_secret»',
			responseSecret: '«redacted:client_secret»',
			basic: '«redacted:basic_credentials»',
			cookie: '«redacted:cookie»',
		});
		assert.equal(redact(CANARY_TEXT), expected);
	});

	test('a lone JWT and a client_secret in a log line are redacted too', () => {
		const text = `token: ${JWT}\n2024-05-01 DEBUG sending client_secret=${CLIENT_SECRET} to /token\n`;
		assert.equal(redact(text), 'token: «redacted:jwt»\n2024-05-01 DEBUG sending client_secret=«redacted:client_secret» to /token\n');
		const report = renderReport(text, analyze(text).messages);
		for (const [name, value] of SECRET_VALUES) assert.ok(!report.includes(value), `${name} in report`);
	});

	test('text without secrets is returned unchanged', () => {
		const text = jsonResponse({ error: 'invalid_grant', error_description: 'Code expired' });
		assert.equal(redact(text), text);
	});
});
