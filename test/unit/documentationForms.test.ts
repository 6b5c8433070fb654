import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { isPlaceholder } from '../../src/core/secrets/placeholders';

/** Codes reported (not taken as documentation) in `text`. */
function reported(text: string): string[] {
	return analyze(text).messages.flatMap(m => [...m.errors, ...m.vendorCodes].filter(e => !e.inProse).map(e => e.code));
}

/** Codes seen at all, documentation included (what hovers cover). */
function seen(text: string): string[] {
	return analyze(text).messages.flatMap(m => [...m.errors, ...m.vendorCodes].map(e => e.code));
}

suite('documentation forms stay documentation', () => {
	const docs: Array<[string, string]> = [
		['an RFC definition list (term, two spaces, hanging indent)', '   The following additional error code is defined:\n\n   unsupported_token_type:  The authorization server does not support\n      the revocation of the presented token type.\n'],
		['an OpenID definition list (term alone, definition indented below)', 'interaction_required\n    The Authorization Server requires End-User interaction of some form to proceed. This error MAY be returned.\nconsent_required\n    The Authorization Server requires End-User consent. This error MAY be returned.\n'],
		['an SQL insert of a catalog table', "INSERT INTO oauth_errors (code, http_status, summary) VALUES\n    ('invalid_client', 401, 'Client authentication failed.'),\n    ('invalid_grant', 400, 'The grant is invalid.');\n"],
		['a test plan step naming the expected error', 'Scenario: reuse of a rotated refresh token\n    Then the response status is 400\n    And the expected error value is "invalid_grant"\n'],
	];
	for (const [name, text] of docs) {
		test(name, () => {
			assert.deepEqual(reported(text), [], 'nothing reported');
			assert.ok(seen(text).length > 0, 'the codes are still recognised (for hovers)');
		});
	}

	test('an error line above a stack trace is still reported (a stack frame is not a definition)', () => {
		assert.deepEqual(reported('invalid_grant: Invalid authorization code\n    at TokenClient.exchange (client.js:10:5)\n'), ['invalid_grant']);
	});

	test('a row of values that is not the start of its line is not a catalog row', () => {
		assert.ok(reported('HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_client"}\n').includes('invalid_client'));
	});
});

suite('placeholders written percent-encoded or between mask characters', () => {
	for (const v of ['%E2%80%A6redacted%E2%80%A6', '…redacted…', '***removed***', '--hidden--']) {
		test(`${v} is a placeholder`, () => assert.equal(isPlaceholder(v), true));
	}
	for (const v of ['Zk3Jq9vX2mP7sL4tR8wY', 'abc%2Fdef123456789xyzQ', 'rt_Xw3Km8Qp1Zs6Vn4Bt9Gy2Hc7Jf5Dr0La']) {
		test(`${v} is not`, () => assert.equal(isPlaceholder(v), false));
	}
});
