/**
 * Shared data types of the core. Everything here is plain data: offsets are
 * JavaScript string indices (UTF-16 code units) into the analysed text.
 */

/** A half-open range `[start, end)` of the analysed text. */
export interface Span {
	start: number;
	end: number;
}

/** Where an error can occur (the catalog's `occurs`). */
export type Location =
	| 'authorization' | 'token' | 'resource' | 'userinfo' | 'revocation' | 'introspection'
	| 'registration' | 'device' | 'ciba' | 'par' | 'management' | 'client' | 'any';

/** Severity of a finding; mirrors the editor's four levels. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Kinds of secret the analysis detects; a value of each kind is never echoed. */
export type SecretKind =
	| 'access_token' | 'refresh_token' | 'id_token' | 'client_secret' | 'client_assertion'
	| 'authorization_code' | 'device_code' | 'code_verifier' | 'password' | 'assertion'
	| 'subject_token' | 'registration_token' | 'basic_credentials' | 'bearer_token'
	| 'dpop_proof' | 'cookie' | 'api_key' | 'jwt' | 'github_token' | 'slack_token'
	| 'google_token' | 'aws_key' | 'private_key' | 'mfa_token' | 'aws_secret_key' | 'aws_session_token'
	| 'storage_key' | 'npm_token' | 'stripe_key' | 'webhook_url' | 'opaque_token';

/** A secret value found in the text: `start`/`end` cover the value only. */
export interface SecretSpan extends Span {
	kind: SecretKind;
}
