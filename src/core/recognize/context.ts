import type { Location } from '../types';

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
