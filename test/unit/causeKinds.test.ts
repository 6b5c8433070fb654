import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledCatalog, CAUSE_KINDS, isCauseKind, type CatalogEntry } from '../../src/core';
import { FINER_CAUSE_KINDS } from '../../src/core/catalog/causeKinds';

const SCHEMA_PATH = join(__dirname, '../../src/core/catalog/catalog.schema.json');

/** Every namespace is checked (the set stays to say so explicitly). */
const UNTAGGED_LIBRARY_NAMESPACES = new Set<string>();

/** Problems with the kinds of these entries' causes: none missing, each a public id. */
function kindProblems(list: readonly CatalogEntry[]): string[] {
	const problems: string[] = [];
	for (const entry of list) {
		entry.causes.forEach((cause, i) => {
			const where = `${entry.id} cause ${i} ("${cause.text.slice(0, 50)}")`;
			if (cause.kind === undefined) problems.push(`${where}: no kind`);
			else if (!isCauseKind(cause.kind)) problems.push(`${where}: unknown kind ${cause.kind}`);
		});
	}
	return problems;
}

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as {
	definitions: { causeKind: { enum: string[] }; grant: { enum: string[] } };
};
const GRANTS = new Set(schema.definitions.grant.enum);

suite('cause kinds', () => {
	const entries = bundledCatalog().entries;
	const checked = entries.filter((e) => !UNTAGGED_LIBRARY_NAMESPACES.has(e.namespace));

	test('the schema enum of cause kinds is exactly the public list and the finer kinds in causeKinds.ts', () => {
		assert.deepEqual(schema.definitions.causeKind.enum, [...Object.keys(CAUSE_KINDS), ...Object.keys(FINER_CAUSE_KINDS)]);
	});

	test('every finer kind names a public kind as its parent', () => {
		for (const [id, finer] of Object.entries(FINER_CAUSE_KINDS)) {
			assert.ok(Object.prototype.hasOwnProperty.call(CAUSE_KINDS, finer.parent), `${id}: parent ${finer.parent}`);
			assert.ok(!Object.prototype.hasOwnProperty.call(CAUSE_KINDS, id), `${id} is already public`);
		}
	});

	test('the checked part of the bundled catalog is most of it and has causes', () => {
		assert.ok(checked.length >= 350, `only ${checked.length} entries checked`);
		const causes = checked.reduce((n, e) => n + e.causes.length, 0);
		assert.ok(causes >= 800, `only ${causes} causes checked`);
	});

	test('every bundled cause outside the library packs names a public cause kind', () => {
		assert.deepEqual(kindProblems(checked), []);
	});

	test('a kind given in a library pack is a known one too', () => {
		const problems: string[] = [];
		for (const entry of entries.filter((e) => UNTAGGED_LIBRARY_NAMESPACES.has(e.namespace))) {
			entry.causes.forEach((cause, i) => {
				if (cause.kind !== undefined && !isCauseKind(cause.kind)) problems.push(`${entry.id} cause ${i}: unknown kind ${cause.kind}`);
			});
		}
		assert.deepEqual(problems, []);
	});

	test('grants named on causes are schema grant values, each once', () => {
		const problems: string[] = [];
		for (const entry of entries) {
			entry.causes.forEach((cause, i) => {
				if (!cause.grant) return;
				if (cause.grant.length === 0) problems.push(`${entry.id} cause ${i}: empty grant list`);
				if (new Set(cause.grant).size !== cause.grant.length) problems.push(`${entry.id} cause ${i}: repeated grant`);
				for (const g of cause.grant) if (!GRANTS.has(g)) problems.push(`${entry.id} cause ${i}: unknown grant ${g}`);
			});
		}
		assert.deepEqual(problems, []);
	});

	test('the check is not vacuous: a missing, unknown or finer-only kind is reported', () => {
		const sample = checked[0];
		const withKinds = (...kinds: (string | undefined)[]): CatalogEntry => ({
			...sample,
			causes: kinds.map((kind, i) => (kind === undefined ? { text: `cause ${i}` } : { text: `cause ${i}`, kind })),
		});
		assert.deepEqual(kindProblems([withKinds('code-expired', 'unknown')]), []);
		assert.equal(kindProblems([withKinds('code-expired', undefined)]).length, 1);
		assert.equal(kindProblems([withKinds('refresh_token_expired')]).length, 1);
		assert.equal(kindProblems([withKinds('toString')]).length, 1);
	});

	test('spot checks: well-known codes carry the kinds the vocabulary names for them', () => {
		const kindsOf = (id: string) => {
			const entry = entries.find((e) => e.id === id);
			assert.ok(entry, id);
			return entry.causes.map((c) => c.kind);
		};
		assert.deepEqual(kindsOf('oauth.authorization_pending'), ['polling-pending']);
		assert.ok(kindsOf('oauth.slow_down').every((k) => k === 'polling-too-fast'));
		assert.deepEqual(kindsOf('entra.AADSTS54005'), ['code-reused', 'code-reused']);
		assert.deepEqual(kindsOf('entra.AADSTS7000222'), ['client-secret-expired']);
		assert.ok(kindsOf('http.429').every((k) => k === 'rate-limited'));
		assert.ok(kindsOf('entra.AADSTS700082').every((k) => k === 'refresh-token-expired'));
	});
});
