import * as assert from 'node:assert/strict';
import { analyze, hoverAt } from '../../src/core';

function hover(text: string, needle: string, delta = 1) {
	const analysis = analyze(text);
	const at = text.indexOf(needle);
	assert.ok(at >= 0, `"${needle}" in the input`);
	return hoverAt(analysis, at + delta, undefined, span => text.slice(span.start, span.end));
}

const ENTRA = 'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}';

suite('hoverAt', () => {
	test('an error code: entry title, the diagnosis first, its steps, the status and the vendor', () => {
		const h = hover(ENTRA, 'invalid_client')!;
		assert.equal(ENTRA.slice(h.span.start, h.span.end), 'invalid_client');
		assert.match(h.markdown, /^\*\*Client authentication failed \(Entra\)\*\* · `invalid_client`/);
		assert.match(h.markdown, /\*\*Most likely:\*\* .*secret.*\((high|medium) confidence\)/i);
		assert.match(h.markdown, /\*\*What to do:\*\*\n- /);
		assert.match(h.markdown, /HTTP 401/);
		assert.equal(h.message.diagnosis?.kind, 'client-secret-wrong');
	});

	test('a vendor code in the description', () => {
		const h = hover(ENTRA, 'AADSTS7000215')!;
		assert.equal(ENTRA.slice(h.span.start, h.span.end), 'AADSTS7000215');
		assert.match(h.markdown, /Invalid client secret/);
		assert.match(h.markdown, /\(https:\/\/login\.microsoftonline\.com\/error\?code=7000215\)/);
	});

	test('a status line without an error code', () => {
		const text = 'HTTP/1.1 503 Service Unavailable\nRetry-After: 30\n';
		assert.match(hover(text, 'Service')!.markdown, /503/);
	});

	test('an unknown code suggests the closest known one, with the pasted value escaped', () => {
		const text = 'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grand"}';
		assert.match(hover(text, 'invalid_grand')!.markdown, /Unknown error code\*\* `invalid_grand` — did you mean `invalid_grant`\?/);
	});

	test('a secret: kind, length and harmless JWT claims, never the value or personal claims', () => {
		const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUuY29tIiwiYXVkIjoiYXBpIiwiZXhwIjoxNzAwMDAwMDAwLCJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
		const text = `HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"access_token":"${jwt}"}`;
		const h = hover(text, jwt, 5)!;
		assert.match(h.markdown, /^\*\*An access token\*\*: access_token, 182 chars, JWT/);
		assert.match(h.markdown, /expired/);
		assert.ok(!h.markdown.includes(jwt.slice(0, 16)), 'no part of the token');
		assert.ok(!h.markdown.includes('alice'), 'no subject claim');
	});

	test('plain text has no hover', () => {
		assert.equal(hover('Nothing to see here, just words.', 'words'), undefined);
	});
});
