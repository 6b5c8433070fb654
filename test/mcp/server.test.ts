import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ExplainAnswer, LookupAnswer } from '../../src/mcp/schemas';
import { assertNoLeaks, canariesIn } from '../fixtures/security/securityChecks';

// The MCP server as an assistant meets it: `node dist/cli.js mcp` spawned by the SDK's own
// client over stdio (npm run build first). The client checks every structured answer against
// the output schema the server announced, so a shape mistake fails here too.

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

/** An Entra refresh that failed: invalid_grant with AADSTS70008 and support ids. */
const ENTRA_RESPONSE = [
	'HTTP/1.1 400 Bad Request',
	'Content-Type: application/json; charset=utf-8',
	'Cache-Control: no-store',
	'',
	JSON.stringify({
		error: 'invalid_grant',
		error_description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. The token was issued on 2024-01-10T08:00:00Z. Trace ID: 0a1b2c3d-1111-2222-3333-444455556666',
		error_codes: [70008],
		trace_id: '0a1b2c3d-1111-2222-3333-444455556666',
		correlation_id: '9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff',
	}),
	'',
].join('\n');

/** Made-up secrets, none real: a client secret and a refresh token in a token request. */
const SECRET = 'Zq8~MadeUpClientSecret-4Lm9Tx2';
const REFRESH = 'MadeUpRefreshToken-8Wq3Hn6Vz1';
const SECRET_PASTE = [
	'POST https://login.microsoftonline.com/common/oauth2/v2.0/token HTTP/1.1',
	'Content-Type: application/x-www-form-urlencoded',
	'',
	`grant_type=refresh_token&client_id=6731de76-14a6-49ae-97bc-6eba6914391e&client_secret=${SECRET}&refresh_token=${REFRESH}`,
	'',
	ENTRA_RESPONSE.replace('has expired due to inactivity.', `has expired due to inactivity (refresh token ${REFRESH}).`),
].join('\n');

const CANARY_TEXT = readFileSync(join(ROOT, 'test/fixtures/security/canaries.http'), 'utf8');

function text(result: CallToolResult): string {
	const first = result.content[0];
	assert.ok(first && first.type === 'text', 'the first content item is text');
	return first.text;
}

