import type { Location } from '../types';

/** Host or text fragments that identify a vendor, checked in order (lower-case). */
const VENDOR_HINTS: ReadonlyArray<readonly [string, string]> = [
	['login.microsoftonline.', 'entra'], ['login.windows.net', 'entra'], ['sts.windows.net', 'entra'],
	['login.partner.microsoftonline.cn', 'entra'], ['aadsts', 'entra'], ['graph.microsoft.com', 'entra'],
	['.b2clogin.com', 'entra'], ['ciamlogin.com', 'entra'], ['aadb2c', 'entra'],
	['microsoft.identity', 'entra'], ['@azure/msal', 'entra'], ['msal4j', 'entra'],
	['.okta.com', 'okta'], ['.oktapreview.com', 'okta'], ['okta-emea.com', 'okta'], ['x-okta-request-id', 'okta'],
	['okta', 'okta'], ['/oauth2/default/', 'okta'], ['/v1/token', 'okta'],
	['auth0', 'auth0'],
	['accounts.google.com', 'google'], ['googleapis.com', 'google'], ['googleusercontent.com', 'google'],
	['google.auth', 'google'], ['google.oauth2', 'google'], ['google-auth', 'google'], ['gcloud', 'google'],
	['github.com/login/', 'github'], ['api.github.com', 'github'], ['docs.github.com', 'github'], ['developer.github.com', 'github'],
	['slack.com', 'slack'], ['slack_sdk', 'slack'], ['@slack/', 'slack'], ['slackapi', 'slack'], ['slack api', 'slack'],
	['slackclient', 'slack'], ['slacker', 'slack'], ['ok: false, error', 'slack'],
	['/realms/', 'keycloak'], ['keycloak', 'keycloak'], ['o.k.adapters', 'keycloak'], ['o.k.services', 'keycloak'],
	['o.k.events', 'keycloak'], ['o.k.protocol', 'keycloak'], ['o.k.broker', 'keycloak'],
	['amazoncognito.com', 'cognito'], ['cognito', 'cognito'],
	['salesforce', 'salesforce'], ['.force.com', 'salesforce'], ['restforce', 'salesforce'], ['jsforce', 'salesforce'],
	['authlete.com', 'authlete'],
	['akoya.com', 'akoya'],
	['aicrisk.com', 'aicrisk'],
	['duendesoftware.com', 'duende'], ['duende.identityserver', 'duende'], ['identityserver4', 'duende'],
	['.pingone.', 'ping'], ['pingidentity.com', 'ping'], ['/as/token.oauth2', 'ping'], ['/as/authorization.oauth2', 'ping'], ['pingfederate', 'ping'],
	['.oryapis.com', 'ory'], ['error_hint', 'ory'], ['ory/hydra', 'ory'], ['ory/fosite', 'ory'], ['oryd/hydra', 'ory'],
	// IAM Identity Center OIDC (SSO-OIDC) lives on oidc.<region>.amazonaws.com; the region prefixes keep EKS issuers (oidc.eks.…) out.
	['oidc.us-', 'aws-sso'], ['oidc.eu-', 'aws-sso'], ['oidc.ap-', 'aws-sso'], ['oidc.ca-', 'aws-sso'], ['oidc.sa-', 'aws-sso'],
	['oidc.me-', 'aws-sso'], ['oidc.af-', 'aws-sso'], ['oidc.il-', 'aws-sso'], ['oidc.mx-', 'aws-sso'], ['oidc.cn-', 'aws-sso'],
	['amazonaws.sso.oidc', 'aws-sso'], ['sso-oidc', 'aws-sso'], ['ssooidc', 'aws-sso'], ['operation error sso oidc', 'aws-sso'],
	['aws sso', 'aws-sso'], ['iam identity center', 'aws-sso'], ['the createtoken operation', 'aws-sso'], ['the createtokenwithiam operation', 'aws-sso'],
	['dropboxapi.com', 'dropbox'], ['dropbox.com/oauth2', 'dropbox'], ['api.dropbox.com', 'dropbox'], ['x-dropbox-', 'dropbox'],
	// Any AWS service sends this header: the weakest hint, after every host above (an SSO-OIDC response has it too).
	['x-amzn-errortype', 'cognito'],
];

/**
 * The vendor that a URL, header value or body fragment points at, if any: of
 * the hints it holds, the one listed first in {@link VENDOR_HINTS}. One
 * regular-expression pass instead of a search per hint.
 */
