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
export const FINER_CAUSE_KINDS: Readonly<Record<string, { parent: CauseKind; label: string }>> = {};

/** True for a public id or a finer kind listed in {@link FINER_CAUSE_KINDS}. */
export function isCauseKind(id: string): boolean {
	return Object.prototype.hasOwnProperty.call(CAUSE_KINDS, id) || Object.prototype.hasOwnProperty.call(FINER_CAUSE_KINDS, id);
}

/** The public id of a kind (a finer kind reports its parent). */
export function publicCauseKind(id: string): CauseKind {
	if (Object.prototype.hasOwnProperty.call(CAUSE_KINDS, id)) return id as CauseKind;
	return FINER_CAUSE_KINDS[id]?.parent ?? 'unknown';
}
