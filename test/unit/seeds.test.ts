import * as assert from 'node:assert/strict';
import { analyze, bundledCatalog, explainMessage, matchCause, RuleId, type ErrorMention, type HttpMessage } from '../../src/core';
import { errorWithin, findingOf, fixture, linesOf, onlyReported, reported, rulesOf, spanOf } from './seedHelpers';

/*
 * Every error example of the five seed pages (test/fixtures/seeds holds the
 * pasted snippets, copied verbatim; seed 000's code blocks are de-indented as
 * a reader would copy them). Each example: what is recognised, where, and how
 * it is explained.
 */

const seed = (name: string) => fixture('seeds', name);

/** explainMessage's headline names the code; cause and steps are there and on topic. */
function assertExplained(text: string, message: HttpMessage, code: string, topic: RegExp): void {
	const explanation = explainMessage(text, message);
	assert.ok(explanation.headline.includes(code), `headline "${explanation.headline}" does not name ${code}`);
	assert.ok(explanation.cause, 'no cause');
	assert.match(explanation.cause, topic, `cause "${explanation.cause}" is off topic`);
	assert.ok(explanation.steps.length > 0, 'no steps');
	assert.ok(explanation.steps.every(s => s.trim().length > 0), 'an empty step');
}

/**
 * A code in a documentation table or prose of a seed page: recognised (its
 * entry, for hovers and Explain Response) and explained, but documentation,
 * so no finding reports it as a problem.
 */
function assertDocumented(text: string, error: ErrorMention, message: HttpMessage): void {
	assert.equal(error.inProse, true, `${error.code} is not taken as documentation`);
	assert.ok(!message.findings.some(f => f.span.start === error.span.start), `${error.code} is reported`);
	assert.ok(explainMessage(text, message).codes.includes(error.code), `${error.code} is not explained`);
}