export function vendorFromText(text: string): string | null {
	let best = -1;
	ANY_HINT.lastIndex = 0;
	for (let m = ANY_HINT.exec(text); m; m = ANY_HINT.exec(text)) {
		const rank = HINT_RANK.get(m[0].toLowerCase()) ?? -1;
		if (rank >= 0 && (best < 0 || rank < best)) best = rank;
		if (best === 0) break;
		ANY_HINT.lastIndex = m.index + 1;
	}
	return best < 0 ? null : VENDOR_HINTS[best][1];
}

/** Every vendor hint, case-insensitively, in the order of {@link VENDOR_HINTS} (which wins at equal positions). */
const ANY_HINT = new RegExp(VENDOR_HINTS.map(([needle]) => needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'gi');
const VENDOR_BY_HINT = new Map(VENDOR_HINTS);
const HINT_RANK = new Map(VENDOR_HINTS.map(([needle], i) => [needle, i]));

/** The vendor whose hint occurs last in `text` (the nearest one when `text` ends where a message starts). */
export function nearestVendor(text: string): string | null {
	return nearestVendorIn(text, 0, text.length).vendor;
}

const LONGEST_HINT = Math.max(...VENDOR_HINTS.map(([needle]) => needle.length));

/** The last {@link nearestVendorIn} answer: the nearest hint in text[from, to). */
let lastNearest: { text: string; from: number; to: number; at: number; vendor: string | null } | undefined;

/**
 * {@link nearestVendor} of text[from, to), for windows that slide forwards
 * through a document (the context before each message): only the text the
 * window gained since the last call is searched. One regular-expression pass;
 * every start position is tried, so overlapping hints count as they would one
 * by one.
 */
export function nearestVendorIn(text: string, from: number, to: number): { at: number; vendor: string | null } {
	const last = lastNearest;
	let scanFrom = from;
	let best = { at: -1, vendor: null as string | null };
	if (last && last.text === text && from >= last.from && from <= last.to && to >= last.to) {
		// Hints inside the old window stay found; one cut by its end may now fit.
		scanFrom = Math.max(from, last.to - LONGEST_HINT + 1);
		if (last.at >= from && last.at < scanFrom) best = { at: last.at, vendor: last.vendor };
	}
	const slice = text.slice(scanFrom, to);
	ANY_HINT.lastIndex = 0;
	for (let m = ANY_HINT.exec(slice); m; m = ANY_HINT.exec(slice)) {
		best = { at: scanFrom + m.index, vendor: VENDOR_BY_HINT.get(m[0].toLowerCase()) ?? null };
		ANY_HINT.lastIndex = m.index + 1;
	}
	lastNearest = { text, from, to, ...best };
	return best;
}

/** Path fragments of well-known endpoints, checked in order (lower-case). */
const ENDPOINT_HINTS: ReadonlyArray<readonly [string, Location]> = [
	['/devicecode', 'device'], ['/device_authorization', 'device'], ['/device/code', 'device'], ['/login/device', 'device'],
	['/bc-authorize', 'ciba'], ['/backchannel', 'ciba'],
	['/par', 'par'], ['/pushed', 'par'],
	['/revoke', 'revocation'], ['/revocation', 'revocation'], ['/logout', 'revocation'],
	['/introspect', 'introspection'],
	['/register', 'registration'], ['/clients', 'registration'],
	['/userinfo', 'userinfo'],
	['/token', 'token'], ['/access_token', 'token'], ['oauth.v2.access', 'token'], ['/auth/token', 'token'],
	['/authorize', 'authorization'], ['/auth?', 'authorization'], ['/oauth/authorize', 'authorization'],
	['/api/v1/', 'management'],
];

/** The kind of endpoint a request target addresses, if recognisable. */
export function locationFromTarget(target: string): Location | null {
	const lower = target.toLowerCase();
	const pathEnd = lower.search(/[?#]/);
	const path = pathEnd >= 0 ? lower.slice(0, pathEnd + 1) : lower;
	for (const [needle, location] of ENDPOINT_HINTS) {
		if (containsSegment(path, needle)) return location;
	}
	return null;
}

/** `needle` occurs in `path` and, when it is a path segment, ends at a segment boundary. */
function containsSegment(path: string, needle: string): boolean {
	let at = path.indexOf(needle);
	while (at >= 0) {
		const after = path.charCodeAt(at + needle.length);
		if (!needle.startsWith('/') || needle.endsWith('/') || needle.endsWith('?') || Number.isNaN(after) || after === 47 || after === 63 || after === 35 || after === 46) return true;
		at = path.indexOf(needle, at + 1);
	}
	return false;
}

/** True when a target looks like an OAuth token endpoint. */
export function isTokenEndpoint(target: string): boolean {
	return locationFromTarget(target) === 'token';
}
