import type { SecretKind } from '../types';

const NAMES: Readonly<Record<SecretKind, string>> = {
	access_token: 'An access token', refresh_token: 'A refresh token', id_token: 'An ID token',
	client_secret: 'A client secret', client_assertion: 'A client assertion', authorization_code: 'An authorization code',
	device_code: 'A device code', code_verifier: 'A PKCE code verifier', password: 'A password', assertion: 'An assertion',
	subject_token: 'A token-exchange token', registration_token: 'A registration access token',
	basic_credentials: 'HTTP Basic credentials (client id and secret)', bearer_token: 'A bearer token',
	dpop_proof: 'A DPoP proof', cookie: 'A cookie value', api_key: 'An API key', jwt: 'A JWT',
	github_token: 'A GitHub token', slack_token: 'A Slack token', google_token: 'A Google token',
	aws_key: 'An AWS access key id', private_key: 'A private key', mfa_token: 'An MFA token',
	aws_secret_key: 'An AWS secret access key', aws_session_token: 'An AWS session token',
	storage_key: 'A storage account key or SAS signature', npm_token: 'An npm token', stripe_key: 'A Stripe secret key',
	webhook_url: 'A webhook URL (its path is the secret)', opaque_token: 'A token-like value',
};

/** "An access token", "A client secret"… for messages about a secret of this kind. */
export function describeSecretKind(kind: SecretKind): string {
	return NAMES[kind] ?? 'A secret';
}
