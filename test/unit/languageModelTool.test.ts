import * as assert from 'node:assert/strict';
import Module from 'node:module';
import { bundledService } from '../../src/core';

// The tool's registration guard and its answer, with a stand-in for the 'vscode' module: a host
// without vscode.lm.registerTool (editors that leave the API out) must still activate, so
// registration is skipped there. The real host is covered by test/integration/languageModelTool.test.ts.

type ToolModule = typeof import('../../src/vscode/languageModelTool');
const TOOL_MODULE = require.resolve('../../src/vscode/languageModelTool');

/** Loads src/vscode/languageModelTool.ts (and what it imports) against `stub` as the 'vscode' module. */
function loadWith(stub: object): ToolModule {
	const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
	const original = loader._load;
	const ours = Object.keys(require.cache).filter(k => k.includes('/src/vscode/'));
	for (const key of ours) delete require.cache[key];
	loader._load = function (request: string, ...rest: unknown[]) {
		return request === 'vscode' ? stub : original.call(this, request, ...rest);
	};
	try {
		return Module.createRequire(__filename)(TOOL_MODULE) as ToolModule;
	} finally {
		loader._load = original;
	}
}

class TextPart { constructor(readonly value: string) {} }
class ToolResult { constructor(readonly content: unknown[]) {} }
class CancellationError extends Error {}

/** Enough of the API for the tool to run on given text. */
function hostWithTools(registered: Array<{ name: string; tool: unknown }>) {
	return {
		lm: { registerTool: (name: string, tool: unknown) => { registered.push({ name, tool }); return { dispose() {} }; } },
		LanguageModelToolResult: ToolResult,
		LanguageModelTextPart: TextPart,
		CancellationError,
		window: { activeTextEditor: undefined },
		workspace: { getConfiguration: () => ({ get: (_key: string, fallback: unknown) => fallback }) },
	};
}

const notCancelled = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const catalogs = { service: async () => bundledService() };

suite('Language-model tool (unit)', () => {
	test('a host without vscode.lm, or with vscode.lm but no registerTool, skips the tool', () => {
		for (const stub of [{}, { lm: {} }, { lm: { selectChatModels: () => [] } }]) {
			const { registerLanguageModelTool } = loadWith(stub);
			assert.equal(registerLanguageModelTool({} as never, catalogs as never), undefined, JSON.stringify(stub));
		}
	});

	test('a host with the API gets explain_token_error, which answers with the redacted report', async () => {
		const registered: Array<{ name: string; tool: unknown }> = [];
		const { registerLanguageModelTool } = loadWith(hostWithTools(registered));
		assert.ok(registerLanguageModelTool({} as never, catalogs as never));
		assert.deepEqual(registered.map(r => r.name), ['explain_token_error']);
		const tool = registered[0].tool as { invoke(options: object, token: object): Promise<ToolResult> };
		const secret = 'UnitToolSecret-8Kq2Vb7Xz1';
		const text = `POST https://idp.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=a&client_secret=${secret}\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant"}\n`;
		const result = await tool.invoke({ input: { text }, toolInvocationToken: undefined }, notCancelled);
		assert.ok(result instanceof ToolResult);
		const answer = result.content.map(p => (p as TextPart).value).join('');
		assert.match(answer, /^# Token Error Help/);
		assert.match(answer, /invalid_grant/);
		assert.match(answer, /## Redacted input/);
		assert.ok(!answer.includes(secret));
		const none = await tool.invoke({ input: {}, toolInvocationToken: undefined }, notCancelled);
		assert.match((none.content[0] as TextPart).value, /no text was given and no editor is open/);
	});
});
