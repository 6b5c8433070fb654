import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv';
import { bundledCatalog, type CatalogEntry, type CatalogFile } from '../../src/core';
import type { LookupContext } from '../../src/core/catalog/catalog';
import { suggestCode } from '../../src/core/catalog/suggest';

const CATALOG_DIR = join(__dirname, '../../src/core/catalog');
const DATA_DIR = join(CATALOG_DIR, 'data');
const dataFiles = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')).sort();
const files: { name: string; content: CatalogFile }[] = dataFiles.map((name) => ({
	name,
	content: JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as CatalogFile,
}));
const allEntries: CatalogEntry[] = files.flatMap((f) => f.content.entries);
const catalog = bundledCatalog();

/** Entries (from the files on disk) with this code, any case. */
function entriesWithCode(code: string): CatalogEntry[] {
	return allEntries.filter((e) => e.code.toLowerCase() === code.toLowerCase());
}

/** IANA "OAuth Extensions Error Registry" (https://www.iana.org/assignments/oauth-parameters). */
const IANA_ERRORS = [
	'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope',
	'server_error', 'temporarily_unavailable', 'invalid_client', 'invalid_grant', 'unsupported_grant_type',
	'invalid_token', 'insufficient_scope', 'unsupported_token_type', 'interaction_required', 'login_required',
	'account_selection_required', 'consent_required', 'invalid_request_uri', 'invalid_request_object',
	'request_not_supported', 'request_uri_not_supported', 'registration_not_supported', 'need_info',
	'request_denied', 'request_submitted', 'invalid_redirect_uri', 'invalid_client_metadata',
	'invalid_software_statement', 'unapproved_software_statement', 'authorization_pending', 'slow_down',
	'expired_token', 'invalid_target', 'unsupported_pop_key', 'incompatible_ace_profiles',
	'invalid_authorization_details', 'invalid_dpop_proof', 'use_dpop_nonce', 'insufficient_user_authentication',
	'invalid_issuer', 'invalid_subject', 'invalid_trust_anchor', 'invalid_trust_chain', 'invalid_metadata',
	'not_found', 'unsupported_parameter', 'vp_formats_not_supported', 'invalid_request_uri_method', 'wallet_unavailable',
];

/** OpenID Connect CIBA Core 1.0 §13 (authentication request errors) and §12 (push error payload). */
const CIBA_ONLY_ERRORS = ['expired_login_hint_token', 'unknown_user_id', 'missing_user_code', 'invalid_user_code', 'invalid_binding_message', 'transaction_failed'];
/** Standard codes CIBA also uses (§11 token errors, §13 authentication errors). */
const CIBA_SHARED_ERRORS = ['authorization_pending', 'slow_down', 'expired_token', 'access_denied', 'invalid_request', 'invalid_scope', 'unauthorized_client', 'invalid_client'];

