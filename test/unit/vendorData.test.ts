import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, bundledCatalog } from '../../src/core';

/*
 * Vendor knowledge is data: every provider is a catalog file and a profile
 * (src/core/catalog/data, src/core/catalog/profiles), read by generic code.
 */

const ROOT = join(__dirname, '..', '..');
const catalog = bundledCatalog();

/** Namespaces of the specifications themselves: no vendor, so no profile. */
const STANDARD = new Set(['oauth', 'oidc', 'ciba', 'uma', 'ace', 'federation', 'openid4vp', 'openid4vci', 'oauth-attestation', 'http']);

suite('vendor profiles', () => {
	test('every vendor namespace of the catalog has a profile', () => {
		const missing = [...new Set(catalog.entries.map(e => e.namespace))].filter(ns => !STANDARD.has(ns) && !catalog.profiles.get(ns));
		assert.deepEqual(missing, []);
	});

	test('every entry\'s vendor has a profile', () => {
		const missing = [...new Set(catalog.entries.map(e => e.vendor).filter((v): v is string => !!v))].filter(v => !catalog.profiles.get(v));
		assert.deepEqual(missing, []);
	});

	test('at least 40 providers', () => {
		const providers = catalog.profiles.list.filter(p => p.type === 'provider');
		assert.ok(providers.length >= 40, `${providers.length} providers`);
	});
});

suite('no vendor knowledge in recognizer, parser, rule or explain code', () => {
	const folders = ['recognize', 'parse', 'rules', 'explain'].map(f => join(ROOT, 'src', 'core', f));
	const files = folders.flatMap(dir => listTs(dir));
	const sources = files.map(file => ({ file: file.slice(ROOT.length + 1), text: readFileSync(file, 'utf8') }));

	/** What a profile says names its vendor: hosts, names, header names, body keys, code prefixes, display name, id. */
	const needles = catalog.profiles.list.flatMap(p => [
		...p.evidence.flatMap(e => [e.host, e.name, e.bodyKey, e.header?.replace(/\*$/, '')]),
		...(p.codes ?? []).map(c => c.prefix),
		p.name,
		// An id as a string literal: 'entra', "okta".
		`'${p.id}'`, `"${p.id}"`,
	].filter((n): n is string => !!n && n.length >= 4).map(n => ({ needle: n, vendor: p.id })));

	test(`${files.length} files checked against ${needles.length} profile strings`, () => {
		assert.ok(files.length >= 20 && needles.length >= 200);
	});

	test('no profile string appears in the code (comments aside)', () => {
		const found: string[] = [];
		for (const { file, text } of sources) {
			const code = withoutComments(text).toLowerCase();
			for (const { needle, vendor } of needles) if (code.includes(needle.toLowerCase())) found.push(`${file}: "${needle}" (${vendor})`);
		}
		assert.deepEqual(found, []);
	});

	test('the check finds a vendor string when one is planted', () => {
		const code = withoutComments('const x = "login.microsoftonline.com"; // okta').toLowerCase();
		assert.ok(needles.some(n => code.includes(n.needle.toLowerCase())));
		assert.ok(!needles.some(n => withoutComments('// okta').toLowerCase().includes(n.needle.toLowerCase())));
	});
});

suite('ordinary words and paths name no vendor', () => {
	const cases: Array<[string, string]> = [
		['incognito', 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant","error_description":"Tried in incognito mode."}'],
		['slacker', '2024-05-01 ERROR slacker: token exchange failed: invalid_grant'],
		['/v1/token on another host', 'POST https://api.example.com/v1/token\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_client"}'],
		['oktagon (a word holding a vendor name)', '2024-05-01 ERROR oktagon-sync: invalid_client returned'],
		['a path segment /realmsfoo', '2024-05-01 10:00:00 ERROR token request to https://sso.example.com/realmsfoo/token failed: invalid_grant'],
	];
	for (const [name, text] of cases) {
		test(name, () => {
			const messages = analyze(text).messages.filter(m => m.errors.length);
			assert.ok(messages.length > 0, 'the error is found');
			assert.deepEqual(messages.map(m => m.vendor), messages.map(() => null));
			assert.ok(messages.every(m => m.errors.every(e => !e.entry?.vendor)), 'no vendor entry');
		});
	}

	test('the same pastes with a real vendor host name the vendor', () => {
		const text = 'POST https://dev-123.okta.com/oauth2/default/v1/token\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_client"}';
		assert.ok(analyze(text).messages.some(m => m.vendor === 'okta'));
	});
});

suite('IANA OAuth Extensions Error Registry: a structured error field always reports its code', () => {
	// Every name in the registry (iana.org oauth-parameters, "OAuth Extensions Error Registry").
	const REGISTRY = [
		'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error',
		'temporarily_unavailable', 'invalid_client', 'invalid_grant', 'unsupported_grant_type', 'invalid_token', 'insufficient_scope',
		'unsupported_token_type', 'interaction_required', 'login_required', 'account_selection_required', 'consent_required',
		'invalid_request_uri', 'invalid_request_object', 'request_not_supported', 'request_uri_not_supported', 'registration_not_supported',
		'need_info', 'request_denied', 'request_submitted', 'invalid_redirect_uri', 'invalid_client_metadata', 'invalid_software_statement',
		'unapproved_software_statement', 'authorization_pending', 'slow_down', 'expired_token', 'invalid_target', 'unsupported_pop_key',
		'incompatible_ace_profiles', 'invalid_authorization_details', 'invalid_dpop_proof', 'use_dpop_nonce', 'insufficient_user_authentication',
		'invalid_issuer', 'invalid_subject', 'invalid_trust_anchor', 'invalid_trust_chain', 'invalid_metadata', 'not_found',
		'unsupported_parameter', 'vp_formats_not_supported', 'invalid_request_uri_method', 'wallet_unavailable',
	];
	for (const code of REGISTRY) {
		test(code, () => {
			const text = `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"${code}","error_description":"x"}`;
			const errors = analyze(text).messages.flatMap(m => m.errors);
			assert.equal(errors.length, 1, `reported: ${errors.map(e => e.code).join(', ') || 'nothing'}`);
			assert.equal(errors[0].code, code);
			assert.ok(errors[0].entry, `${code} has its catalog entry`);
		});
	}

	test('an unknown code in that field is reported as unknown-code', () => {
		const text = 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"made_up_code","error_description":"x"}';
		const message = analyze(text).messages.find(m => m.errors.length)!;
		assert.equal(message.errors[0].entry, null);
		assert.ok(message.findings.some(f => f.rule === 'unknown-code'));
	});
});

function listTs(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? listTs(full) : name.endsWith('.ts') ? [full] : [];
	});
}

/** The source without its comments (line and block), so a comment may still name an example vendor. */
function withoutComments(source: string): string {
	return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}
