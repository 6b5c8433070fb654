import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, bundledCatalog } from '../../src/core';
import { describe, foundIn, standsFor, type Found, type RealWorldCase } from '../corpus';

/*
 * test/fixtures/realworld/*: error pastes of the shapes people post in public
 * issues (identifiers replaced), with what an expert reads in each one in
 * expected.json. A failing case here is a real gap of the recognizer.
 *
 * test/fixtures/realworld-heldout/*: a second corpus of the same kind, from
 * other issues, written down without running the recognizer first; it measures
 * how far fixes tuned on the first corpus generalize.
 */

const FOLDERS = ['realworld', 'realworld-heldout', 'realworld-heldout2'];

function checkFound(found: readonly Found[], code: string, kinds: ReadonlyArray<Found['kind']>): void {
	const hits = found.filter(f => kinds.includes(f.kind) && standsFor(f, code));
	assert.ok(hits.length > 0, `"${code}" not found; reported: ${describe(found)}`);
	if (bundledCatalog().has(code)) {
		assert.ok(hits.some(f => f.entry !== null), `"${code}" found without its catalog entry; reported: ${describe(found)}`);
	}
}

for (const folder of FOLDERS) {
	const DIR = path.join(__dirname, '..', 'fixtures', folder);
	const cases = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as RealWorldCase[];

	suite(`test/fixtures/${folder}: real pastes from public issues`, () => {
		test('every fixture has a row in expected.json', () => {
			const files = fs.readdirSync(DIR).filter(f => f !== 'expected.json').sort();
			assert.deepEqual([...cases.map(c => c.file)].sort(), files);
		});

		for (const c of cases) {
			suite(c.file, () => {
				let found: Found[];
				suiteSetup(() => {
					found = foundIn(analyze(fs.readFileSync(path.join(DIR, c.file), 'utf8')));
				});

				// A known gap stays visible as a pending test with its reason; "no unexpected codes" still runs.
				const check = c.knownMiss ? (name: string, _fn: () => void) => test.skip(`${name} (known miss: ${c.knownMiss})`) : test;

				if (c.errors.length) {
					check('error codes are found', () => {
						for (const code of c.errors) checkFound(found, code, ['error']);
					});
				}

				if (c.vendorCodes.length) {
					check('vendor codes are found', () => {
						for (const code of c.vendorCodes) checkFound(found, code, ['vendorCode', 'error']);
					});
				}

				test(c.errors.length || c.vendorCodes.length ? 'no unexpected codes' : 'nothing is reported', () => {
					const allowed = [...c.errors, ...c.vendorCodes, ...(c.mayReport ?? [])];
					const unexpected = found.filter(f => !allowed.some(code => standsFor(f, code)));
					assert.deepEqual(unexpected.map(f => `${f.code} → ${f.entry?.id ?? 'no entry'}`), []);
				});

				const vendor = c.vendor;
				if (vendor) {
					check(`vendor is ${vendor}`, () => {
						const expected = [...c.errors, ...c.vendorCodes];
						const carriers = found.filter(f => expected.some(code => standsFor(f, code)));
						// The message names the vendor, or the vendor's own entry explains the code.
						assert.ok(carriers.some(f => f.message.vendor === vendor || f.entry?.vendor === vendor), `no message or entry of ${vendor} carries the codes; reported: ${describe(found)}`);
						const otherVendor = carriers.filter(f => f.entry?.vendor && f.entry.vendor !== vendor);
						assert.deepEqual(otherVendor.map(f => `${f.code} → ${f.entry?.id}`), [], `explained by another vendor's entry`);
					});
				}
			});
		}
	});
}