suite('seed 000: AICRisk token endpoint errors', () => {
	const plainText = [
		{ example: '1. missing client_id', file: '000-1-invalid-client-id.txt', code: 'Invalid client_id', entry: 'aicrisk.invalid_client_id', topic: /client_id/ },
		{ example: '2. code used or expired', file: '000-2-invalid-code.txt', code: 'Invalid Code', entry: 'aicrisk.invalid_code', topic: /code/ },
		{ example: '4. missing client_secret', file: '000-4-invalid-client-secret.txt', code: 'Invalid client_secret', entry: 'aicrisk.invalid_client_secret', topic: /client_secret is missing/ },
	];
	for (const row of plainText) {
		test(`${row.example}: 400 text/plain "${row.code}"`, () => {
			const text = seed(row.file);
			const m = onlyReported(analyze(text));
			assert.equal(m.kind, 'response');
			assert.equal(m.status, 400);
			assert.equal(m.reason, 'Bad Request');
			assert.equal(m.vendor, 'aicrisk');
			assert.equal(m.contentType, 'text/plain');
			assert.equal(m.bodyFormat, 'text');
			assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.source, e.span]), [[row.code, row.entry, 'body', spanOf(text, row.code)]]);
			assert.deepEqual(m.vendorCodes, []);
			assert.deepEqual(m.secrets, [], 'ARRAffinity=SOME_VALUE is a placeholder');
			assert.equal(findingOf(m, RuleId.recognizedError).entryId, row.entry);
			assert.deepEqual(findingOf(m, RuleId.errorNotJson).span, m.body);
			assert.ok(!rulesOf(m).includes(RuleId.missingWwwAuthenticate));
			assertExplained(text, m, row.code, row.topic);
		});
	}

	const problems = [
		{ example: '3. client_id not valid', file: '000-3-problem-401-client-id.txt', traceId: '00-de61877dd04ebafff7c1676b5b6e9532-5debd224217a8b45-00' },
		{ example: '5. client_secret not valid', file: '000-5-problem-401-client-secret.txt', traceId: '00-c6bf787605465c8897a36d5957f00fb5-fd988d1c79cd27ed-00' },
	];
	for (const row of problems) {
		test(`${row.example}: 401 problem+json with traceId`, () => {
			const text = seed(row.file);
			const m = onlyReported(analyze(text));
			assert.equal(m.kind, 'response');
			assert.equal(m.status, 401);
			assert.equal(m.vendor, 'aicrisk');
			assert.equal(m.contentType, 'application/problem+json');
			assert.equal(m.bodyFormat, 'problem+json');
			assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span]), [['Unauthorized', 'aicrisk.problem-unauthorized', spanOf(text, 'Unauthorized', text.indexOf('"title"'))]]);
			assert.deepEqual(m.secrets, []);
			const traceSpan = spanOf(text, row.traceId);
			assert.deepEqual(m.facts.filter(f => f.support).map(f => [f.label, f.value, f.span]), [['Trace ID', row.traceId, traceSpan]]);
			assert.deepEqual(findingOf(m, RuleId.missingWwwAuthenticate).span, spanOf(text, '401'));
			assert.deepEqual(findingOf(m, RuleId.supportIds).span, traceSpan);
			assert.equal(findingOf(m, RuleId.recognizedError).entryId, 'aicrisk.problem-unauthorized');
			for (const absent of [RuleId.errorNotJson, RuleId.problemStatusMismatch, RuleId.contentTypeMismatch]) assert.ok(!rulesOf(m).includes(absent), absent);
			assertExplained(text, m, 'Unauthorized', /client_id|client_secret/);
			const explanation = explainMessage(text, m);
			assert.ok(explanation.steps.some(s => s.includes('traceId')), 'no step about quoting the traceId');
			assert.ok(explanation.facts.some(f => f.value === row.traceId), 'traceId not among the facts');
		});
	}

	test('3. the problem body as printed by Python: traceId is a support id', () => {
		const text = seed('000-3-python-problem-json.txt');
		const traceId = '00-b7704abbc12b42d34f405553b712bac7-2885ab6a78ee25ea-00';
		const m = onlyReported(analyze(text));
		assert.equal(m.bodyFormat, 'problem+json');
		assert.deepEqual(m.facts.filter(f => f.support).map(f => [f.label, f.value, f.span]), [['Trace ID', traceId, spanOf(text, traceId)]]);
		assert.deepEqual(findingOf(m, RuleId.supportIds).span, spanOf(text, traceId));
	});

	test('6. bare 401 with "Invalid client_secret": the wrong-secret cause, not the missing-secret one', () => {
		const text = seed('000-6-bare-401-invalid-client-secret.txt');
		const m = onlyReported(analyze(text));
		assert.equal(m.kind, 'response');
		assert.equal(m.status, 401);
		assert.equal(m.vendor, 'aicrisk');
		assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span]), [['Invalid client_secret', 'aicrisk.invalid_client_secret', spanOf(text, 'Invalid client_secret')]]);
		assert.ok(rulesOf(m).includes(RuleId.errorNotJson));
		assertExplained(text, m, 'Invalid client_secret', /wrong/);
		assert.ok(!explainMessage(text, m).cause?.includes('HTTP 400'), 'a 401 is explained with the HTTP 400 cause');
	});

	test('the whole page pasted: six responses, in order', () => {
		const text = seed('000-page.txt');
		const responses = reported(analyze(text)).filter(m => m.kind === 'response');
		assert.deepEqual(responses.map(m => [m.status, m.vendor, m.errors.map(e => e.entry?.id)]), [
			[400, 'aicrisk', ['aicrisk.invalid_client_id']],
			[400, 'aicrisk', ['aicrisk.invalid_code']],
			[401, 'aicrisk', ['aicrisk.problem-unauthorized']],
			[400, 'aicrisk', ['aicrisk.invalid_client_secret']],
			[401, 'aicrisk', ['aicrisk.problem-unauthorized']],
			[401, 'aicrisk', ['aicrisk.invalid_client_secret']],
		]);
		assert.deepEqual(analyze(text).messages.flatMap(m => m.secrets), [], 'the page only has SOME_VALUE placeholders');
	});
});

