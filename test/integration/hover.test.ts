import * as assert from 'node:assert/strict';
import { closeAll, hoverText, openFixture, openUntitled, positionOf, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

suite('Hover', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('an Entra invalid_client code shows title, likely cause and fix', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const text = await hoverText(doc, positionOf(doc, '"invalid_client"', 3));
		assert.match(text, /Client authentication failed/);
		assert.match(text, /Most likely:/);
		assert.match(text, /secret/i);
		assert.match(text, /What to do:/);
		assert.match(text, /command:tokenErrorHelp\.explainResponse/);
	});

	test('AADSTS7000215 in a log file shows the Entra entry', async () => {
		const doc = await openFixture('service.log');
		const text = await hoverText(doc, positionOf(doc, 'AADSTS7000215', 4));
		assert.match(text, /Invalid client secret/);
		assert.match(text, /login\.microsoftonline\.com\/error\?code=7000215/);
	});

	test('a status line shows the HTTP status entry', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const text = await hoverText(doc, positionOf(doc, 'HTTP/1.1 401', 2));
		assert.match(text, /401 Unauthorized/);
	});

	test('a code written as documentation has a hover but no problem; a logged one has both', async () => {
		const doc = await openUntitled([
			'# Release notes',
			'',
			'- Treat `invalid_grant` on refresh as a normal logout.',
			'',
			'2025-03-01 10:00:00 ERROR token refresh failed: invalid_client',
			'',
		].join('\n'), 'markdown');
		// The logged error's diagnostic shows the analysis has run.
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'recognized-error'));
		assert.ok(diagnostics.some(d => d.range.start.line === 4), 'the logged invalid_client is a problem');
		assert.deepEqual(diagnostics.filter(d => d.range.start.line === 2).map(d => d.message), [], 'the documented invalid_grant is no problem');
		assert.match(await hoverText(doc, positionOf(doc, '`invalid_grant`', 3)), /Invalid grant/);
	});

	test('plain words give no hover', async () => {
		const doc = await openFixture('rest-client-no-errors.http');
		const text = await hoverText(doc, positionOf(doc, 'List orders', 2));
		assert.equal(text, '');
	});
});
