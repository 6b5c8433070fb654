import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import type { Diagnosis } from '../../src/core/recognize/model';
import { stepApplies, uniqueSteps } from '../../src/core/recognize/steps';

/** The diagnosis of the first message that has one. */
function diagnosisOf(text: string): Diagnosis {
	const d = analyze(text).messages.find(m => m.diagnosis)?.diagnosis;
	assert.ok(d, 'a diagnosis');
	return d;
}

suite('diagnosis evidence from the whole paste', () => {
	test('empty Basic credentials (an unset variable: "Og==" is ":") are a placeholder, not a wrong secret', () => {
		const d = diagnosisOf([
			'> POST /oauth/token HTTP/1.1', '> Host: 127.0.0.1:5000', '> Authorization: Basic Og==', '>',
			'< HTTP/1.0 401 UNAUTHORIZED', '< Content-Type: application/json', '<', '{"error": "invalid_client"}', '',
		].join('\n'));
		assert.equal(d.kind, 'placeholder-value');
		assert.ok(d.evidence.some(e => e.includes('empty')), d.evidence.join(' | '));
	});

	test('Basic credentials that are not Base64 of id:secret point at the authentication method', () => {
		const d = diagnosisOf('curl -H "Authorization: Basic myClientId:myClientSecret" -d grant_type=client_credentials https://idp.example.com/token\n\n{"error": "invalid_client"}\n');
		assert.equal(d.kind, 'client-auth-method');
	});

	test('client_secret in the token URL\'s query string points at the authentication method', () => {
		const d = diagnosisOf('`https://idp.example.com/connect/token?grant_type=client_credentials&client_id=app&client_secret=abc123`\n\n{\n  "error": "invalid_client"\n}\n');
		assert.equal(d.kind, 'client-auth-method');
	});

	test('grant_type escaped inside a log string names the grant (password: the user\'s credentials)', () => {
		const d = diagnosisOf([
			'2015-09-12 17:12:57 Default "{\\"ClientId\\": \\"mobile\\", \\"Raw\\": {\\"grant_type\\": \\"password\\", \\"username\\": \\"usera\\"}}"',
			'2015-09-12 17:12:57 Default Returning error: invalid_grant',
		].join('\n'));
		assert.equal(d.kind, 'user-credentials-wrong');
		assert.ok(d.evidence.some(e => e.includes('grant_type=password')), d.evidence.join(' | '));
	});

	test('an error_description the parser did not attach (a Node inspect dump) is read from the object', () => {
		const d = diagnosisOf(" {\n  error: 'invalid_grant',\n  error_description: 'The code has already been used.'\n}\n");
		assert.equal(d.kind, 'code-reused');
	});

	test('a specific kind wins over the catch-all both phrases of the description name', () => {
		const d = diagnosisOf('{"error":"invalid_grant","error_description":"This authorization code has already been used."}');
		assert.equal(d.kind, 'code-reused');
		assert.equal(d.alternatives[0]?.kind, 'code-invalid');
	});

	test('a description that only lists what the code may mean decides nothing; the server\'s hint does', () => {
		const d = diagnosisOf('HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)","error_hint":"The client supports client authentication method \'client_secret_basic\', but method \'client_secret_post\' was requested."}\n');
		assert.notEqual(d.kind, 'client-id-unknown');
		assert.notEqual(d.confidence, 'high');
	});

	test('a server log line after the response backs the cause the description leaves open', () => {
		const d = diagnosisOf('{"error":"invalid_grant"}\n2024-01-01 WARN token request rejected: the code has already been used for this session\n');
		assert.equal(d.kind, 'code-reused');
	});
});