const VENDOR_CODES: [vendor: string, code: string][] = [
	['entra', 'invalid_resource'], ['entra', 'authorization_declined'], ['entra', 'bad_verification_code'],
	['github', 'incorrect_client_credentials'], ['github', 'bad_verification_code'], ['github', 'redirect_uri_mismatch'],
	['github', 'bad_refresh_token'], ['github', 'unverified_user_email'],
	['google', 'redirect_uri_mismatch'], ['google', 'admin_policy_enforced'], ['google', 'org_internal'],
	['google', 'disallowed_useragent'], ['google', 'deleted_client'],
	['auth0', 'mfa_required'],
	['slack', 'invalid_code'], ['slack', 'bad_client_secret'], ['slack', 'bad_redirect_uri'], ['slack', 'invalid_client_id'],
	['duende', 'invalid_client'], ['duende', 'unauthorized_client'], ['duende', 'invalid_grant'], ['duende', 'unsupported_grant_type'],
	['ping', 'invalid_client'], ['ping', 'invalid_grant'], ['ping', 'INVALID_DATA'], ['ping', 'ACCESS_FAILED'], ['ping', 'REQUEST_LIMITED'],
	['ory', 'invalid_client'], ['ory', 'invalid_grant'], ['ory', 'request_forbidden'], ['ory', 'request_unauthorized'], ['ory', 'invalid_state'],
	['entra', 'AADSTS700081'], ['entra', 'AADB2C90080'], ['entra', 'AADB2C90077'], ['entra', 'AADB2C90118'], ['entra', 'AADB2C90091'],
	['entra', 'AADB2C90006'], ['entra', 'AADB2C90079'], ['entra', 'AADB2C90117'], ['entra', 'AADB2C90057'], ['entra', 'AADB2C99002'],
	['entra', 'AADB2C90085'], ['entra', 'AADB2C90088'], ['entra', 'AADB2C90129'], ['entra', 'AADB2C90205'], ['entra', 'AADB2C90289'], ['entra', 'AADB2C90273'],
	['okta', 'E0000079'], ['okta', 'E0000064'], ['okta', 'E0000068'], ['okta', 'E0000069'], ['okta', 'E0000080'], ['okta', 'E0000082'],
	['okta', 'E0000105'], ['okta', 'E0000119'],
	['google', 'invalid_rapt'],
	['keycloak', 'CODE_TO_TOKEN_ERROR'], ['keycloak', 'REFRESH_TOKEN_ERROR'], ['keycloak', 'LOGIN_ERROR'], ['keycloak', 'CLIENT_LOGIN_ERROR'],
	['keycloak', 'INTROSPECT_TOKEN_ERROR'], ['keycloak', 'TOKEN_EXCHANGE_ERROR'], ['keycloak', 'USER_INFO_REQUEST_ERROR'], ['keycloak', 'invalid_token'],
	['auth0', 'feacft'], ['auth0', 'feccft'], ['auth0', 'fertft'], ['auth0', 'ferrt'], ['auth0', 'fepft'], ['auth0', 'fsa'],
	['aws-sso', 'AuthorizationPendingException'], ['aws-sso', 'SlowDownException'], ['aws-sso', 'ExpiredTokenException'],
	['aws-sso', 'InvalidGrantException'], ['aws-sso', 'InvalidClientException'], ['aws-sso', 'UnauthorizedClientException'],
	['aws-sso', 'UnsupportedGrantTypeException'], ['aws-sso', 'InvalidScopeException'], ['aws-sso', 'InvalidClientMetadataException'],
	['aws-sso', 'InvalidRedirectUriException'], ['aws-sso', 'InvalidRequestRegionException'],
	['dropbox', 'invalid_access_token'], ['dropbox', 'expired_access_token'], ['dropbox', 'invalid_grant'],
	['entra', 'AADSTS90023'],
	['google', 'TOKEN_EXPIRED'], ['google', 'INVALID_REFRESH_TOKEN'], ['google', 'USER_DISABLED'],
];

const HTTP_STATUSES = ['400', '401', '403', '404', '405', '413', '429', '500', '502', '503', '504'];

const vendorFromText = (text: string) => bundledCatalog().profiles.vendorIn(text);