suite('MCP server (node dist/cli.js mcp, SDK client over stdio)', function () {
	this.timeout(60_000);
	let client: Client;
	let stderr = '';

	suiteSetup(async () => {
		const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], stderr: 'pipe' });
		transport.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
		client = new Client({ name: 'token-error-help-test', version: '1.0.0' });
		await client.connect(transport);
	});

	suiteTeardown(async () => {
		await client?.close();
	});

	const explain = async (input: string) => await client.callTool({ name: 'explain_token_error', arguments: { text: input } }) as CallToolResult;
	const lookup = async (args: { code: string; vendor?: string }) => await client.callTool({ name: 'lookup_error_code', arguments: args }) as CallToolResult;

	test('the server introduces itself and lists two read-only tools with input and output schemas', async () => {
		assert.equal(client.getServerVersion()?.name, 'token-error-help');
		assert.match(client.getInstructions() ?? '', /explain_token_error/);
		const { tools } = await client.listTools();
		assert.deepEqual(tools.map(t => t.name).sort(), ['explain_token_error', 'lookup_error_code']);
		for (const tool of tools) {
			assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
			assert.equal(tool.annotations?.openWorldHint, false, tool.name);
			assert.equal(tool.outputSchema?.type, 'object', `${tool.name} declares an output schema`);
			assert.ok((tool.description ?? '').length > 80, `${tool.name} has a description a model can choose by`);
		}
		const explainTool = tools.find(t => t.name === 'explain_token_error')!;
		assert.deepEqual(explainTool.inputSchema.required, ['text']);
		assert.ok(Object.keys(explainTool.outputSchema!.properties ?? {}).includes('redactedInput'));
		const lookupTool = tools.find(t => t.name === 'lookup_error_code')!;
		assert.deepEqual(lookupTool.inputSchema.required, ['code']);
		assert.ok('vendor' in (lookupTool.inputSchema.properties ?? {}));
	});

	test('explain_token_error on an Entra invalid_grant response', async () => {
		const result = await explain(ENTRA_RESPONSE);
		assert.notEqual(result.isError, true);
		const answer = result.structuredContent as ExplainAnswer;
		assert.equal(answer.messages.length, 1);
		const [m] = answer.messages;
		assert.equal(m.kind, 'response');
		assert.equal(m.status, 400);
		assert.equal(m.vendor, 'entra');
		assert.equal(m.line, 1);
		assert.deepEqual(m.errors, [{ code: 'invalid_grant', entry: 'entra.invalid_grant', title: 'Invalid grant (Entra)' }]);
		assert.deepEqual(m.vendorCodes.map(v => [v.code, v.entry]), [['AADSTS70008', 'entra.AADSTS70008']]);
		const recognized = m.findings.find(f => f.rule === 'recognized-error');
		assert.equal(recognized?.severity, 'error');
		assert.match(recognized!.message, /^invalid_grant: Invalid grant \(Entra\)/);
		assert.ok(m.findings.some(f => f.rule === 'support-ids' && f.message.includes('0a1b2c3d-1111-2222-3333-444455556666')));
		assert.match(m.cause ?? '', /inactiv/i, 'the cause is the one AADSTS70008 with "inactivity" selects');
		assert.ok(m.steps.length >= 1 && m.steps.some(s => /sign-in/i.test(s)), JSON.stringify(m.steps));
		assert.ok(m.references.some(r => r.url?.startsWith('https://')));
		assert.equal(answer.messageCount, 1);
		assert.equal(answer.truncated, false);
		assert.equal(answer.secretsFound, 0);
		assert.equal(answer.redactedInput, ENTRA_RESPONSE, 'nothing to redact: the input comes back as it was');
		const report = text(result);
		assert.match(report, /^# Token Error Help/);
		assert.match(report, /invalid_grant/);
		assert.match(report, /\*\*Most likely:\*\* Refresh token unused for too long/);
	});

	test('no secret of a paste appears anywhere in the answer', async () => {
		const result = await explain(SECRET_PASTE);
		const json = JSON.stringify(result);
		for (const secret of [SECRET, REFRESH]) {
			assert.ok(!json.includes(secret), 'the secret value is in the result');
			assert.ok(!json.replace(/\\/g, '').includes(secret), 'an escaped copy of the secret is in the result');
		}
		const answer = result.structuredContent as ExplainAnswer;
		assert.match(answer.redactedInput, /client_secret=«redacted:client_secret»/);
		assert.match(answer.redactedInput, /refresh_token=«redacted:refresh_token»/);
		const request = answer.messages.find(m => m.kind === 'request');
		assert.deepEqual(request?.secrets.sort(), ['client_secret', 'refresh_token']);
		assert.ok(request!.findings.some(f => f.rule === 'secret-exposed'));
		assert.match(request!.excerpt, /«redacted:client_secret»/);
		// The refresh token quoted again in error_description is a copy: it is redacted there too.
		const response = answer.messages.find(m => m.kind === 'response')!;
		// (It may also be masked first as a random-looking run: either marker hides it.)
		assert.match(response.excerpt, /refresh token «redacted:(?:refresh_token|opaque_token)»\)/);
		assert.ok(answer.secretsFound >= 2);
	});

	test('the canary secrets of the security fixtures leak into no field', async () => {
		const result = await explain(CANARY_TEXT);
		assert.notEqual(result.isError, true);
		const answer = result.structuredContent as ExplainAnswer;
		assert.ok(answer.messages.length >= 3, 'the fixture\'s request, responses and log line are explained');
		assert.ok(answer.secretsFound >= 6);
		assertNoLeaks('mcp', [JSON.stringify(result)]);
	});

	test('lookup_error_code on a known code, with and without a vendor', async () => {
		const plain = await lookup({ code: 'invalid_grant' });
		const a = plain.structuredContent as LookupAnswer;
		assert.equal(a.found, true);
		assert.equal(a.entry?.code, 'invalid_grant');
		assert.equal(a.entry?.vendor, null, 'without a vendor: the standard entry');
		assert.ok(a.entry!.causes.length >= 2 && a.entry!.fixes.length >= 1);
		assert.ok(a.entry!.references.some(r => r.url?.startsWith('https://www.rfc-editor.org/')));
		assert.ok(a.otherEntries.some(o => o.vendor === 'entra'), 'vendor entries are offered');
		assert.match(text(plain), /^# `invalid_grant`: /);

		for (const vendor of ['entra', 'Microsoft Entra ID']) {
			const r = (await lookup({ code: 'invalid_grant', vendor })).structuredContent as LookupAnswer;
			assert.equal(r.entry?.id, 'entra.invalid_grant', vendor);
			assert.equal(r.query.vendor, 'entra');
		}
		const vendorCode = (await lookup({ code: 'aadsts70008' })).structuredContent as LookupAnswer;
		assert.equal(vendorCode.entry?.id, 'entra.AADSTS70008', 'codes are matched case-insensitively');
	});

	test('lookup_error_code on an unknown code answers with the closest known codes, not an error', async () => {
		const result = await lookup({ code: 'invalid_grand' });
		assert.notEqual(result.isError, true);
		const a = result.structuredContent as LookupAnswer;
		assert.equal(a.found, false);
		assert.equal(a.entry, null);
		assert.equal(a.suggestions[0], 'invalid_grant');
		assert.match(a.message, /"invalid_grand" is not in the catalog\. Closest known codes: invalid_grant/);
		assert.match(text(result), /Did you mean/);

		const far = (await lookup({ code: 'zzqx_totally_unknown_thing' })).structuredContent as LookupAnswer;
		assert.equal(far.found, false);
		assert.deepEqual(far.suggestions, []);
		assert.match(far.message, /no known code is close/);

		const badVendor = (await lookup({ code: 'invalid_grant', vendor: 'acme-idp' })).structuredContent as LookupAnswer;
		assert.equal(badVendor.found, true);
		assert.equal(badVendor.query.vendor, null);
		assert.match(badVendor.message, /"acme-idp" is not one the catalog knows/);
	});

	test('a text over the limit gets a clear error result, and the server goes on answering', async () => {
		const huge = await explain('x'.repeat(5_000_001));
		assert.equal(huge.isError, true);
		assert.match(text(huge), /5,000,001 characters; explain_token_error reads at most 5,000,000/);
		const long = await lookup({ code: 'c'.repeat(1_001) });
		assert.equal(long.isError, true);
		assert.match(text(long), /at most 1,000/);
		const after = await lookup({ code: 'invalid_client' });
		assert.equal((after.structuredContent as LookupAnswer).entry?.code, 'invalid_client');
	});

	test('a text at the limit is analysed', async () => {
		const line = 'INFO request served in 12 ms\n';
		const input = `${line.repeat(Math.floor((5_000_000 - ENTRA_RESPONSE.length) / line.length))}${ENTRA_RESPONSE}`;
		assert.ok(input.length <= 5_000_000 && input.length > 4_999_900, String(input.length));
		const result = await explain(input);
		assert.notEqual(result.isError, true, text(result));
		const answer = result.structuredContent as ExplainAnswer;
		assert.ok(answer.messages.some(m => m.errors.some(e => e.code === 'invalid_grant')));
		assert.equal(answer.redactedInputTruncated, true, 'the redacted input is cut at 100,000 characters');
		assert.equal(answer.redactedInput, input.slice(0, 100_000), 'its first 100,000 characters, nothing to redact in them');
	});

	test('arguments of the wrong shape get an error result, not a crash', async () => {
		const missing = await client.callTool({ name: 'explain_token_error', arguments: {} }) as CallToolResult;
		assert.equal(missing.isError, true);
		assert.match(text(missing), /text/);
		const wrongType = await client.callTool({ name: 'lookup_error_code', arguments: { code: 42 } }) as CallToolResult;
		assert.equal(wrongType.isError, true);
		const after = await explain(ENTRA_RESPONSE);
		assert.notEqual(after.isError, true);
	});

	test('hostile text: no control, bidi or zero-width character reaches a one-line field', async () => {
		const hostile = ENTRA_RESPONSE.replace('has expired due to inactivity.', 'has expired \\u001b[31mred\\u001b[0m \\u202eevil\\u202c zero\\u200bwidth.');
		const result = await explain(hostile);
		const m = (result.structuredContent as ExplainAnswer).messages[0];
		const oneLineFields = [m.headline, m.cause ?? '', ...m.steps, ...m.findings.map(f => f.message), ...m.facts.flatMap(f => [f.label, f.value])];
		// eslint-disable-next-line no-control-regex
		for (const field of oneLineFields) assert.doesNotMatch(field, /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/, field);
		assert.ok(m.facts.some(f => f.label === 'error_description' && f.value.includes('evil')), 'the description is still there, made visible');
	});

	test('the mcp command takes no arguments; --help prints the usage', () => {
		const extra = spawnSync(process.execPath, [CLI, 'mcp', '--port', '3000'], { encoding: 'utf8', input: '', timeout: 30_000 });
		assert.equal(extra.status, 2);
		assert.match(extra.stderr, /"mcp" takes no arguments \(got "--port"\)/);
		assert.equal(extra.stdout, '', 'nothing on standard output, which is the protocol\'s');
		const help = spawnSync(process.execPath, [CLI, 'mcp', '--help'], { encoding: 'utf8', input: '', timeout: 30_000 });
		assert.equal(help.status, 0);
		assert.match(help.stdout, /token-error-help mcp/);
	});

	test('the server wrote nothing unexpected to stderr', () => {
		assert.equal(canariesIn(stderr).length, 0);
		assert.doesNotMatch(stderr, /\n\s+at .+[(:]\d+/, 'no stack trace');
	});
});