suite('diagnosis: wording that names the client authentication method or the clock', () => {
	test('a description that quotes the definition\'s example list, then states its finding, is read for the finding', () => {
		const d = diagnosisOf('{"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The OAuth 2.0 Client supports client authentication method \'client_secret_basic\', but method \'client_secret_post\' was requested."}');
		assert.equal(d.kind, 'client-auth-method');
		assert.ok(d.evidence.some(e => e.includes('authentication method')), d.evidence.join(' | '));
	});

	test('the finding after an example list is the evidence, not the list ("unknown client" in it says nothing)', () => {
		const d = diagnosisOf('{"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The requested OAuth 2.0 Client does not exist."}');
		assert.notEqual(d.kind, 'client-auth-method');
		assert.ok(!d.evidence.some(e => e.includes('unknown client')), d.evidence.join(' | '));
	});

	test('invalid_request saying the secret belongs in the Authorization header is the auth method, not a missing parameter', () => {
		const d = diagnosisOf("{ error: 'invalid_request', error_description: 'client_secret must be provided in the Authorization header' }\n");
		assert.equal(d.kind, 'client-auth-method');
	});

	test('invalid_request saying how the client is configured to authenticate is the auth method', () => {
		const d = diagnosisOf('{"error":"invalid_request","error_description":"Your client is configured to authenticate using client_secret_basic"}');
		assert.equal(d.kind, 'client-auth-method');
	});

	test('a JWT-bearer invalid_grant about the timeframe or the clock is clock skew', () => {
		const timeframe = diagnosisOf('{\n"error": "invalid_grant",\n"error_description": "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe"\n}\n');
		assert.equal(timeframe.kind, 'clock-skew');
		const clock = diagnosisOf([
			'POST /token HTTP/1.1', 'Host: idp.example.com', 'Content-Type: application/x-www-form-urlencoded', '',
			'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJSUzI1NiJ9.e30.c2ln', '',
			'HTTP/1.1 400 Bad Request', 'Content-Type: application/json', '',
			'{"error":"invalid_grant","error_description":"The assertion is not yet valid: check the clock of the client"}', '',
		].join('\n'));
		assert.equal(clock.kind, 'clock-skew');
	});

	test('a username-password call in the code names the password grant: invalid_grant is the user\'s credentials', () => {
		const d = diagnosisOf('await client.AcquireTokenByUsernamePassword(scopes, "user@example.com", password).ExecuteAsync();\n\nthrows invalid_grant error\n');
		assert.equal(d.kind, 'user-credentials-wrong');
		assert.ok(d.evidence.some(e => e.includes('password grant')), d.evidence.join(' | '));
	});

	test('a server log saying it found no client secret points invalid_client at the authentication method', () => {
		const d = diagnosisOf([
			'2016-10-17 18:23:52 [Information] Start token revocation request',
			'2016-10-17 18:23:52 [Information] Parser found no secret',
			'2016-10-17 18:23:52 [Information] No client secret found',
			'2016-10-17 18:23:52 [Information] Returning error: invalid_client',
		].join('\n'));
		assert.equal(d.kind, 'client-auth-method');
	});

	test('a bare invalid_client to a request with client_secret in the body points at the method; a description saying more wins', () => {
		const curl = "curl --request POST --url 'http://auth.example.com/oauth2/token' \\\n  --data 'grant_type=client_credentials' \\\n  --data 'client_id=messaging-client' \\\n  --data 'client_secret=s3cret'\n\nThe server responds with 401 {\"error\":\"invalid_client\"}\n";
		const bare = diagnosisOf(curl);
		assert.equal(bare.kind, 'client-auth-method');
		assert.ok(bare.evidence.some(e => e.includes('form body')), bare.evidence.join(' | '));
		const said = diagnosisOf(curl.replace('{"error":"invalid_client"}', '{"error":"invalid_client","error_description":"Invalid client secret"}'));
		assert.equal(said.kind, 'client-secret-wrong');
	});

	test('a Basic header and client_secret in the body at once is the auth method (one method per request)', () => {
		const d = diagnosisOf([
			'POST /token HTTP/1.1', 'Host: idp.example.com', 'Authorization: Basic YXBwOnMzY3JldA==', 'Content-Type: application/x-www-form-urlencoded', '',
			'grant_type=authorization_code&code=abc&client_id=app&client_secret=s3cret', '',
			'HTTP/1.1 401 Unauthorized', 'Content-Type: application/json', '', '{"error":"invalid_client"}', '',
		].join('\n'));
		assert.equal(d.kind, 'client-auth-method');
		assert.ok(d.evidence.some(e => e.includes('twice')), d.evidence.join(' | '));
	});

	test('Google\'s own invalid_grant names clock skew for its "reasonable timeframe" wording', () => {
		const text = 'POST https://oauth2.googleapis.com/token\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}\n';
		const m = analyze(text).messages.find(x => x.diagnosis);
		assert.equal(m?.vendor, 'google');
		assert.equal(m?.diagnosis?.kind, 'clock-skew');
		assert.equal(m?.diagnosis?.entryId, 'google.invalid_grant');
	});
});

suite('report steps', () => {
	test('a code-exchange step is left out for a refresh, kept when the grant is unknown', () => {
		const step = { text: 'Redeem authorization codes immediately after the redirect.' };
		assert.equal(stepApplies(step, 'refresh_token', 400, 'refresh-token-expired'), false);
		assert.equal(stepApplies(step, undefined, 400, 'code-invalid'), true);
		assert.equal(stepApplies({ text: 'Keep the refresh_token from the code exchange and refresh before it expires.' }, 'refresh_token', 400, 'refresh-token-expired'), true);
		assert.equal(stepApplies({ text: 'Use the newest refresh token.', grant: ['refresh_token'] }, 'authorization_code', 400, 'code-invalid'), false);
	});

	test('waiting for Retry-After is left out on a rejected request, kept when throttled', () => {
		const step = { text: 'For 429/5xx, wait for Retry-After and retry.' };
		assert.equal(stepApplies(step, undefined, 401, 'client-secret-wrong'), false);
		assert.equal(stepApplies(step, undefined, 429, 'rate-limited'), true);
		assert.equal(stepApplies(step, undefined, null, 'client-secret-wrong'), true);
	});

	test('the same advice in other words is listed once; a step with more advice stays', () => {
		assert.deepEqual(uniqueSteps([
			{ text: 'Send the user through interactive sign-in again.' },
			{ text: 'On expiry, revocation or interaction errors, fall back to interactive sign-in.' },
			{ text: 'Use the latest (rotated) refresh token; if it is dead, sign the user in again.' },
			{ text: 'Send the user through interactive sign-in again!' },
		]), ['Send the user through interactive sign-in again.', 'Use the latest (rotated) refresh token; if it is dead, sign the user in again.']);
	});
});
