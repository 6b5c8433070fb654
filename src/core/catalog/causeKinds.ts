/**
 * The fixed vocabulary of why a token error happened (docs/cause-kinds.md).
 * Ids are public (`diagnosis.kind` in the CLI's JSON): never rename one.
 */
export const CAUSE_KINDS = {
	'client-secret-wrong': 'The client secret sent is not the registered one',
	'client-secret-expired': 'The client credential (secret, certificate, client-secret JWT) expired',
	'client-id-unknown': 'The client id is not known to this authorization server',
	'client-auth-method': 'The client authenticates in a way the server does not accept for it',
	'client-assertion-invalid': 'The client assertion (private_key_jwt, certificate, federated credential) was rejected',
	'client-type-mismatch': 'The app is registered as the wrong kind of client for this flow',
	'grant-not-allowed': 'The grant type is not enabled for this client',
	'grant-type-unsupported': 'The grant_type value is unknown to the server or not sent',
	'redirect-uri-mismatch': 'The redirect URI is not registered or differs from the authorization request',
	'code-invalid': 'The authorization code was rejected',
	'code-reused': 'The authorization code was already redeemed',
	'code-expired': 'The authorization code expired before it was redeemed',
	'pkce-mismatch': 'The PKCE code_verifier is missing or does not match the code_challenge',
	'missing-parameter': 'A required parameter is missing or empty',
	'malformed-request': 'The request is not in the form the endpoint requires',
	'refresh-token-expired': 'The refresh token reached its lifetime or inactivity limit',
	'refresh-token-revoked': 'The refresh token was revoked',
	'refresh-token-reused': 'A rotated refresh token was used again',
	'session-ended': 'The user\'s session at the authorization server ended',
	'consent-required': 'The user or an admin has not consented to the requested permissions',
	'interaction-required': 'The user must sign in again or complete a step interactively',
	'user-credentials-wrong': 'The user\'s own credentials failed',
	'user-not-allowed': 'The user may not use this app',
	'access-denied-by-user': 'The user declined the authorization prompt',
	'scope-invalid': 'A requested scope is unknown, not allowed or badly combined',
	'audience-invalid': 'The resource or audience is wrong',
	'authority-mismatch': 'The request went to the wrong authority, tenant, realm or endpoint version',
	'access-token-missing': 'No access token was sent',
	'access-token-expired': 'The access token expired',
	'access-token-invalid': 'The access token is malformed, badly signed, revoked or not meant for this API',
	'token-placement': 'The token is sent in the wrong place or form',
	'insufficient-scope': 'The token lacks a scope, role or permission this call needs',
	'dpop-proof': 'The DPoP proof is missing, invalid or lacks the server\'s nonce',
	'polling-pending': 'Not a failure: the user has not finished yet; keep polling',
	'polling-too-fast': 'The client polls faster than allowed',
	'device-code-expired': 'The device code expired before the user approved',
	'clock-skew': 'Clocks disagree between client and server',
	'rate-limited': 'The server throttles the client',
	'server-fault': 'The authorization server failed or is unavailable',
	'server-nonconformant': 'The server answers outside the specifications',
	'wrong-endpoint': 'The request reached something that is not the intended OAuth endpoint',
	'token-response-unreadable': 'The client could not read the token response',
	'placeholder-value': 'A value was never filled in (a placeholder or empty variable)',
	'unknown': 'The paste does not hold enough to tell',
} as const;

/** A public cause-kind id. */
export type CauseKind = keyof typeof CAUSE_KINDS;

/** Finer kinds, each with the public kind it refines (reported as the parent in `diagnosis.kind`). */
export const FINER_CAUSE_KINDS: Readonly<Record<string, { parent: CauseKind; label: string }>> = {
	'client-state-lost': { parent: 'session-ended', label: 'The client lost the state of the sign-in it started (state, nonce, PKCE verifier or saved request missing: a cookie dropped, another host or tab, a restarted server)' },
	'client-misconfigured': { parent: 'malformed-request', label: 'The client library is set up or called wrongly (issuer, endpoints, credentials or options)' },
	'network-failure': { parent: 'server-fault', label: 'The authorization server could not be reached (DNS, TLS, proxy, timeout, offline)' },
	'refresh-token-invalid': { parent: 'refresh-token-revoked', label: 'The refresh token is malformed, truncated, or was issued to another client or realm' },
};

/** True for a public id or a finer kind listed in {@link FINER_CAUSE_KINDS}. */
export function isCauseKind(id: string): boolean {
	return Object.prototype.hasOwnProperty.call(CAUSE_KINDS, id) || Object.prototype.hasOwnProperty.call(FINER_CAUSE_KINDS, id);
}

/** The public id of a kind (a finer kind reports its parent). */
export function publicCauseKind(id: string): CauseKind {
	if (Object.prototype.hasOwnProperty.call(CAUSE_KINDS, id)) return id as CauseKind;
	return FINER_CAUSE_KINDS[id]?.parent ?? 'unknown';
}

/**
 * Description phrases (lower-case) that point at a kind whatever the code, from
 * the wording the specs and the major providers use. A description holding one
 * favours that kind's causes; a kind no entry offers becomes a candidate itself.
 * Checked in this order; catalog causes' own `match` phrases weigh more.
 */
