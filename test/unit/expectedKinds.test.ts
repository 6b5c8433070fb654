import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import type { HttpMessage } from '../../src/core/recognize/model';
import { fixtureFiles } from '../corpus';

/*
 * The cause kind of every example in examples/ (examples/EXPECTED.md) and of every seed example
 * (test/fixtures/seeds), written from reading each paste, not from the tool's output. A message is
 * found by one of its codes, or else by words of its own text; the diagnosed kind must be one of
 * the kinds listed (more than one where the paste itself leaves them open). Files with no error, and
 * seed pages that are documentation tables rather than one answer, list nothing; a file that is
 * neither must be listed, so a new example cannot go unjudged.
 */

type Expected = ReadonlyArray<readonly [needle: string, kinds: readonly string[]]>;

const REFRESH = ['refresh-token-expired', 'refresh-token-revoked', 'refresh-token-reused'];
const CLIENT_CREDENTIALS = ['client-secret-wrong', 'client-id-unknown'];

const EXAMPLES: Readonly<Record<string, Expected>> = {
	// Plain-text 400 bodies of a token endpoint. The vendor's page (seed 000-page) says a 400 "Invalid client_id" or
	// "Invalid client_secret" means the parameter is missing; a wrong one gets a 401.
	'aicrisk-plain-text-errors.txt': [['Invalid client_id', ['missing-parameter']], ['Invalid client_secret', ['missing-parameter', 'client-auth-method']], ['Invalid Code', ['code-invalid', 'code-expired', 'code-reused']]],
	'akoya-token-errors.http': [
		['Invalid or expired code parameter', ['code-invalid', 'code-expired']],
		['has already been claimed by another client', ['refresh-token-reused', 'refresh-token-revoked']],
		['Invalid client credentials', CLIENT_CREDENTIALS],
	],
	'auth0-mfa-required.txt': [['mfa_required', ['interaction-required']]],
	'auth0-refresh.http': [['Unknown or invalid refresh token', REFRESH], ["Grant type 'refresh_token' not allowed", ['grant-not-allowed']]],
	// The resource owner's username and password were rejected (Authlete reports it as invalid_request).
	'authlete-token-fail.json': [['A067301', ['user-credentials-wrong']]],
	// client_id twice in the body: the request is ambiguous.
	'azure-ad-token-endpoint.http': [['AADSTS90011', ['malformed-request', 'client-auth-method']]],
	// The app client has a secret, so Cognito wants SECRET_HASH, which is missing or computed wrongly.
	'cognito-initiate-auth.txt': [['NotAuthorizedException', ['missing-parameter', 'client-auth-method', 'client-secret-wrong']]],
	'device-flow-polling.http': [['authorization_pending', ['polling-pending']], ['slow_down', ['polling-too-fast']], ['expired_token', ['device-code-expired']]],
	'dpop-nonce.txt': [['use_dpop_nonce', ['dpop-proof']]],
	// The log says the stored secret is not the hash IdentityServer compares with: the secret does not match.
	'duende-invalid-client.txt': [['invalid_client', ['client-secret-wrong']]],
	// A continuous-access-evaluation claims challenge: get a new token with the claims, interactively if need be.
	'entra-claims-challenge.txt': [['insufficient_claims', ['interaction-required', 'access-token-invalid']]],
	'entra-invalid-client.http': [['AADSTS7000215', ['client-secret-wrong']]],
	// A refresh_token grant answered AADSTS70008: the refresh token expired from inactivity.
	'entra-refresh.http': [['AADSTS70008', ['refresh-token-expired']]],
	'entra-msal.log': [['AADSTS700082', ['refresh-token-expired']], ['AADSTS50076', ['interaction-required']]],
	'generic-troubleshooting.log': [['405', ['malformed-request', 'wrong-endpoint']], ['insufficient_scope', ['insufficient-scope']], ['error="invalid_token"', ['access-token-expired']]],
	'github-200-error.http': [['bad_verification_code', ['code-invalid', 'code-expired']]],
	'github-device-flow.log': [['authorization_pending', ['polling-pending']], ['slow_down', ['polling-too-fast']]],
	'google-invalid-grant.txt': [['Token has been expired or revoked', ['refresh-token-expired', 'refresh-token-revoked']]],
	'google-redirect-uri-mismatch.md': [['redirect_uri_mismatch', ['redirect-uri-mismatch']]],
	'google-userinfo-401.txt': [['Invalid Credentials', ['access-token-invalid', 'access-token-expired']]],
	// Keycloak's unauthorized_client "Invalid client or Invalid client credentials": bad client id or secret.
	'keycloak-spring.log': [['Invalid client or Invalid client credentials', CLIENT_CREDENTIALS]],
	'keycloak-unauthorized-client.txt': [['Invalid client or Invalid client credentials', CLIENT_CREDENTIALS]],
	'mistakes.http': [
		['405', ['malformed-request', 'wrong-endpoint']],
		['Missing form parameter: grant_type', ['missing-parameter', 'malformed-request']],
		['unsupported_grant_type', ['grant-type-unsupported']],
		['PKCE code verifier not specified', ['pkce-mismatch', 'missing-parameter']],
	],
	'no-errors.http': [],
	'okta-invalid-client.http': [["Invalid value for 'client_id' parameter", ['client-id-unknown']], ['The client secret supplied for a confidential client is invalid', ['client-secret-wrong']]],
	// An API token sent with the Bearer scheme where Okta's management API wants SSWS.
	'okta-management-api.txt': [['E0000011', ['token-placement', 'access-token-invalid']]],
	// error_hint: registered for client_secret_basic, client_secret_post was used.
	'ory-hydra-errors.txt': [['invalid_client', ['client-auth-method']]],
	'ping-token-and-api-errors.txt': [['unknown, invalid, or expired refresh token', REFRESH]],
	'redirect-errors.txt': [
		['error=access_denied', ['access-denied-by-user']],
		['AADSTS50058', ['interaction-required']],
		['error=invalid_scope', ['scope-invalid']],
		['callback?error=login_required', ['interaction-required', 'session-ended']],
	],
	'slack-oauth-v2-access.txt': [['invalid_code', ['code-invalid', 'code-expired', 'code-reused']]],
	'token-success-with-secrets.http': [],
};