suite('seed 001: Azure AD token issuance endpoint', () => {
	test('AADSTS90011 example: invalid_request, vendor code twice, trace and correlation ids', () => {
		const text = seed('001-aadsts90011.txt');
		const m = onlyReported(analyze(text));
		assert.equal(m.kind, 'response');
		assert.equal(m.status, 400);
		assert.equal(m.vendor, 'entra');
		assert.equal(m.contentType, 'application/json');
		assert.equal(m.bodyFormat, 'json');
		assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.source, e.span]), [['invalid_request', 'oauth.invalid_request', 'json', spanOf(text, 'invalid_request')]]);
		assert.ok(m.errors[0].description?.startsWith('AADSTS90011: Request is ambiguous'));
		const inDescription = spanOf(text, 'AADSTS90011');
		const inErrorCodes = spanOf(text, '90011', text.indexOf('"error_codes"'));
		assert.deepEqual(m.vendorCodes.map(v => [v.code, v.entry?.id, v.span]).sort((a, b) => (a[2] as { start: number }).start - (b[2] as { start: number }).start), [
			['AADSTS90011', 'entra.AADSTS90011', inDescription],
			['AADSTS90011', 'entra.AADSTS90011', inErrorCodes],
		]);
		const traceId = '4457d068-2a03-42b2-97f2-d55325289d86';
		const correlationId = '6b3474d8-233e-463f-b0a3-86433d8ba889';
		const traceSpan = spanOf(text, traceId, text.indexOf('"trace_id"'));
		assert.deepEqual(m.facts.filter(f => f.support).map(f => [f.label, f.value, f.span]), [
			['Trace ID', traceId, traceSpan],
			['Correlation ID', correlationId, spanOf(text, correlationId, text.indexOf('"correlation_id"'))],
		]);
		assert.equal(findingOf(m, RuleId.recognizedError).entryId, 'oauth.invalid_request');
		assert.equal(findingOf(m, RuleId.vendorCode).entryId, 'entra.AADSTS90011');
		assert.deepEqual(findingOf(m, RuleId.supportIds).span, traceSpan);
		assert.equal(findingOf(m, RuleId.invalidErrorChars).severity, 'hint', 'the description holds \\r\\n');
		assert.ok(!rulesOf(m).includes(RuleId.statusMismatch));
		assertExplained(text, m, 'invalid_request', /client_id/);
		const explanation = explainMessage(text, m);
		assert.ok(explanation.codes.includes('AADSTS90011'));
		assert.ok(explanation.facts.some(f => f.label === 'Vendor code' && f.value === 'AADSTS90011'));
		assert.ok(explanation.steps[0].includes('one client_id'), `first step: ${explanation.steps[0]}`);
	});

	suite('error code table: each row\'s code', () => {
		const text = seed('001-error-code-table.txt');
		const analysis = analyze(text);
		const rows: Array<[string, string]> = [
			['invalid_request', 'oauth.invalid_request'],
			['invalid_grant', 'oauth.invalid_grant'],
			['unauthorized_client', 'oauth.unauthorized_client'],
			['invalid_client', 'oauth.invalid_client'],
			['unsupported_grant_type', 'oauth.unsupported_grant_type'],
			['invalid_resource', 'entra.invalid_resource'],
			['interaction_required', 'oidc.interaction_required'],
			['temporarily_unavailable', 'oauth.temporarily_unavailable'],
		];
		for (const [code, entry] of rows) {
			test(code, () => {
				const line = linesOf(text).find(l => l.text.trim() === code);
				assert.ok(line, `row ${code} not in the fixture`);
				const { error, message } = errorWithin(analysis, code, line.span);
				assert.deepEqual(error.span, { start: line.span.start, end: line.span.start + code.length });
				assert.equal(error.entry?.id, entry);
				assertDocumented(text, error, message);
			});
		}
	});
});

