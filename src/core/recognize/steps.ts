import type { Fix, Grant } from '../catalog/catalogTypes';

/**
 * Choosing the steps a report lists: the chosen cause's own steps, then what
 * holds whatever the cause, without a step meant for another grant or another
 * response, and without the same advice twice in other words.
 */

/** The grant a cause kind implies when the paste does not show one (a refresh-token cause is about a refresh). */
export const KIND_GRANT: Readonly<Partial<Record<string, Grant>>> = {
	'refresh-token-expired': 'refresh_token', 'refresh-token-revoked': 'refresh_token', 'refresh-token-reused': 'refresh_token',
	'code-invalid': 'authorization_code', 'code-expired': 'authorization_code', 'code-reused': 'authorization_code', 'pkce-mismatch': 'authorization_code',
	'user-credentials-wrong': 'password',
	'device-code-expired': 'device_code', 'polling-pending': 'device_code', 'polling-too-fast': 'device_code',
};

/**
 * Words that make a step about the authorization-code exchange only (redeeming
 * a code, its PKCE verifier), in RFC 6749 §4.1 / RFC 7636 vocabulary. A step
 * that also speaks of refresh or of the device flow is not code-only.
 */
const CODE_STEP = /\bauthori[sz]ation[ -]codes?\b|\bcode[_ ]verifier\b|\bpkce\b|\bredeem(?:ing)? (?:each |the |a |an )?(?:authori[sz]ation )?codes?\b|\bexchang(?:e|ing) (?:each |the |a |an )?(?:new |fresh )?(?:authori[sz]ation )?codes?\b|\bcodes? (?:exactly )?once\b|\bused code\b/i;
const NOT_ONLY_CODE = /refresh|device|user code|\bmfa\b|otp|one-time/i;

/** Steps that wait and retry: they help a throttled or failing server (RFC 6585 §4, RFC 9110 §10.2.3), not a rejected credential. */
const RETRY_STEP = /retry-after|\bback ?off\b|backoff|retry later/i;
const RETRY_KINDS = new Set(['rate-limited', 'server-fault', 'polling-pending', 'polling-too-fast', 'unknown']);

/** The grants a step applies to: its own `grant` field, else code-only wording means the authorization-code grant. */
export function stepGrants(fix: Fix): readonly Grant[] | undefined {
	if (fix.grant?.length) return fix.grant;
	return readStep(fix).codeOnly ? ['authorization_code'] : undefined;
}

/** Whether a step fits this paste: its grant (shown, or implied by the cause) and the status received. */
export function stepApplies(fix: Fix, grant: Grant | undefined, status: number | null, kind: string): boolean {
	const grants = stepGrants(fix);
	if (grant && grants && !grants.includes(grant)) return false;
	// Waiting and retrying does not fix a 4xx rejection (other than 429) unless the cause is throttling or a failing server.
	if (readStep(fix).retry && status !== null && status >= 400 && status < 500 && status !== 429 && !RETRY_KINDS.has(kind)) return false;
	return true;
}

/**
 * Pieces of advice that steps word differently; two steps that give only
 * advice an earlier step gave are the same step. Generic OAuth advice, no
 * vendor's wording.
 */
const ADVICE: ReadonlyArray<readonly [string, RegExp]> = [
	['sign in again', /interactive(?:ly)?[ -](?:sign[- ]?in|login|call|flow)|sign(?:s|ing)? (?:the user |them |users )?in again|sign-in again|re-?authenticat|log(?:s|ging)? (?:the user |them )?in again|(?:restart|start over|start again)(?: the)? (?:sign-in|sign in|login|authorization)|(?:a |start )new (?:interactive )?(?:sign-in|login)|acquireToken(?:Popup|Redirect|Interactive)|loginRedirect|loginPopup/i],
	['redeem codes once', /codes? (?:exactly )?once|single-use|never retry a used code|already redeemed/i],
	['redeem codes promptly', /codes? (?:immediately|promptly|right away|right after)|(?:immediately|right) after the redirect|immediately, |promptly,/i],
	['persist the PKCE verifier', /(?:persist|keep|store|save)\b.{0,40}\bverifier|verifier\b.{0,40}\b(?:persist|stored|kept|saved)/i],
	['keep the newest refresh token', /(?:keep|store|persist|save|use) (?:only )?(?:the )?(?:newest|latest|new|rotated) (?:\(rotated\) )?refresh[ _]token/i],
	['the secret value, not its id', /secret(?:'s)? value,? not (?:its|the)(?: secret)? id|value, not the (?:secret )?id|not the secret id/i],
	['wait for Retry-After', /retry-after/i],
	['retry with backoff', /\bback ?off\b|backoff/i],
	['same redirect_uri', /same redirect_uri|redirect_uri (?:exactly )?as (?:in|sent)|identical redirect_uri/i],
];

/** The pieces of advice a step gives (ADVICE). */
export function adviceOf(text: string): string[] {
	return ADVICE.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** Wording that differs only in case, punctuation and spacing. */
function wordingKey(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Each step's wording key and pieces of advice, read once per step (catalog steps are read by every diagnosis). */
const readSteps = new WeakMap<Fix, StepWords>();

interface StepWords {
	text: string;
	key: string;
	pieces: string[];
	/** Its wording is about the authorization-code exchange only (CODE_STEP, not NOT_ONLY_CODE). */
	codeOnly: boolean;
	/** It waits and retries (RETRY_STEP). */
	retry: boolean;
}

function readStep(step: Fix): StepWords {
	let read = readSteps.get(step);
	if (!read || read.text !== step.text) {
		const text = step.text;
		read = { text, key: wordingKey(text), pieces: adviceOf(text), codeOnly: CODE_STEP.test(text) && !NOT_ONLY_CODE.test(text), retry: RETRY_STEP.test(text) };
		readSteps.set(step, read);
	}
	return read;
}

/**
 * Steps in order, each once: a step is left out when its wording, or every piece of advice it gives, came earlier.
 * At most `limit` steps (the first ones).
 */
export function uniqueSteps(steps: readonly Fix[], limit = Infinity): string[] {
	const wordings = new Set<string>();
	const advice = new Set<string>();
	const out: string[] = [];
	for (const step of steps) {
		if (out.length >= limit) break;
		const { key, pieces } = readStep(step);
		if (wordings.has(key) || (pieces.length && pieces.every(p => advice.has(p)))) continue;
		wordings.add(key);
		for (const p of pieces) advice.add(p);
		out.push(step.text);
	}
	return out;
}