/** Seed examples; the seed pages and tables are documentation of many codes, not one answer. */
const SEEDS: Readonly<Record<string, Expected>> = {
	// 400 bodies; the seed page says they come when client_id or client_secret is missing.
	'000-1-invalid-client-id.txt': [['Invalid client_id', ['missing-parameter']]],
	'000-2-invalid-code.txt': [['Invalid Code', ['code-invalid', 'code-expired', 'code-reused']]],
	'000-4-invalid-client-secret.txt': [['Invalid client_secret', ['missing-parameter', 'client-auth-method']]],
	// The same words with a 401: the secret is wrong.

	'000-6-bare-401-invalid-client-secret.txt': [['Invalid client_secret', ['client-secret-wrong']]],
	'001-aadsts90011.txt': [['AADSTS90011', ['malformed-request', 'client-auth-method']]],
	'004-obtain-example.txt': [['Invalid or expired code parameter', ['code-invalid', 'code-expired']]],
	'004-refresh-example.txt': [['Invalid or expired code parameter', ['code-invalid', 'code-expired']]],
};
/**
 * Seeds that say nothing decisive: a bare 401 problem document (no detail), a bare invalid_request
 * at the revocation endpoint, and pages or tables of many codes. Their diagnosis, if any, must not
 * be sure of itself.
 */
const SEEDS_UNDECIDED = ['000-3-problem-401-client-id.txt', '000-3-python-problem-json.txt', '000-5-problem-401-client-secret.txt', '004-revoke-example.txt'];
const SEED_PAGES = ['000-page.txt', '001-error-code-table.txt', '001-http-status-table.txt', '002-bad-request.txt', '002-internal-server-error.txt',
	'003-http-status-table.txt', '003-oauth-error-table.txt', '003-token-error-table.txt', '004-obtain-table.txt', '004-refresh-table.txt', '004-revoke-table.txt'];

/** Messages with a diagnosis that carry the needle as a code, or else hold it in their own text. */
function carriers(text: string, messages: readonly HttpMessage[], needle: string): HttpMessage[] {
	const diagnosed = messages.filter(m => m.diagnosis);
	const byCode = diagnosed.filter(m => [...m.errors, ...m.vendorCodes].some(c => !c.inProse && c.code === needle));
	if (byCode.length) return byCode;
	const byStatus = /^\d{3}$/.test(needle) ? diagnosed.filter(m => m.status === Number(needle)) : [];
	if (byStatus.length) return byStatus;
	return diagnosed.filter(m => text.slice(m.span.start, m.span.end).includes(needle));
}

function check(dir: string, file: string, expected: Expected): string[] {
	const text = fs.readFileSync(path.join(dir, file), 'utf8');
	const messages = analyze(text).messages;
	const problems: string[] = [];
	for (const [needle, kinds] of expected) {
		const found = carriers(text, messages, needle);
		if (!found.length) problems.push(`${file}: no diagnosed message for "${needle}"`);
		for (const m of found) if (!kinds.includes(m.diagnosis!.kind)) problems.push(`${file} "${needle}": ${m.diagnosis!.kind} (${m.diagnosis!.confidence}), expected ${kinds.join(' or ')}`);
	}
	return problems;
}

suite('expected cause kinds of the examples and the seed examples', () => {
	const examples = path.join(__dirname, '..', '..', 'examples');
	const seeds = path.join(__dirname, '..', 'fixtures', 'seeds');

	test('every example is judged here', () => {
		assert.deepEqual(fixtureFiles(examples).filter(f => !f.endsWith('.md') || f !== 'EXPECTED.md').filter(f => !(f in EXAMPLES)), []);
	});

	test('every seed is judged here', () => {
		assert.deepEqual(fixtureFiles(seeds).filter(f => !(f in SEEDS) && !SEEDS_UNDECIDED.includes(f) && !SEED_PAGES.includes(f)), []);
	});

	test('each example: the diagnosed kind is the one the paste shows', () => {
		assert.deepEqual(Object.entries(EXAMPLES).flatMap(([file, expected]) => check(examples, file, expected)), []);
	});

	test('each seed example: the diagnosed kind is the one the paste shows', () => {
		assert.deepEqual(Object.entries(SEEDS).flatMap(([file, expected]) => check(seeds, file, expected)), []);
	});

	test('a seed that does not decide is not diagnosed with high confidence', () => {
		const sure = SEEDS_UNDECIDED.flatMap(file => analyze(fs.readFileSync(path.join(seeds, file), 'utf8')).messages
			.filter(m => m.diagnosis?.confidence === 'high').map(m => `${file}: ${m.diagnosis!.kind}`));
		assert.deepEqual(sure, []);
	});

	test('files with no error have no diagnosis', () => {
		for (const file of ['no-errors.http', 'token-success-with-secrets.http']) {
			assert.deepEqual(analyze(fs.readFileSync(path.join(examples, file), 'utf8')).messages.filter(m => m.diagnosis).map(m => m.diagnosis!.kind), [], file);
		}
	});
});
