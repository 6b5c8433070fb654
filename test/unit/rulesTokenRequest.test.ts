import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { isTokenRequest, lastPathSegment } from '../../src/core/rules/tokenRequest';

/** isTokenRequest of the first request in `text`. */
function tokenRequest(text: string): boolean {
	const request = analyze(text).messages.find(m => m.kind === 'request');
	assert.ok(request, 'no request parsed');
	return isTokenRequest(request);
}

const rows: Array<[name: string, input: string, expected: boolean]> = [
	// OAuth token requests
	['form grant to /oauth2/token', 'POST https://as.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials', true],
	['no parameters, last segment token', 'POST https://as.example.com/oauth2/token\n', true],
	['GitHub access_token', 'POST https://github.com/login/oauth/access_token\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=a&code=b', true],
	['Slack oauth.v2.access', 'POST https://slack.com/api/oauth.v2.access\nContent-Type: application/x-www-form-urlencoded\n\ncode=x&client_id=a', true],
	['PingFederate token.oauth2', 'POST https://sso.example.com/as/token.oauth2\n', true],
	['grant in the query of a deeper path', 'GET https://legacy.example.com/api/token/refresh?grant_type=refresh_token\n', true],
	['JSON grant to a deeper path', 'POST https://legacy.example.com/api/token/refresh\nContent-Type: application/json\n\n{"grant_type":"refresh_token"}', true],
	['client credentials in a form to a deeper path', 'POST https://legacy.example.com/auth/token/issue\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=a&client_secret=b', true],
	['a grant wins over a metadata header', 'GET http://169.254.169.254/metadata/identity/oauth2/token?grant_type=client_credentials\nMetadata: true\n', true],

	// Token endpoints that are no OAuth token endpoints
	['Azure IMDS', 'GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net\nMetadata: true\n', false],
	['GCP metadata server', 'GET http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token\nMetadata-Flavor: Google\n', false],
	['App Service managed identity', 'GET http://127.0.0.1:41741/msi/token?resource=https://vault.azure.net&api-version=2019-08-01\nX-IDENTITY-HEADER: {{identityHeader}}\n', false],
	['Docker registry token service', 'GET https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/alpine:pull\n', false],
	['Vault lookup-self', 'GET https://vault.example.com/v1/auth/token/lookup-self\n', false],
	['Vault token create', 'POST https://vault.example.com/v1/auth/token/create\nContent-Type: application/json\n\n{"ttl":"1h"}', false],
	['Plaid link token', 'POST https://sandbox.plaid.com/link/token/create\nContent-Type: application/json\n\n{"client_id":"a","secret":"b"}', false],
	['simplejwt refresh', 'POST http://localhost:8000/api/token/refresh/\nContent-Type: application/json\n\n{"refresh":"x"}', false],
	['userinfo', 'GET https://as.example.com/userinfo\n', false],
];

suite('rules/tokenRequest: which requests are OAuth token requests', () => {
	for (const [name, input, expected] of rows) {
		test(name, () => assert.equal(tokenRequest(input), expected));
	}

	test('lastPathSegment', () => {
		assert.equal(lastPathSegment('http://localhost:8000/api/token/'), 'token');
		assert.equal(lastPathSegment('https://as.example.com/oauth2/TOKEN?x=/y#z'), 'token');
		assert.equal(lastPathSegment('/v1/auth/token/lookup-self'), 'lookup-self');
		assert.equal(lastPathSegment('{{tokenUrl}}'), '{{tokenurl}}');
	});
});
