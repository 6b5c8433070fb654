import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { analyze, bundledCatalogFiles, Catalog } from '../../src/core';
import { jsoncDepth, readCustomCatalog } from '../../src/core/catalog/customCatalog';
import { validateCatalog } from '../../src/core/catalog/validate';

// Issue 13: custom catalogs are validated completely before use (every schema rule, any nesting depth),
// a bad file is reported with its path and problem and never affects the bundled catalog, and a
// custom id equal to a bundled one gives a warning.

const schema = JSON.parse(readFileSync(join(__dirname, '../../src/core/catalog/catalog.schema.json'), 'utf8')) as object;
const ajvEntry = new Ajv({ allErrors: true }).addSchema(schema, 'catalog').getSchema('catalog#/definitions/entry')!;
const bundledIds = new Set(bundledCatalogFiles.flatMap(f => f.entries.map(e => e.id)));

const ENTRY = {
	id: 'acme.quota_exceeded', code: 'quota_exceeded', namespace: 'acme', kind: 'error', title: 'Quota exceeded', summary: 'The tenant used its quota.',
	occurs: ['token'], status: [429], causes: [{ text: 'Too many token requests.', match: ['quota'] }], fixes: [{ text: 'Wait and retry.' }],
	references: [{ title: 'Runbook', url: 'https://runbooks.example.com/quota' }],
};
const catalogText = (...entries: object[]): string => JSON.stringify({ version: 1, entries });

suite('custom catalogs (issue 13)', () => {
	test('a valid file is used and its code is recognised', () => {
		const result = readCustomCatalog(catalogText(ENTRY), '/ws/acme.token-errors.jsonc', bundledIds);
		assert.deepEqual([result.problems, result.warnings], [[], []]);
		const catalog = new Catalog([result.file!, ...bundledCatalogFiles]);
		const analysis = analyze('{"error":"quota_exceeded"}', { catalog });
		assert.equal(analysis.messages[0].errors[0].entry?.id, 'acme.quota_exceeded');
	});

	test('"aliases": 5 is refused before use; the catalog built from the rest does not throw', () => {
		const bad = { ...ENTRY, id: 'acme.bad', aliases: 5 };
		const result = readCustomCatalog(catalogText(ENTRY, bad), '/ws/acme.token-errors.jsonc', bundledIds);
		assert.deepEqual(result.problems, ['/ws/acme.token-errors.jsonc: entries[1] (acme.bad): aliases must be an array']);
		assert.deepEqual(result.file!.entries.map(e => e.id), ['acme.quota_exceeded']);
		assert.doesNotThrow(() => new Catalog([result.file!, ...bundledCatalogFiles]));
	});

	test('a JSONC file nested 100,000 deep is a problem of that file, not a RangeError', () => {
		const deep = `{"version":1,"entries":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
		const result = readCustomCatalog(deep, '/ws/deep.jsonc', bundledIds);
		assert.equal(result.file, undefined);
		assert.deepEqual(result.problems, ['/ws/deep.jsonc: nested more than 64 levels deep; not read.']);
		assert.equal(jsoncDepth('{"a":[{"b":[1]}]} // [[[ in a comment', Infinity), 4);
		assert.equal(jsoncDepth('"[[[[" {}'), 1);
	});

	test('syntax errors name the file and the offset', () => {
		const result = readCustomCatalog('{"version":1,"entries":[}', '/ws/broken.jsonc');
		assert.equal(result.file, undefined);
		assert.match(result.problems[0], /^\/ws\/broken\.jsonc: not valid JSONC \(\w+ at offset \d+\)\.$/);
	});

	test('a custom id equal to a bundled one is used, with a warning', () => {
		const replacing = { ...ENTRY, id: 'oauth.invalid_grant', code: 'invalid_grant', namespace: 'oauth' };
		const result = readCustomCatalog(catalogText(replacing), '/ws/override.jsonc', bundledIds);
		assert.deepEqual(result.problems, []);
		assert.deepEqual(result.warnings, ['/ws/override.jsonc: entries[0] (oauth.invalid_grant) replaces the bundled entry with the same id.']);
		assert.equal(result.file!.entries.length, 1);
	});

	test('an id used twice in one file: the second is not used', () => {
		const result = readCustomCatalog(catalogText(ENTRY, { ...ENTRY, title: 'Again' }), '/ws/twice.jsonc', bundledIds);
		assert.deepEqual(result.file!.entries.map(e => e.title), ['Quota exceeded']);
		assert.match(result.problems[0], /entries\[1\] \(acme\.quota_exceeded\): the id is used by an earlier entry/);
	});

	const broken: Array<[string, object, RegExp]> = [
		['a cause that is a string', { causes: ['x'] }, /causes\[0\] must be an object/],
		['a fix without text', { fixes: [{ snippet: 'x' }] }, /fixes\[0\]\."text" is required/],
		['a status out of range', { status: [42] }, /status\[0\] must be 100 or more/],
		['an http reference', { references: [{ title: 'x', url: 'http://example.com' }] }, /references\[0\]\.url must match/],
		['an unknown property', { colour: 'red' }, /unknown property "colour"/],
		['an unknown location', { occurs: ['moon'] }, /occurs\[0\] must be one of/],
		['a cause kind not in the vocabulary', { causes: [{ text: 'x', kind: 'bad-luck' }] }, /causes\[0\]\.kind must be one of/],
		['flags of the wrong type', { flags: { retryable: 'yes' } }, /flags\.retryable must be a boolean/],
		['a short match', { causes: [{ text: 'x', match: ['ab'] }] }, /causes\[0\]\.match\[0\] must have at least 3 characters/],
	];
	for (const [name, change, message] of broken) {
		test(`refused: ${name}`, () => {
			const { file, problems } = validateCatalog({ version: 1, entries: [{ ...ENTRY, ...change }] });
			assert.equal(file.entries.length, 0);
			assert.match(problems[0], message);
		});
	}

	test('property: the validator accepts an entry exactly when ajv (the schema) does', () => {
		const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 700 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
			fc.constantFrom('token', 'error', 'https://x.example.com', 'http://x', 'ab', 'abc', 'client-secret-wrong', 'a-b.c', 'UPPER'), fc.dictionary(fc.constantFrom('text', 'title', 'url', 'match', 'kind', 'retryable'), fc.constantFrom('x', 'abc', 'https://y.example.com', ['abc'], true, 3)));
		const mutation = fc.tuple(fc.constantFrom(...Object.keys(ENTRY), 'aliases', 'vendor', 'error', 'flags', 'freeText', 'extra'), fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(undefined)));
		fc.assert(fc.property(fc.array(mutation, { maxLength: 3 }), changes => {
			const entry: Record<string, unknown> = { ...ENTRY };
			for (const [key, v] of changes) {
				if (v === undefined) delete entry[key];
				else entry[key] = v;
			}
			const ours = validateCatalog({ version: 1, entries: [entry] }).file.entries.length === 1;
			assert.equal(ours, ajvEntry(entry) as boolean, `${JSON.stringify(entry)}: ours ${ours}, ajv ${String(!ours)}`);
		}), { seed: 20261305, numRuns: 3000 });
	});

	test('every bundled entry passes (the asset is checked with the same rules)', () => {
		// The profiles beside each bundled file are checked against profile.schema.json (catalog.test.ts).
		for (const file of bundledCatalogFiles) assert.deepEqual(validateCatalog({ version: file.version, entries: file.entries }).problems, []);
	});
});