suite('seed 002: Authlete /auth/token/fail actions', () => {
	const actions = [
		{ action: 'INTERNAL_SERVER_ERROR', file: '002-internal-server-error.txt', status: 500, step: 'Return HTTP 500' },
		{ action: 'BAD_REQUEST', file: '002-bad-request.txt', status: 400, step: 'Return HTTP 400' },
	];
	for (const row of actions) {
		test(`action ${row.action} in the page's prose`, () => {
			const text = seed(row.file);
			const analysis = analyze(text);
			// The page documents the action: it is recognised and explained (hover, Explain), not reported as a problem.
			assert.deepEqual(reported(analysis), []);
			const m = analysis.messages.find(x => x.vendorCodes.length)!;
			assert.equal(m.kind, 'fragment');
			assert.deepEqual(m.errors, []);
			const span = spanOf(text, row.action, text.indexOf('ofaction is'));
			assert.deepEqual(m.vendorCodes.map(v => [v.code, v.entry?.id, v.span, v.inProse]), [[row.action, `authlete.${row.action}`, span, true]]);
			assert.deepEqual(m.vendorCodes[0].entry?.status, [row.status]);
			assert.deepEqual(m.findings, []);
			assert.equal(m.vendor, 'authlete', 'an Authlete action names its vendor');
			assertExplained(text, m, row.action, /Authlete|responseContent/);
			assert.ok(explainMessage(text, m).steps.some(s => s.startsWith(row.step)), `no "${row.step}" step`);
		});
	}

	// The seed describes the API response (resultCode, resultMessage, action,
	// responseContent) without showing one; these bodies follow that description.
	const apiResponses = [
		{
			action: 'INTERNAL_SERVER_ERROR', error: 'server_error', entry: 'oauth.server_error', step: 'Return HTTP 500',
			body: '{"resultCode":"A001101","resultMessage":"[A001101] /auth/token/fail, Authlete Server error.","action":"INTERNAL_SERVER_ERROR","responseContent":"{\\"error\\":\\"server_error\\",\\"error_description\\":\\"[A001101] /auth/token/fail, Authlete Server error.\\",\\"error_uri\\":\\"https://docs.authlete.com/#A001101\\"}"}',
		},
		{
			action: 'BAD_REQUEST', error: 'invalid_request', entry: 'oauth.invalid_request', step: 'Return HTTP 400',
			body: '{"resultCode":"A067301","resultMessage":"[A067301] The credentials (username & password) passed to the token endpoint are invalid.","action":"BAD_REQUEST","responseContent":"{\\"error_description\\":\\"[A067301] The credentials (username & password) passed to the token endpoint are invalid.\\",\\"error\\":\\"invalid_request\\",\\"error_uri\\":\\"https://docs.authlete.com/#A067301\\"}"}',
		},
	];
	for (const row of apiResponses) {
		test(`/auth/token/fail response with action ${row.action}: the action and the client's error inside responseContent`, () => {
			const text = row.body;
			const m = onlyReported(analyze(text));
			assert.equal(m.vendor, 'authlete');
			assert.deepEqual(m.vendorCodes.map(v => [v.code, v.entry?.id, v.span]), [[row.action, `authlete.${row.action}`, spanOf(text, row.action, text.indexOf('"action"'))]]);
			assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span]), [[row.error, row.entry, spanOf(text, row.error, text.indexOf('responseContent'))]]);
			const explanation = explainMessage(text, m);
			assert.ok(explanation.headline.includes(row.error), explanation.headline);
			assert.equal(explanation.cause, matchCause(bundledCatalog().byId(`authlete.${row.action}`)!, m.vendorCodes[0].description, m.vendor, m.status, m.location)?.text);
			assert.ok(explanation.steps.some(s => s.startsWith(row.step)), `no "${row.step}" step`);
		});
	}
});

