import * as assert from 'node:assert/strict';
import { isTokenEndpoint, locationFromTarget } from '../../src/core/recognize/context';
import { bundledCatalog } from '../../src/core';

const vendorFromText = (text: string) => bundledCatalog().profiles.vendorIn(text);
import type { Location } from '../../src/core/types';

suite('vendorFromText', () => {
	const rows: [text: string, vendor: string | null][] = [
		// Entra
		['https://login.microsoftonline.com/common/oauth2/v2.0/token', 'entra'],
		['https://login.windows.net/contoso.onmicrosoft.com/oauth2/token', 'entra'],
		['https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', 'entra'],
		['https://login.partner.microsoftonline.cn/tenant/oauth2/v2.0/token', 'entra'],
		['AADSTS50011: The redirect URI does not match', 'entra'],
		['https://graph.microsoft.com/v1.0/me', 'entra'],
		['https://contoso.b2clogin.com/contoso.onmicrosoft.com/oauth2/v2.0/token', 'entra'],
		['https://contoso.ciamlogin.com/tenant/oauth2/v2.0/token', 'entra'],
		// Okta
		['https://dev-123456.okta.com/oauth2/default/v1/token', 'okta'],
		['https://acme.oktapreview.com/oauth2/v1/token', 'okta'],
		['https://acme.okta-emea.com/oauth2/v1/token', 'okta'],
		['X-Okta-Request-Id: Zk1x0Qv9', 'okta'],
		// Auth0
		['https://tenant.us.auth0.com/oauth/token', 'auth0'],
		// Google
		['https://accounts.google.com/o/oauth2/v2/auth', 'google'],
		['https://oauth2.googleapis.com/token', 'google'],
		['https://www.googleapis.com/oauth2/v3/userinfo', 'google'],
		// GitHub
		['https://github.com/login/oauth/access_token', 'github'],
		['https://api.github.com/user', 'github'],
		['https://docs.github.com/apps/troubleshooting', 'github'],
		// Slack
		['https://slack.com/api/oauth.v2.access', 'slack'],
		['https://slack.com/oauth/v2/authorize', 'slack'],
		// Keycloak
		['https://sso.example.com/realms/demo/protocol/openid-connect/token', 'keycloak'],
		['Server: Keycloak', 'keycloak'],
		// Cognito
		['https://acme.auth.us-east-1.amazoncognito.com/oauth2/token', 'cognito'],
		['https://cognito-idp.us-east-1.amazonaws.com/', 'cognito'],
		['x-amzn-ErrorType: NotAuthorizedException', 'cognito'],
		// Salesforce
		['https://login.salesforce.com/services/oauth2/token', 'salesforce'],
		['https://acme.my.force.com/services/oauth2/token', 'salesforce'],
		// Others
		['https://api.authlete.com/api/auth/token', 'authlete'],
		['https://products.akoya.com/token', 'akoya'],
		['https://auth.aicrisk.com/token', 'aicrisk'],
		// Library and logger names seen in real pastes
		['com.microsoft.identity.client.exception.MsalUiRequiredException', 'entra'],
		['google.auth.exceptions.RefreshError', 'google'],
		['ERROR (gcloud.projects.list) There was a problem refreshing your current auth tokens', 'google'],
		['o.k.adapters.OAuthRequestAuthenticator : failed to turn code into token', 'keycloak'],
		['Restforce::AuthenticationError', 'salesforce'],
		['at /app/node_modules/jsforce/lib/oauth2.js:120', 'salesforce'],
		['github.com/ory/hydra/v2/oauth2.(*Handler)', 'ory'],
		['slack_sdk.errors.SlackApiError', 'slack'],
		// An SSO-OIDC response also carries x-amzn-ErrorType: the host wins over the header.
		['https://oidc.us-east-1.amazonaws.com/token\nx-amzn-ErrorType: InvalidGrantException', 'aws-sso'],
		['An error occurred (InvalidGrantException) when calling the CreateToken operation', 'aws-sso'],
		// Nothing
		['https://idp.example.com/oauth2/token', null],
		['', null],
		['microsoft is not a host', null],
	];
	for (const [text, vendor] of rows) {
		test(`${JSON.stringify(text)} → ${vendor}`, () => assert.equal(vendorFromText(text), vendor));
	}

	test('case-insensitive', () => {
		assert.equal(vendorFromText('HTTPS://LOGIN.MICROSOFTONLINE.COM/'), 'entra');
		assert.equal(vendorFromText('Dev-1.OKTA.com'), 'okta');
	});
});

suite('locationFromTarget', () => {
	const rows: [target: string, location: Location | null][] = [
		// token
		['/oauth2/v2.0/token', 'token'],
		['https://login.microsoftonline.com/common/oauth2/v2.0/token', 'token'],
		['/oauth/token', 'token'],
		['/token?x=1', 'token'],
		['https://as.example.com/token#frag', 'token'],
		['/login/oauth/access_token', 'token'],
		['https://slack.com/api/oauth.v2.access', 'token'],
		['/realms/demo/protocol/openid-connect/token', 'token'],
		['/oauth2/default/v1/token', 'token'],
		// authorization
		['/oauth2/v2.0/authorize', 'authorization'],
		['/authorize?client_id=x&response_type=code', 'authorization'],
		['/oauth/authorize', 'authorization'],
		['/o/oauth2/auth?client_id=x', 'authorization'],
		// device
		['/oauth2/v2.0/devicecode', 'device'],
		['/device_authorization', 'device'],
		['https://oauth2.googleapis.com/device/code', 'device'],
		['https://github.com/login/device/code', 'device'],
		['https://github.com/login/device', 'device'],
		// CIBA
		['/bc-authorize', 'ciba'],
		['/backchannel/authentication', 'ciba'],
		// PAR
		['/par', 'par'],
		['/as/par', 'par'],
		['/oauth2/v1/par?x=1', 'par'],
		['/pushed', 'par'],
		['/partners', null],
		['/parse', null],
		['/api/v2/params', null],
		// revocation, introspection, registration, userinfo
		['/oauth2/revoke', 'revocation'],
		['/revocation', 'revocation'],
		['/realms/demo/protocol/openid-connect/token/introspect', 'introspection'],
		['/oauth2/v1/introspect', 'introspection'],
		['/connect/register', 'registration'],
		['/oauth2/v1/clients', 'registration'],
		['/userinfo', 'userinfo'],
		['/oauth2/v3/userinfo.json', 'userinfo'],
		// management
		['/api/v1/users/00u1', 'management'],
		// not an endpoint we know
		['/tokens', null],
		['/tokeninfo', null],
		['/authorized-apps', null],
		['https://example.com/', null],
		['', null],
	];
	for (const [target, location] of rows) {
		test(`${JSON.stringify(target)} → ${location}`, () => assert.equal(locationFromTarget(target), location));
	}

	test('the query is not part of the path', () => {
		assert.equal(locationFromTarget('/callback?next=/token'), null);
		assert.equal(locationFromTarget('/cb?redirect=/par'), null);
	});

	test('case-insensitive', () => {
		assert.equal(locationFromTarget('/OAuth2/V2.0/TOKEN'), 'token');
	});

	test('isTokenEndpoint', () => {
		assert.equal(isTokenEndpoint('https://oauth2.googleapis.com/token'), true);
		assert.equal(isTokenEndpoint('/oauth2/v2.0/authorize'), false);
		assert.equal(isTokenEndpoint('/tokens'), false);
	});
});
