import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, DEFAULT_DIAGNOSTIC_LANGUAGES, DEFAULT_MAX_DOCUMENT_SIZE, EXTENSION_ID, LanguageModelTool, Settings, SETTINGS_SECTION } from '../../src/vscode/constants';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
const contributed = manifest.contributes;

function sourcesOf(dir: string): string {
	return readdirSync(dir, { withFileTypes: true }).map(e => e.isDirectory() ? sourcesOf(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : '').join('\n');
}

suite('Manifest', () => {
	test('the extension id matches publisher.name', () => {
		assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
	});

	test('every contributed command is a known command id and is registered in code', () => {
		const source = sourcesOf(join(__dirname, '../../src/vscode'));
		const known = Object.values(Commands) as string[];
		for (const { command } of contributed.commands) {
			assert.ok(known.includes(command), `${command} is in constants.ts`);
		}
		for (const [key, id] of Object.entries(Commands)) {
			assert.ok(contributed.commands.some((c: { command: string }) => c.command === id), `${id} is contributed`);
			assert.match(source, new RegExp(`registerCommand\\(Commands\\.${key}\\b`), `${id} is registered`);
		}
	});

	test('every setting the code reads is contributed with the same default', () => {
		const properties = contributed.configuration.properties;
		for (const key of Object.values(Settings)) assert.ok(properties[`${SETTINGS_SECTION}.${key}`], `${key} is contributed`);
		assert.deepEqual(properties[`${SETTINGS_SECTION}.${Settings.diagnosticsLanguages}`].default, DEFAULT_DIAGNOSTIC_LANGUAGES);
		assert.equal(properties[`${SETTINGS_SECTION}.${Settings.maxDocumentSize}`].default, DEFAULT_MAX_DOCUMENT_SIZE);
		const source = sourcesOf(join(__dirname, '../../src/vscode'));
		const read = [...source.matchAll(/Settings\.(\w+)/g)].map(m => m[1]);
		for (const name of read) assert.ok(name in Settings, `Settings.${name} exists`);
	});

	test('activation is on languages, never "*", and covers every diagnostics language', () => {
		assert.ok(!manifest.activationEvents.includes('*'));
		for (const language of DEFAULT_DIAGNOSTIC_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
	});

	test('language http is contributed without a competing source.http grammar', () => {
		assert.ok(contributed.languages.some((l: { id: string; extensions: string[] }) => l.id === 'http' && l.extensions.includes('.http') && l.extensions.includes('.rest')));
		for (const g of contributed.grammars) {
			assert.notEqual(g.scopeName, 'source.http');
			assert.ok(Array.isArray(g.injectTo) && g.injectTo.includes('source.http'), 'our grammar is an injection');
		}
	});

	test('the language-model tool is contributed, referenceable as #tokenError, activated on use and registered in code', () => {
		assert.equal(contributed.languageModelTools.length, 1);
		const [tool] = contributed.languageModelTools;
		assert.equal(tool.name, LanguageModelTool.name);
		assert.match(tool.name, /^[\w-]+$/);
		assert.equal(tool.toolReferenceName, LanguageModelTool.referenceName);
		assert.equal(tool.canBeReferencedInPrompt, true);
		assert.ok(tool.displayName && tool.modelDescription && tool.userDescription);
		assert.deepEqual(tool.inputSchema.properties.text.type, 'string');
		assert.equal(tool.inputSchema.required, undefined, 'text is optional');
		assert.ok(manifest.activationEvents.includes(`onLanguageModelTool:${tool.name}`));
		assert.match(sourcesOf(join(__dirname, '../../src/vscode')), /registerTool<\w+>\(LanguageModelTool\.name\b/);
	});

	test('engines.vscode is the first release with the stable tool API, and @types/vscode does not go beyond it', () => {
		assert.equal(manifest.engines.vscode, '^1.95.0');
		assert.match(manifest.devDependencies['@types/vscode'], /^~1\.95\./);
	});

	test('capabilities are declared: virtual workspaces, limited untrusted support', () => {
		assert.equal(manifest.capabilities.virtualWorkspaces, true);
		assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
		assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [`${SETTINGS_SECTION}.${Settings.catalogFiles}`]);
	});

	test('every contributed file exists', () => {
		const root = join(__dirname, '../..');
		for (const s of contributed.snippets) readFileSync(join(root, s.path), 'utf8');
		for (const g of contributed.grammars) JSON.parse(readFileSync(join(root, g.path), 'utf8'));
		JSON.parse(readFileSync(join(root, 'src/core/catalog/catalog.schema.json'), 'utf8'));
	});
});