suite('catalog data', () => {
	suite('schema', () => {
		const schema = JSON.parse(readFileSync(join(CATALOG_DIR, 'catalog.schema.json'), 'utf8')) as object;
		const validate = new Ajv({ allErrors: true }).compile(schema);

		test('there are catalog files to check', () => {
			assert.ok(files.length >= 10, `only ${files.length} files`);
		});

		for (const file of files) {
			test(`${file.name} validates against catalog.schema.json`, () => {
				const ok = validate(file.content);
				assert.equal(ok, true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
			});
		}

		test('the schema rejects what it should (it is not vacuous)', () => {
			const entry = allEntries[0];
			assert.equal(validate({ version: 1, entries: [{ ...entry, references: [] }] }), false);
			assert.equal(validate({ version: 1, entries: [{ ...entry, references: [{ title: 'x', url: 'http://example.com' }] }] }), false);
			assert.equal(validate({ version: 1, entries: [{ ...entry, kind: 'other' }] }), false);
			assert.equal(validate({ version: 2, entries: [] }), false);
		});
	});

	suite('integrity', () => {
		test('ids are unique across files', () => {
			const seen = new Map<string, string>();
			const duplicates: string[] = [];
			for (const file of files) {
				for (const entry of file.content.entries) {
					const first = seen.get(entry.id);
					if (first) duplicates.push(`${entry.id} (${first}, ${file.name})`);
					else seen.set(entry.id, file.name);
				}
			}
			assert.deepEqual(duplicates, []);
		});

		test('every file entry is in the bundled catalog', () => {
			assert.equal(catalog.entries.length, allEntries.length);
			for (const entry of allEntries) assert.ok(catalog.byId(entry.id), entry.id);
		});

		test('every entry has a reference; every reference URL is https', () => {
			const bad: string[] = [];
			for (const entry of allEntries) {
				if (!entry.references.length) bad.push(`${entry.id}: no reference`);
				for (const ref of entry.references) {
					if (!ref.title.trim()) bad.push(`${entry.id}: empty title`);
					if (ref.url !== undefined && !/^https:\/\/[^\s]+$/.test(ref.url)) bad.push(`${entry.id}: ${ref.url}`);
				}
			}
			assert.deepEqual(bad, []);
		});

		test('every cause match string is non-empty and lower-case', () => {
			const bad: string[] = [];
			for (const entry of allEntries) {
				for (const cause of entry.causes) {
					for (const m of cause.match ?? []) {
						if (!m.trim() || m !== m.toLowerCase()) bad.push(`${entry.id}: ${JSON.stringify(m)}`);
					}
				}
			}
			assert.deepEqual(bad, []);
		});

		test('vendor entries name a vendor; ids start with the namespace', () => {
			const bad = allEntries.filter((e) => !e.id.startsWith(`${e.namespace}.`) || (e.vendor !== undefined && !e.vendor)).map((e) => e.id);
			assert.deepEqual(bad, []);
		});
	});

	suite('coverage', () => {
		for (const code of IANA_ERRORS) {
			test(`IANA ${code} has a standard entry`, () => {
				const standard = entriesWithCode(code).filter((e) => !e.vendor && e.kind === 'error');
				assert.ok(standard.length >= 1, `no standard entry for ${code}`);
				const found = catalog.lookup(code);
				assert.ok(found && !found.vendor, `lookup(${code}) → ${found?.id}`);
			});
		}

		for (const code of CIBA_ONLY_ERRORS) {
			test(`CIBA ${code}`, () => {
				const found = catalog.lookup(code, { location: 'ciba' });
				assert.ok(found, code);
				assert.equal(found.namespace, 'ciba');
				assert.ok(found.occurs.includes('ciba'), found.id);
			});
		}

		for (const code of CIBA_SHARED_ERRORS) {
			test(`CIBA also uses ${code}`, () => {
				const found = catalog.lookup(code, { location: 'ciba' });
				assert.ok(found, code);
				assert.equal(found.vendor, undefined);
				assert.ok(found.occurs.includes('ciba'), `${found.id} occurs ${found.occurs.join(', ')}`);
			});
		}

		for (const [vendor, code] of VENDOR_CODES) {
			test(`${vendor} ${code}`, () => {
				const entry = allEntries.find((e) => e.vendor === vendor && e.code === code);
				assert.ok(entry, `no ${vendor} entry for ${code}`);
				assert.equal(catalog.lookup(code, { vendor })?.id, entry.id);
			});
		}

		test('at least 55 Entra AADSTS entries link to login.microsoftonline.com/error?code=<n>', () => {
			const linked = allEntries.filter((e) => {
				const m = /^AADSTS(\d+)$/.exec(e.code);
				return e.vendor === 'entra' && m && e.references.some((r) => r.url === `https://login.microsoftonline.com/error?code=${m[1]}`);
			});
			assert.ok(linked.length >= 55, `only ${linked.length}`);
			for (const e of linked) assert.equal(e.kind, 'vendorCode', e.id);
		});

		test('at least 12 Okta E0000 entries', () => {
			const okta = allEntries.filter((e) => e.vendor === 'okta' && /^E0000\d{3}$/.test(e.code) && e.kind === 'vendorCode');
			assert.ok(okta.length >= 12, `only ${okta.length}`);
		});

		for (const status of HTTP_STATUSES) {
			test(`HTTP ${status}`, () => {
				const entry = catalog.lookup(status, { kind: 'status' });
				assert.ok(entry, status);
				assert.equal(entry.kind, 'status');
				assert.equal(entry.code, status);
				assert.deepEqual(entry.status, [Number(status)]);
			});
		}
	});
});

suite('Catalog.lookup', () => {
	/** RFC 6749 §5.2 definitions: the standard's own wording names no vendor. */
	const RFC_INVALID_CLIENT = 'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).';
	const RFC_INVALID_GRANT = 'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

	const rows: { name: string; code: string; context?: LookupContext; id: string | undefined }[] = [
		{ name: 'no context: the standard entry', code: 'invalid_grant', id: 'oauth.invalid_grant' },
		{ name: 'no context, any case', code: 'INVALID_GRANT', id: 'oauth.invalid_grant' },
		{ name: 'vendor context picks the vendor entry (google)', code: 'invalid_grant', context: { vendor: 'google' }, id: 'google.invalid_grant' },
		{ name: 'vendor context picks the vendor entry (okta)', code: 'invalid_client', context: { vendor: 'okta' }, id: 'okta.invalid_client' },
		{ name: 'vendor context picks the vendor entry (keycloak)', code: 'unauthorized_client', context: { vendor: 'keycloak' }, id: 'keycloak.unauthorized_client' },
		{ name: 'a vendor without its own entry gets the standard one', code: 'invalid_grant', context: { vendor: 'github' }, id: 'oauth.invalid_grant' },
		{ name: 'an unknown vendor gets the standard one', code: 'invalid_scope', context: { vendor: 'nobody' }, id: 'oauth.invalid_scope' },
		{ name: 'vendor-only code, vendor known (github)', code: 'bad_verification_code', context: { vendor: 'github' }, id: 'github.bad_verification_code' },
		{ name: 'vendor-only code, vendor known (entra)', code: 'bad_verification_code', context: { vendor: 'entra' }, id: 'entra.bad_verification_code' },
		{ name: 'location device picks the device variant', code: 'access_denied', context: { location: 'device' }, id: 'oauth.access_denied.device' },
		{ name: 'location ciba picks the CIBA variant', code: 'access_denied', context: { location: 'ciba' }, id: 'oauth.access_denied.ciba' },
		{ name: 'location authorization keeps the base entry', code: 'access_denied', context: { location: 'authorization' }, id: 'oauth.access_denied' },
		{ name: 'location resource picks the resource variant', code: 'invalid_request', context: { location: 'resource' }, id: 'oauth.invalid_request.resource' },
		{ name: 'vendor beats location', code: 'access_denied', context: { vendor: 'okta', location: 'device' }, id: 'okta.access_denied' },
		{ name: 'specific vendor wording without vendor context', code: 'invalid_grant', context: { description: 'Malformed auth code.' }, id: 'google.invalid_grant' },
		{ name: 'RFC 6749 wording of invalid_client names no vendor', code: 'invalid_client', context: { description: RFC_INVALID_CLIENT }, id: 'oauth.invalid_client' },
		{ name: 'RFC 6749 wording of invalid_grant names no vendor', code: 'invalid_grant', context: { description: RFC_INVALID_GRANT }, id: 'oauth.invalid_grant' },
		{ name: 'vendor context picks the vendor entry (duende)', code: 'invalid_client', context: { vendor: 'duende' }, id: 'duende.invalid_client' },
		{ name: 'vendor context picks the vendor entry (ping)', code: 'invalid_grant', context: { vendor: 'ping' }, id: 'ping.invalid_grant' },
		{ name: 'vendor context picks the vendor entry (ory)', code: 'invalid_client', context: { vendor: 'ory' }, id: 'ory.invalid_client' },
		{ name: 'IdentityServer resource-owner wording without vendor context', code: 'invalid_grant', context: { description: 'invalid_username_or_password' }, id: 'duende.invalid_grant' },
		{ name: 'PingFederate refresh-token wording without vendor context', code: 'invalid_grant', context: { description: 'unknown, invalid, or expired refresh token' }, id: 'ping.invalid_grant' },
		{ name: 'PingOne platform API code', code: 'INVALID_DATA', context: { kind: 'vendorCode' }, id: 'ping.INVALID_DATA' },
		{ name: 'Ory-only code', code: 'request_forbidden', id: 'ory.request_forbidden' },
		{ name: 'invalid_state without context: the MSAL.js entry', code: 'invalid_state', id: 'msal.invalid_state' },
		{ name: 'invalid_state with Hydra wording: the Ory entry', code: 'invalid_state', context: { description: "The state is missing or does not have enough characters and is therefore considered too weak. Request parameter 'state' must be at least be 8 characters long to ensure sufficient entropy." }, id: 'ory.invalid_state' },
		{ name: 'oauth4webapi code', code: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', id: 'oauth4webapi.OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' },
		{ name: 'oauth4webapi alias', code: 'OAUTH_INVALID_SERVER_METADATA', id: 'oauth4webapi.OAUTH_MISSING_SERVER_METADATA' },
		{ name: 'MSAL.js code', code: 'interaction_in_progress', id: 'msal.interaction_in_progress' },
		{ name: 'oauthlib exception name', code: 'MissingCodeError', id: 'authlib.missing_code' },
		{ name: 'AADSTS code', code: 'AADSTS70008', id: 'entra.AADSTS70008' },
		{ name: 'Okta E0000 code', code: 'E0000011', id: 'okta.E0000011' },
		{ name: 'HTTP status by kind', code: '401', context: { kind: 'status' }, id: 'http.401' },
		{ name: 'unknown code', code: 'invalid_grand', id: undefined },
		// IAM Identity Center OIDC: Cognito's older entries describe the same exceptions; the aws-sso ones win only when the vendor or SSO-OIDC's own wording says so.
		{ name: 'SSO-OIDC exception, vendor aws-sso', code: 'AuthorizationPendingException', context: { kind: 'vendorCode', vendor: 'aws-sso' }, id: 'aws-sso.AuthorizationPendingException' },
		{ name: 'SSO-OIDC exception, vendor aws-sso (InvalidGrantException)', code: 'InvalidGrantException', context: { kind: 'vendorCode', vendor: 'aws-sso' }, id: 'aws-sso.InvalidGrantException' },
		{ name: 'SSO-OIDC exception without context: Cognito\'s entry as before', code: 'InvalidGrantException', context: { kind: 'vendorCode' }, id: 'cognito.InvalidGrantException' },
		{ name: 'SSO-OIDC exception without context: Cognito\'s entry as before (SlowDownException)', code: 'SlowDownException', id: 'cognito.SlowDownException' },
		{ name: 'SSO-OIDC exception, vendor cognito', code: 'ExpiredTokenException', context: { kind: 'vendorCode', vendor: 'cognito' }, id: 'cognito.ExpiredTokenException' },
		{ name: 'SSO-OIDC\'s own wording names IAM Identity Center', code: 'InvalidGrantException', context: { kind: 'vendorCode', description: 'Invalid refresh token provided', looseDescription: true }, id: 'aws-sso.InvalidGrantException' },
		{ name: 'Cognito-only code is unchanged', code: 'NotAuthorizedException', context: { kind: 'vendorCode' }, id: 'cognito.NotAuthorizedException' },
		{ name: 'SSO-OIDC-only exception', code: 'InvalidClientMetadataException', id: 'aws-sso.InvalidClientMetadataException' },
		{ name: 'generic AWS exception name is not catalogued', code: 'AccessDeniedException', id: undefined },
		// Dropbox
		{ name: 'Dropbox AuthError tag', code: 'invalid_access_token', id: 'dropbox.invalid_access_token' },
		{ name: 'Dropbox invalid_grant by vendor', code: 'invalid_grant', context: { vendor: 'dropbox' }, id: 'dropbox.invalid_grant' },
		{ name: 'Dropbox invalid_grant by its own wording', code: 'invalid_grant', context: { description: "code doesn't exist or has expired" }, id: 'dropbox.invalid_grant' },
		// Entra, Firebase, oauthlib
		{ name: 'AADSTS90023', code: 'AADSTS90023', id: 'entra.AADSTS90023' },
		{ name: 'Firebase TOKEN_EXPIRED in Google\'s error envelope', code: 'TOKEN_EXPIRED', context: { description: 'status":"INVALID_ARGUMENT"}}', looseDescription: true }, id: 'google.TOKEN_EXPIRED' },
		{ name: 'Firebase TOKEN_EXPIRED, vendor google', code: 'TOKEN_EXPIRED', context: { vendor: 'google' }, id: 'google.TOKEN_EXPIRED' },
		{ name: 'token_expired without context: the oauthlib client error', code: 'token_expired', id: 'authlib.token_expired' },
		{ name: 'token_expired from Slack', code: 'token_expired', context: { vendor: 'slack' }, id: 'slack.token_expired' },
		{ name: 'oauthlib TokenExpiredError', code: 'TokenExpiredError', id: 'authlib.token_expired' },
		// Library exception class names of standard codes (oauthlib, Stripe)
		{ name: 'InvalidGrantError', code: 'InvalidGrantError', id: 'oauth.invalid_grant' },
		{ name: 'InvalidClientError', code: 'InvalidClientError', id: 'oauth.invalid_client' },
		{ name: 'UnauthorizedClientError', code: 'UnauthorizedClientError', id: 'oauth.unauthorized_client' },
		{ name: 'UnsupportedGrantTypeError', code: 'UnsupportedGrantTypeError', id: 'oauth.unsupported_grant_type' },
		{ name: 'UnsupportedResponseTypeError', code: 'UnsupportedResponseTypeError', id: 'oauth.unsupported_response_type' },
		{ name: 'InvalidScopeError', code: 'InvalidScopeError', id: 'oauth.invalid_scope' },
		{ name: 'InvalidTokenError', code: 'InvalidTokenError', id: 'oauth.invalid_token' },
		{ name: 'InsufficientScopeError', code: 'InsufficientScopeError', id: 'oauth.insufficient_scope' },
		{ name: 'TemporarilyUnavailableError', code: 'TemporarilyUnavailableError', id: 'oauth.temporarily_unavailable' },
		{ name: 'oauthlib InvalidClientIdError is invalid_request', code: 'InvalidClientIdError', id: 'oauth.invalid_request' },
		{ name: 'oauthlib MissingClientIdError is invalid_request', code: 'MissingClientIdError', id: 'oauth.invalid_request' },
		// Class names also common outside OAuth (SQLAlchemy, OpenAI, Stripe API errors; file and permission errors) are left out.
		{ name: 'InvalidRequestError is not an alias', code: 'InvalidRequestError', id: undefined },
		{ name: 'AccessDeniedError is not an alias', code: 'AccessDeniedError', id: undefined },
	];
	for (const row of rows) {
		test(row.name, () => assert.equal(catalog.lookup(row.code, row.context)?.id, row.id));
	}

	test('candidates lists every entry for a code', () => {
		const ids = catalog.candidates('invalid_grant').map((e) => e.id);
		for (const id of ['oauth.invalid_grant', 'google.invalid_grant', 'okta.invalid_grant', 'entra.invalid_grant']) assert.ok(ids.includes(id), id);
		// Lookups ignore case: Yahoo documents the code in capitals (INVALID_GRANT).
		const others = ids.filter((id) => catalog.byId(id)?.code.toLowerCase() !== 'invalid_grant');
		assert.deepEqual(others, []);
	});
});

/*
 * A vendor entry's `causes[].match` wording names the vendor when nothing else
 * does (Catalog.lookup without a vendor). Wording that many servers send must
 * therefore never do it: an unrelated server's response would be explained as
 * Okta's, Ory's or Keycloak's. Every row below is wording that public servers
 * or libraries other than the catalog vendors send (or the RFC text that many
 * of them copy), with where it was seen.
 */
suite('generic wording names no vendor', () => {
	const GENERIC: [code: string, description: string, seenIn: string][] = [
		// RFC 6749 §4.1.2.1 / §5.2, RFC 6750 §3.1, RFC 8628 §3.5: copied verbatim by many servers (Okta, Doorkeeper, League).
		['invalid_request', 'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.', 'RFC 6749 §5.2; thephpleague/oauth2-server'],
		['invalid_client', 'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).', 'RFC 6749 §5.2'],
		['invalid_grant', 'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.', 'RFC 6749 §5.2; thephpleague/oauth2-server; ory/fosite'],
		['unauthorized_client', 'The authenticated client is not authorized to use this authorization grant type.', 'RFC 6749 §5.2; thephpleague/oauth2-server'],
		['unauthorized_client', 'The client is not authorized to request an authorization code using this method.', 'RFC 6749 §4.1.2.1'],
		['access_denied', 'The resource owner or authorization server denied the request.', 'RFC 6749 §4.1.2.1; Doorkeeper; thephpleague/oauth2-server; Okta'],
		['unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.', 'RFC 6749 §5.2; Doorkeeper; thephpleague/oauth2-server'],
		['invalid_scope', 'The requested scope is invalid, unknown, or malformed.', 'RFC 6749 §4.1.2.1; Doorkeeper'],
		['server_error', 'The authorization server encountered an unexpected condition that prevented it from fulfilling the request.', 'RFC 6749 §4.1.2.1'],
		['temporarily_unavailable', 'The authorization server is currently unable to handle the request due to a temporary overloading or maintenance of the server.', 'RFC 6749 §4.1.2.1; Doorkeeper'],
		['invalid_token', 'The access token provided is expired, revoked, malformed, or invalid for other reasons.', 'RFC 6750 §3.1; oauthlib'],
		['insufficient_scope', 'The request requires higher privileges than provided by the access token.', 'RFC 6750 §3.1; oauthlib'],
		['slow_down', 'The authorization request is still pending and polling should continue, but the interval MUST be increased by 5 seconds for this and all subsequent requests.', 'thephpleague/oauth2-server'],
		['expired_token', 'The `device_code` has expired and the device authorization session has concluded.', 'thephpleague/oauth2-server'],
		// thephpleague/oauth2-server (Laravel Passport) OAuthServerException messages.
		['invalid_client', 'Client authentication failed', 'thephpleague/oauth2-server'],
		['invalid_grant', 'The user credentials were incorrect.', 'thephpleague/oauth2-server'],
		['invalid_grant', 'The refresh token is invalid.', 'thephpleague/oauth2-server'],
		// Doorkeeper (config/locales/en.yml).
		['invalid_grant', 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.', 'Doorkeeper'],
		['invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.', 'Doorkeeper'],
		['unauthorized_client', 'The client is not authorized to perform this request using this method.', 'Doorkeeper'],
		['invalid_request', 'Missing required parameter: client_id.', 'Doorkeeper'],
		['invalid_token', 'The access token expired', 'Doorkeeper'],
		['invalid_token', 'The access token was revoked', 'Doorkeeper'],
		['invalid_token', 'The access token is invalid', 'Doorkeeper'],
		// panva/node-oidc-provider error descriptions.
		['invalid_grant', 'grant request is invalid', 'node-oidc-provider'],
		['invalid_grant', 'authorization code is expired', 'node-oidc-provider'],
		['invalid_grant', 'refresh token is expired', 'node-oidc-provider'],
		['invalid_grant', 'refresh token not found', 'node-oidc-provider'],
		['invalid_grant', 'refresh token already used', 'node-oidc-provider'],
		['invalid_client', 'client authentication failed', 'node-oidc-provider'],
		['invalid_token', 'invalid token provided', 'node-oidc-provider'],
		// Spring Security OAuth (legacy) and Cloud Foundry UAA InvalidGrantException messages.
		['invalid_grant', 'Invalid refresh token: 3f1c0c1e-5d2b-4b7e-9a51-0d6c4e2f8a11', 'spring-security-oauth DefaultTokenServices; UAA'],
		['invalid_grant', 'Invalid refresh token', 'spring-security-oauth; Keycloak'],
		['invalid_grant', 'Invalid authorization code: Fp1sKq', 'spring-security-oauth authorization code services'],
		['invalid_grant', 'Invalid authorization code', 'spring-security-oauth; Duende log text'],
		// Stripe Connect (not a catalog vendor), from a public issue.
		['invalid_grant', 'This authorization code has already been used. All tokens issued with this code have been revoked.', 'Stripe Connect (omniauth-stripe-connect#23)'],
		// Common custom-server wording (many public token endpoints send these verbatim; Okta sends the first too).
		['invalid_grant', 'The authorization code is invalid or has expired.', 'custom servers; Okta'],
		['invalid_grant', 'The authorization code has expired', 'custom servers; League hint'],
		['invalid_grant', 'The authorization code has already been used.', 'custom servers; fosite hint'],
		['invalid_grant', 'PKCE verification failed', 'custom servers; node-oidc-provider log text'],
		['invalid_grant', 'The provided refresh token is invalid or expired', 'custom servers'],
		['invalid_grant', 'Refresh token expired', 'custom servers'],
		['invalid_token', 'Token has expired', 'custom servers'],
		['invalid_token', 'Token has been revoked', 'custom servers'],
		['invalid_client', 'Invalid client secret', 'custom servers'],
	];

	/** Vendor wording that is documented as that vendor's own and rare elsewhere: it may, and should, name the vendor. */
	const VENDOR_WORDING: [code: string, description: string, id: string][] = [
		['invalid_grant', 'Malformed auth code.', 'google.invalid_grant'],
		['invalid_grant', 'Token has been expired or revoked.', 'oauth.invalid_grant'], // Google's, and per integrators also Slack's: two vendors fit, so neutral
		['invalid_grant', 'unknown, invalid, or expired refresh token', 'ping.invalid_grant'],
		['invalid_grant', 'invalid_username_or_password', 'duende.invalid_grant'],
		['invalid_grant', 'Unknown or invalid refresh token.', 'auth0.invalid_grant'],
		['access_denied', 'User is not assigned to the client application.', 'okta.access_denied'],
		['invalid_grant', 'Account is not fully set up', 'keycloak.invalid_grant'],
	];

	const modes: [name: string, extra: LookupContext][] = [['error_description', {}], ['free text', { looseDescription: true }]];

	for (const [code, description, seenIn] of GENERIC) {
		test(`${code}: ${JSON.stringify(description)} (${seenIn})`, () => {
			for (const [mode, extra] of modes) {
				const found = catalog.lookup(code, { description, ...extra });
				assert.ok(found, `${code} has no entry`);
				assert.equal(found.vendor, undefined, `${mode}: ${found.id} chosen for generic wording`);
			}
		});
	}

	test('every standard entry\'s own wording names no vendor', () => {
		const bad: string[] = [];
		for (const entry of allEntries.filter((e) => !e.vendor && (e.namespace === 'oauth' || e.namespace === 'oidc'))) {
			for (const text of [entry.summary, entry.title, ...entry.causes.map((c) => c.text)]) {
				for (const [mode, extra] of modes) {
					const found = catalog.lookup(entry.code, { description: text, kind: entry.kind, ...extra });
					if (found?.vendor) bad.push(`${entry.id} (${mode}): ${JSON.stringify(text)} → ${found.id}`);
				}
			}
		}
		assert.deepEqual(bad, []);
	});

	for (const [code, description, id] of VENDOR_WORDING) {
		test(`vendor wording ${JSON.stringify(description)} → ${id}`, () => {
			assert.equal(catalog.lookup(code, { description })?.id, id);
		});
	}
});

suite('vendor hints of the IAM Identity Center OIDC and Dropbox entries', () => {
	const rows: [text: string, vendor: string | null][] = [
		['https://oidc.us-east-1.amazonaws.com/token', 'aws-sso'],
		['Starting new HTTPS connection (1): oidc.eu-central-1.amazonaws.com:443', 'aws-sso'],
		['operation error SSO OIDC: CreateToken, https response error StatusCode: 400', 'aws-sso'],
		['software.amazon.awssdk.services.ssooidc.model.InvalidGrantException', 'aws-sso'],
		["'x-amzn-RequestId': 'abc', 'ErrorType': 'InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/'", 'aws-sso'],
		['$ aws sso login --profile dev', 'aws-sso'],
		['https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E', null],
		['https://cognito-idp.us-east-1.amazonaws.com/', 'cognito'],
		['https://api.dropboxapi.com/oauth2/token', 'dropbox'],
		['https://www.dropbox.com/oauth2/authorize?client_id=abc&response_type=code', 'dropbox'],
		['POST https://content.dropboxapi.com/2/files/upload', 'dropbox'],
	];
	for (const [text, vendor] of rows) {
		test(`${JSON.stringify(text)} → ${vendor}`, () => assert.equal(vendorFromText(text), vendor));
	}
});

suite('suggestCode', () => {
	const rows: [typo: string, expected: string | undefined][] = [
		['invalid_grand', 'invalid_grant'],
		['invalid_cleint', 'invalid_client'],
		['unsuported_grant_type', 'unsupported_grant_type'],
		['INVALID_GRAND', 'invalid_grant'],
		['completely_unrelated_words', undefined],
	];
	for (const [typo, expected] of rows) {
		test(`${typo} → ${expected}`, () => assert.equal(suggestCode(typo, catalog.codes()), expected));
	}
});

suite('catalog index (src/core/catalog/bundled.ts)', () => {
	test('lists every catalog file and profile (regenerate with node scripts/catalogIndex.mjs)', () => {
		const root = join(__dirname, '..', '..');
		const expected = execFileSync(process.execPath, ['--input-type=module', '-e', 'import { catalogIndex } from "./scripts/catalogIndex.mjs"; process.stdout.write(catalogIndex());'], { cwd: root, encoding: 'utf8' });
		assert.equal(readFileSync(join(root, 'src', 'core', 'catalog', 'bundled.ts'), 'utf8'), expected);
	});
});
