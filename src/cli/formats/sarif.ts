/**
 * `--format sarif`: a SARIF 2.1.0 log (OASIS standard) with one run, for GitHub code scanning
 * and other SARIF viewers. Rules are our stable rule ids; results carry a level, a message, a
 * relative artifact URI with a 1-based region, and partial fingerprints that stay the same when
 * lines move, so a viewer can tell a new finding from an old one.
 */
import { createHash } from 'node:crypto';
import { RuleId, type Severity } from '../../core';
import { ruleReferences } from '../../core/rules/ruleIds';
import { locatedFindings, type FileResult, type LocatedFinding } from './findings';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Key of our fingerprint in partialFingerprints (versioned: a new way of computing it gets a new key). */
export const FINGERPRINT_KEY = 'tokenErrorHelp/v1';

/** What each rule checks, in one sentence (the rule's shortDescription). */
export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
	[RuleId.recognizedError]: 'An OAuth 2.0 / OpenID Connect error code the catalog knows, with its likely cause.',
	[RuleId.vendorCode]: 'A vendor error code (such as AADSTS or Okta E0000 codes, SDK exception names) the catalog knows.',
	[RuleId.httpStatus]: 'An HTTP error status that says something on its own (401, 403, 429, 5xx…).',
	[RuleId.unknownCode]: 'An error value that is neither a standard code nor one the catalog knows for the vendor.',
	[RuleId.statusMismatch]: 'The HTTP status does not match the one the error code is sent with.',
	[RuleId.errorWith200]: 'An error body sent with HTTP 200.',
	[RuleId.missingWwwAuthenticate]: 'An HTTP 401 response without a WWW-Authenticate header.',
	[RuleId.malformedChallenge]: 'A WWW-Authenticate challenge that does not follow the header syntax.',
	[RuleId.contentTypeMismatch]: 'The Content-Type header does not match the body.',
	[RuleId.errorNotJson]: 'A token-endpoint error response whose body is not JSON.',
	[RuleId.missingNoStore]: 'A response carrying tokens without Cache-Control: no-store.',
	[RuleId.invalidErrorChars]: 'An error code or description with characters OAuth 2.0 does not allow.',
	[RuleId.problemStatusMismatch]: 'Problem details (RFC 9457) whose status differs from the HTTP status.',
	[RuleId.secretExposed]: 'A credential (token, client secret, password, cookie) in the text.',
	[RuleId.pollingAdvice]: 'Device-flow polling answers (authorization_pending, slow_down) and how to poll.',
	[RuleId.supportIds]: 'Trace and correlation ids to quote when contacting the provider\'s support.',
	[RuleId.tokenRequestGet]: 'A token request sent with GET instead of POST.',
	[RuleId.tokenRequestNotForm]: 'A token request whose body is not application/x-www-form-urlencoded.',
	[RuleId.missingGrantType]: 'A token request without grant_type.',
	[RuleId.unknownGrantType]: 'A token request with a grant_type no specification defines.',
	[RuleId.missingParameter]: 'A token request without a parameter its grant type needs.',
	[RuleId.multipleClientAuth]: 'A token request that authenticates the client in more than one way.',
	[RuleId.secretInUrl]: 'A credential in a URL, where logs and proxies keep it.',
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * The SARIF log of `results`. `uri` gives the relative URI of a file (standard input is "stdin").
 * Returned as an object; the caller serialises it.
 */
export function toSarif(results: readonly FileResult[], uri: (file: string) => string, version: string): object {
	const ruleIds = Object.values(RuleId) as string[];
	const rules = ruleIds.map(id => ({
		id,
		shortDescription: { text: RULE_DESCRIPTIONS[id] ?? id },
		...(ruleReferences[id]?.url ? { helpUri: ruleReferences[id].url } : {}),
	}));
	const sarifResults: object[] = [];
	for (const result of results) {
		const artifact = uri(result.file);
		const seen = new Map<string, number>();
		for (const f of locatedFindings(result)) {
			const hash = fingerprint(f);
			const n = (seen.get(hash) ?? 0) + 1;
			seen.set(hash, n);
			const ruleIndex = ruleIds.indexOf(f.rule);
			sarifResults.push({
				ruleId: f.rule,
				...(ruleIndex >= 0 ? { ruleIndex } : {}),
				level: LEVEL[f.severity],
				message: { text: f.message },
				locations: [{ physicalLocation: { artifactLocation: { uri: artifact }, region: f.region } }],
				// The same finding on identical lines is told apart by its order among them.
				partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
			});
		}
	}
	return {
		$schema: SARIF_SCHEMA_URI,
		version: '2.1.0',
		runs: [{
			tool: { driver: { name: 'token-error-help', version, semanticVersion: version, rules } },
			columnKind: 'utf16CodeUnits',
			results: sarifResults,
		}],
	};
}

/**
 * A stable hash of what a finding is, not where: rule, catalog entry and the text of its line
 * (secrets replaced, surrounding spaces trimmed), so it survives lines moving up or down.
 */
function fingerprint(f: LocatedFinding): string {
	return createHash('sha256').update(`${f.rule}\u0000${f.entryId ?? ''}\u0000${f.lineText}`).digest('hex').slice(0, 32);
}