export const KIND_PHRASES: Readonly<Partial<Record<CauseKind, readonly string[]>>> = {
	'placeholder-value': ['your_client_id', 'your-client-id', '<client_id>', 'client_id=undefined', 'undefined client'],
	'redirect-uri-mismatch': ['redirect_uri', 'redirect uri', 'redirect url', 'reply url', 'reply address', 'redirect_uri_mismatch', 'callback url'],
	'pkce-mismatch': ['code_verifier', 'code verifier', 'pkce', 'code_challenge'],
	'code-reused': ['already redeemed', 'already been redeemed', 'already used', 'already been used', 'code has been used'],
	'device-code-expired': ['device code has expired', 'device code expired', 'device_code has expired', 'device code is expired', 'device authorization has expired'],
	'code-expired': ['code has expired', 'code expired', 'expired authorization code', 'authorization code is expired'],
	'refresh-token-reused': ['reuse detected', 'token reuse', 'refresh token was already used', 'refresh token has already been used'],
	'refresh-token-revoked': ['has been revoked', 'was revoked', 'token revoked', 'grant has been revoked', 'revoked by the user'],
	'refresh-token-expired': ['refresh token has expired', 'refresh token expired', 'expired due to inactivity', 'refresh token is expired', 'token has been expired or revoked'],
	'session-ended': ['session not active', 'session is not active', 'token is not active', 'session expired', 'session doesn\'t have required client', 'user session'],
	'client-secret-expired': ['secret has expired', 'secret is expired', 'secret expired', 'certificate has expired', 'credential has expired'],
	'client-secret-wrong': ['invalid client secret', 'client secret is invalid', 'wrong client secret', 'bad client secret', 'client_secret is invalid', 'invalid_client_secret', 'incorrect client secret'],
	'client-id-unknown': ['client not found', 'unknown client', 'invalid client_id', 'client_id not found', 'application not found', 'was not found in the directory', 'no client with', 'client does not exist'],
	'client-assertion-invalid': ['client_assertion', 'client assertion'],
	'client-auth-method': ['client authentication method', 'token_endpoint_auth_method', 'multiple client credentials', 'more than one client authentication', 'must include either', 'public client', 'authentication method', 'client_secret_basic', 'client_secret_post', 'no client secret', 'found no secret'],
	'grant-not-allowed': ['grant type not allowed', 'not allowed for this client', 'unauthorized for this grant', 'grant type is not enabled', 'not authorized to use this grant', 'grant_type not allowed', 'unauthorized grant type'],
	'grant-type-unsupported': ['unsupported grant type', 'grant type not supported', 'unsupported_grant_type', 'invalid grant_type'],
	'consent-required': ['consent required', 'has not consented', 'needs consent', 'consent_required', 'admin consent'],
	'interaction-required': ['interaction required', 'multi-factor', 'mfa required', 'login required', 'conditional access', 'must sign in again', 'step-up'],
	'user-credentials-wrong': ['wrong email or password', 'invalid username or password', 'invalid user credentials', 'bad credentials', 'incorrect username or password', 'invalid resource owner credentials', 'account is locked', 'account is disabled'],
	'user-not-allowed': ['not assigned to a role', 'not assigned to the application', 'user is not allowed', 'blocked by', 'does not exist in tenant'],
	'access-denied-by-user': ['user denied', 'denied access', 'user cancelled', 'user canceled', 'user declined'],
	'scope-invalid': ['invalid scope', 'scope is invalid', 'unknown scope', 'scope not allowed', 'invalid_scope', 'requested scope'],
	'audience-invalid': ['audience', 'invalid resource', 'invalid_target', 'resource principal', 'not found in the tenant'],
	'authority-mismatch': ['wrong tenant', 'tenant not found', 'issuer mismatch', 'invalid issuer', 'realm not found', 'wrong issuer'],
	'access-token-expired': ['access token expired', 'access token has expired', 'token has expired', 'lifetime validation failed', 'jwt expired', 'token is expired'],
	'access-token-missing': ['bearer token missing', 'no access token', 'missing access token', 'access token is missing', 'no authorization header'],
	'access-token-invalid': ['invalid access token', 'malformed token', 'invalid signature', 'signature validation failed', 'token is malformed', 'invalid token', 'invalid oauth token', 'invalid bearer token'],
	'token-placement': ['query string', 'cannot be presented in'],
	'insufficient-scope': ['insufficient scope', 'insufficient privileges', 'insufficient_scope', 'missing scope', 'does not have permission', 'not have the required scope'],
	'dpop-proof': ['dpop'],
	'clock-skew': ['clock skew', 'not yet valid', 'issued in the future', 'nbf', 'iat is in the future', 'reasonable timeframe', 'used too early'],
	'rate-limited': ['rate limit', 'too many requests', 'throttl', 'slow down'],
	'server-fault': ['internal server error', 'temporarily unavailable', 'service unavailable', 'unexpected error occurred'],
	'missing-parameter': ['is missing', 'missing required', 'is required', 'must be provided', 'not provided', 'missing parameter', 'parameter is missing'],
	'malformed-request': ['content-type', 'must be post', 'duplicate parameter', 'malformed request', 'could not be parsed'],
	'token-response-unreadable': ['unexpected token <', 'not valid json', 'failed to parse token response', 'invalid_token_response'],
};
