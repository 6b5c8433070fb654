import { parseFormParams, type FormParam } from '../parse/formBody';
import { isTokenEndpoint } from '../recognize/context';
import { header, type HttpMessage } from '../recognize/model';
import { pushAll } from '../arrays';

/**
 * Whether a request is an OAuth token request (RFC 6749 §3.2), the only kind
 * the request rules judge. A path with "token" in it is not enough: cloud
 * metadata services, container registries, Vault, Kubernetes and many login
 * APIs have token endpoints of their own that are GET or JSON by design.
 */

/** Last path segments that name an OAuth token endpoint (`/oauth2/token`, `/login/oauth/access_token`, Slack's `oauth.v2.access`, PingFederate's `token.oauth2`). */
const TOKEN_SEGMENTS = new Set(['token', 'access_token', 'oauth.access', 'oauth.v2.access']);

/** Request headers that only cloud metadata services ask for (Azure IMDS, GCP, Azure App Service managed identity). */
const METADATA_HEADERS = ['metadata', 'metadata-flavor', 'x-identity-header'];

/** True when the request goes to a token endpoint and shows it is OAuth: a grant or an OAuth-shaped parameter set, or an OAuth-looking endpoint that is no metadata service or registry. */
export function isTokenRequest(message: HttpMessage): boolean {
	if (message.kind !== 'request' || !message.target || !isTokenEndpoint(message.target)) return false;
	if (hasOAuthParams(message)) return true;
	return isTokenSegment(lastPathSegment(message.target)) && !isMetadataOrRegistryRequest(message);
}

/**
 * A request to a cloud metadata service (`Metadata: true`, `Metadata-Flavor`)
 * or a Docker-style registry token service (`?service=…`, `scope=repository:…`):
 * they issue tokens over GET without the rest of RFC 6749.
 */
export function isMetadataOrRegistryRequest(message: HttpMessage): boolean {
	if (METADATA_HEADERS.some(name => header(message, name))) return true;
	const query = queryParams(message.target ?? '');
	return query.some(p => p.name === 'service' || (p.name === 'scope' && /^(repository|registry):/.test(p.value)));
}

/** The request names a grant, or sends the parameters of one (code with its redirect, a refresh token, a device code, client credentials). */
function hasOAuthParams(message: HttpMessage): boolean {
	const names = new Set(requestParamNames(message));
	if (names.has('grant_type') || names.has('refresh_token') || names.has('device_code') || names.has('code_verifier') || names.has('client_assertion')) return true;
	if (names.has('code') && (names.has('redirect_uri') || names.has('client_id'))) return true;
	return names.has('client_id') && names.has('client_secret');
}

/** Parameter names of the query, the form body and the JSON body's top level. */
function requestParamNames(message: HttpMessage): string[] {
	const names = queryParams(message.target ?? '').map(p => p.name);
	if (message.form) pushAll(names, message.form.map(p => p.name));
	if (message.json) pushAll(names, message.json.values.filter(v => v.depth === 1).map(v => v.key));
	return names;
}

function queryParams(target: string): FormParam[] {
	const q = target.indexOf('?');
	if (q < 0) return [];
	const hash = target.indexOf('#', q);
	return parseFormParams(target, q + 1, hash < 0 ? target.length : hash);
}

/** The last non-empty path segment of a target, lower-case (`/api/token/` → `token`). */
export function lastPathSegment(target: string): string {
	const end = target.search(/[?#]/);
	const path = (end < 0 ? target : target.slice(0, end)).toLowerCase().replace(/\/+$/, '');
	return path.slice(path.lastIndexOf('/') + 1);
}

function isTokenSegment(segment: string): boolean {
	return TOKEN_SEGMENTS.has(segment) || segment.startsWith('token.');
}