suite('seed 003: troubleshooting tables', () => {
	// Statuses of seed 003's table (seed 001's 400/401/403/500 are among them), each pasted as a status line.
	const statuses: Array<[number, string, RegExp]> = [
		[400, 'Bad Request', /parameter/],
		[401, 'Unauthorized', /client_secret|access token/i],
		[403, 'Forbidden', /scope/],
		[404, 'Not Found', /URL/],
		[405, 'Method Not Allowed', /GET/],
		[500, 'Internal Server Error', /server|provider|outage/i],
		[503, 'Service Unavailable', /maintenance|overload/i],
	];
	for (const [status, reason, topic] of statuses) {
		test(`HTTP/1.1 ${status} ${reason}`, () => {
			const text = `HTTP/1.1 ${status} ${reason}`;
			const m = onlyReported(analyze(text));
			assert.equal(m.kind, 'response');
			assert.equal(m.status, status);
			assert.equal(m.reason, reason);
			assert.deepEqual(m.errors, []);
			assert.deepEqual(m.findings.map(f => [f.rule, f.entryId, f.span]), [[RuleId.httpStatus, `http.${status}`, spanOf(text, String(status))]]);
			assertExplained(text, m, String(status), topic);
		});
	}

	const tables = [
		{ file: '003-oauth-error-table.txt', rows: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'access_denied', 'server_error', 'temporarily_unavailable'] },
		{ file: '003-token-error-table.txt', rows: ['invalid_token', 'insufficient_scope'] },
	];
	for (const table of tables) {
		suite(`${table.file}: each row's code, with its standard entry`, () => {
			const text = seed(table.file);
			const analysis = analyze(text);
			for (const code of table.rows) {
				test(code, () => {
					const line = linesOf(text).find(l => l.text.startsWith(`${code} | `));
					assert.ok(line, `row ${code} not in the fixture`);
					const { error, message } = errorWithin(analysis, code, line.span);
					assert.deepEqual(error.span, { start: line.span.start, end: line.span.start + code.length });
					// A vendor-neutral page: nothing here points at Okta, Keycloak or any other vendor.
					assert.equal(error.entry?.id, `oauth.${code}`);
					assertDocumented(text, error, message);
				});
			}
		});
	}
});

