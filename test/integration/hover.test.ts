import * as assert from 'node:assert/strict';
import { closeAll, hoverText, openFixture, positionOf, waitForActivation } from './helpers';

suite('Hover', () => {
	suiteSetup(waitForActivation);
	teardown(closeAll);

	test('an Entra invalid_client code shows title, likely cause and fix', async () => {
		const doc = await openFixture('entra-invalid-client.http');
		const text = await hoverText(doc, positionOf(doc, '"invalid_client"', 3));
		assert.match(text, /Client authentication failed/);
		assert.match(text, /Likely cause:/);
		assert.match(text, /secret/i);
		assert.match(text, /How to fix:/);
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

	test('plain words give no hover', async () => {
		const doc = await openFixture('rest-client-no-errors.http');
		const text = await hoverText(doc, positionOf(doc, 'List orders', 2));
		assert.equal(text, '');
	});
});
