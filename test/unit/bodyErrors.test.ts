import * as assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core';
import { readJsonBody } from '../../src/core/parse/jsonBody';
import { errorsFromJson } from '../../src/core/recognize/bodyErrors';

/** The error codes that errorsFromJson reads from a JSON body, as written. */
function codesIn(json: string): string[] {
	return errorsFromJson(json, readJsonBody(json, 0, json.length), bundledCatalog()).errors.map(e => e.code);
}

interface Row {
	name: string;
	input: string;
	/** The `error` / `errorCode` values taken as error codes. */
	codes: string[];
}

const rows: Row[] = [
	// Codes are taken as written.
	{ name: 'RFC 6749 error', input: '{"error":"invalid_grant","error_description":"Code expired"}', codes: ['invalid_grant'] },
	{ name: 'errorCode naming a failure', input: '{"errorCode":"ACCOUNT_LOCKED_OUT","message":"Too many attempts"}', codes: ['ACCOUNT_LOCKED_OUT'] },
	{ name: 'an unknown code', input: '{"error":"invalid_grand"}', codes: ['invalid_grand'] },
	{ name: 'an RFC 6749 error object keeps a code with spaces', input: '{"error":"Bad Thing","error_description":"Something broke"}', codes: ['Bad Thing'] },
	// AICRisk's "Unauthorized" is its problem+json `title`, read as such; in `error` it is Spring Boot's reason phrase.
	{ name: 'a reason phrase in error is no code, even one a vendor uses as a title', input: '{"type":"about:blank","error":"Unauthorized"}', codes: [] },
	{ name: 'documentation placeholders', input: '{ "error": "…", "error_description": "…" }', codes: [] },
	{ name: 'an angle-bracket placeholder', input: '{"error":"<code>","error_description":"<text>"}', codes: [] },

	// Reason phrases and success markers are not error codes.
	{ name: 'NestJS default 404', input: '{"message":"Cannot GET /api/v1/orderz","error":"Not Found","statusCode":404}', codes: [] },
	{ name: 'NestJS 403 (one-word reason phrase)', input: '{"statusCode":403,"message":"Forbidden resource","error":"Forbidden"}', codes: [] },
	{ name: 'Spring Boot default 500', input: '{"timestamp":"2025-10-14T08:22:31.120+00:00","status":500,"error":"Internal Server Error","path":"/api/cart/summary"}', codes: [] },
	{ name: 'errorCode SUCCESS', input: '{"errorCode":"SUCCESS","msg":"ok","data":{"id":7781}}', codes: [] },
	{ name: 'errorCode "0"', input: '{"errorCode":"0","data":[]}', codes: [] },
	{ name: 'error "OK"', input: '{"error":"OK"}', codes: [] },
	{ name: 'Azure Monitor: nested errorCode Success', input: '{"cost":0,"value":[{"id":"/subscriptions/x/metrics/Requests","errorCode":"Success"}],"namespace":"Microsoft.Web/sites"}', codes: [] },

	// Codes only OpenID Federation defines need federation context in the body.
	{ name: 'CouchDB not_found', input: '{"error":"not_found","reason":"missing"}', codes: [] },
	{ name: 'generic validation_failed (a Federation alias)', input: '{"error":"validation_failed","fields":["email"]}', codes: [] },
	{ name: 'Federation not_found naming an entity', input: '{"error":"not_found","error_description":"Entity https://rp.example.com is not known"}', codes: ['not_found'] },
	{ name: 'Federation invalid_trust_anchor next to a trust_anchor member', input: '{"error":"invalid_trust_anchor","trust_anchor":"https://ta.example.com"}', codes: ['invalid_trust_anchor'] },
	{ name: 'a code that is not Federation-only stays', input: '{"error":"invalid_request","reason":"missing"}', codes: ['invalid_request'] },
];

suite('bodyErrors: which JSON values are error codes', () => {
	for (const row of rows) {
		test(row.name, () => assert.deepEqual(codesIn(row.input), row.codes));
	}
});