suite('seed 004: Akoya token errors', () => {
	const OBTAIN_CAUSE = 'Obtain: the code from the authorization step is wrong, missing or expired.';
	const REVOKE_CAUSE = 'Revoke: refresh_token, client_id or client_secret is missing, invalid or claimed by another client (no error_description).';

	for (const file of ['004-obtain-example.txt', '004-refresh-example.txt']) {
		test(`${file}: the example payload`, () => {
			const text = seed(file);
			const m = onlyReported(analyze(text));
			assert.equal(m.kind, 'fragment');
			assert.equal(m.bodyFormat, 'json');
			assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span, e.description]), [['invalid_request', 'akoya.invalid_request', spanOf(text, 'invalid_request'), 'Invalid or expired code parameter.']]);
			assert.equal(findingOf(m, RuleId.recognizedError).entryId, 'akoya.invalid_request');
			assertExplained(text, m, 'invalid_request', /code/);
			assert.equal(explainMessage(text, m).cause, OBTAIN_CAUSE);
		});
	}

	test('004-revoke-example.txt alone: nothing names Akoya, so the standard entry', () => {
		const text = seed('004-revoke-example.txt');
		const m = onlyReported(analyze(text));
		assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span]), [['invalid_request', 'oauth.invalid_request', spanOf(text, 'invalid_request')]]);
	});

	test('004-revoke-example.txt as the answer to a revoke request sent to Akoya', () => {
		const body = seed('004-revoke-example.txt');
		const text = `POST https://sandbox-idp.ddp.akoya.com/revoke\nContent-Type: application/x-www-form-urlencoded\n\ntoken={{refreshToken}}&token_type_hint=refresh_token\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${body}`;
		const m = analyze(text).messages.find(x => x.kind === 'response');
		assert.ok(m);
		assert.equal(m.vendor, 'akoya');
		assert.equal(m.location, 'revocation');
		assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span]), [['invalid_request', 'akoya.invalid_request', spanOf(text, 'invalid_request', text.indexOf('HTTP/1.1'))]]);
		assertExplained(text, m, 'invalid_request', /Revoke/);
		assert.equal(explainMessage(text, m).cause, REVOKE_CAUSE);
	});

	const rows = [
		{ table: '004-obtain-table.txt', code: 'invalid_request', description: 'Invalid or expired code parameter', entry: 'akoya.invalid_request', cause: OBTAIN_CAUSE },
		{ table: '004-obtain-table.txt', code: 'invalid_request', description: 'redirect_uri did not match URI from initial request', entry: 'akoya.invalid_request', cause: 'Obtain: redirect_uri differs from the one in the authorization request or is not registered with Akoya.' },
		{ table: '004-obtain-table.txt', code: 'invalid_grant', description: 'Missing or incorrect grant_type field. Must be authorization_code', entry: 'akoya.invalid_grant', cause: 'Obtain request without grant_type=authorization_code.' },
		{ table: '004-obtain-table.txt', code: 'invalid_client', description: 'Invalid client credentials.', entry: 'akoya.invalid_client', cause: 'client_id or client_secret is incorrect, e.g. from another environment or rotated.', sharedWording: true },
		{ table: '004-refresh-table.txt', code: 'invalid_request', description: 'No refresh token in request', entry: 'akoya.invalid_request', cause: 'Refresh: the refresh_token parameter is absent from the request.' },
		{ table: '004-refresh-table.txt', code: 'invalid_request', description: 'Refresh token is invalid or has already been claimed by another client.', entry: 'akoya.invalid_request', cause: 'Refresh: the refresh token is wrong, expired, or already used; each refresh returns a new one and the old one is spent.' },
		{ table: '004-refresh-table.txt', code: 'invalid_grant', description: 'Missing or incorrect grant_type field. Must be refresh_token', entry: 'akoya.invalid_grant', cause: 'Refresh request without grant_type=refresh_token.' },
		{ table: '004-refresh-table.txt', code: 'invalid_client', description: 'Invalid client credentials.', entry: 'akoya.invalid_client', cause: 'client_id or client_secret is incorrect, e.g. from another environment or rotated.', sharedWording: true },
	];
	for (const row of rows) {
		test(`${row.table}: ${row.code} "${row.description}"`, () => {
			const table = seed(row.table);
			const line = linesOf(table).find(l => l.text.includes(`| ${row.code} | ${row.description}`));
			assert.ok(line, 'row not in the fixture');
			errorWithin(analyze(table), row.code, line.span);

			// "Invalid client credentials." is also Salesforce's wording, so on its own it names no vendor;
			// with the Akoya host in view the Akoya entry is chosen.
			const body = JSON.stringify({ error: row.code, error_description: row.description });
			if ('sharedWording' in row) assert.equal(onlyReported(analyze(body)).errors[0].entry?.id, 'oauth.invalid_client');
			const text = 'sharedWording' in row ? `POST https://sandbox-idp.ddp.akoya.com/token\n\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n${body}` : body;
			const m = 'sharedWording' in row ? analyze(text).messages.find(x => x.kind === 'response')! : onlyReported(analyze(text));
			assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id, e.span]), [[row.code, row.entry, spanOf(text, row.code, text.indexOf('{'))]]);
			const entry = bundledCatalog().byId(row.entry)!;
			assert.equal(matchCause(entry, row.description, 'akoya')?.text, row.cause);
			assert.equal(matchCause(entry, row.description, m.vendor, m.status, m.location)?.text, row.cause);
			assertExplained(text, m, row.code, /./);
			assert.equal(explainMessage(text, m).cause, row.cause);
		});
	}

	// The revoke table has no error_description column; the Akoya host names the vendor.
	const revokeRows = [
		{ code: 'invalid_request', entry: 'akoya.invalid_request', cause: REVOKE_CAUSE },
		{ code: 'unsupported_token_type', entry: 'akoya.unsupported_token_type', cause: 'token_type_hint missing or set to another value such as access_token.' },
	];
	for (const row of revokeRows) {
		test(`004-revoke-table.txt: ${row.code}`, () => {
			const table = seed('004-revoke-table.txt');
			const line = linesOf(table).find(l => l.text.includes(`| ${row.code} |`));
			assert.ok(line, 'row not in the fixture');
			errorWithin(analyze(table), row.code, line.span);

			const text = `POST https://sandbox-idp.ddp.akoya.com/revoke\nContent-Type: application/x-www-form-urlencoded\n\ntoken={{refreshToken}}&token_type_hint=access_token\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"${row.code}"}`;
			const m = analyze(text).messages.find(x => x.kind === 'response');
			assert.ok(m);
			assert.equal(m.vendor, 'akoya');
			assert.deepEqual(m.errors.map(e => [e.code, e.entry?.id]), [[row.code, row.entry]]);
			assert.equal(matchCause(bundledCatalog().byId(row.entry)!, undefined, m.vendor, m.status, m.location)?.text, row.cause);
			assertExplained(text, m, row.code, /./);
			assert.equal(explainMessage(text, m).cause, row.cause);
		});
	}
});
