import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, bundledCatalog, type Analysis, type CatalogEntry, type HttpMessage } from '../../src/core';
import { errorMentions, vendorMentions } from './seedHelpers';

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

interface RealWorldCase {
	file: string;
	/** The public thread where the shape was seen. */
	source: string;
	/** OAuth `error` values (and library error codes) the paste holds. */
	errors: string[];
	/** Vendor codes: AADSTS…, E0000…, AWS exception names, MSAL exception names… */
	vendorCodes: string[];
	/** The vendor the paste shows; null when the text does not say. */
	vendor: string | null;
	note: string;
	/** Codes that may also be reported (library exception names, event types): neither required nor unexpected. */
	mayReport?: string[];
	/** A known gap, with its reason: the finding and vendor checks are listed as pending, not run. */
	knownMiss?: string;
}


/** A mention found in the analysis: an error or a vendor code, with the message carrying it. */
interface Found {
	code: string;
	entry: CatalogEntry | null;
	message: HttpMessage;
	kind: 'error' | 'vendorCode';
}

/** Reported mentions only: a code taken as documentation (`inProse`, hover only) is not found. */
function foundIn(analysis: Analysis): Found[] {
	return [
		...errorMentions(analysis).filter(x => !x.error.inProse).map(x => ({ code: x.error.code, entry: x.error.entry, message: x.message, kind: 'error' as const })),
		...vendorMentions(analysis).filter(x => !x.vendorCode.inProse).map(x => ({ code: x.vendorCode.code, entry: x.vendorCode.entry, message: x.message, kind: 'vendorCode' as const })),
	];
}

/** The mention stands for `code`: the same word, or a word whose entry has `code` as its code or alias (MissingTokenError → missing_token). */
function standsFor(found: Found, code: string): boolean {
	if (found.code === code) return true;
	const entry = found.entry;
	return entry !== null && (entry.code === code || (entry.aliases ?? []).includes(code));
}

function describe(found: readonly Found[]): string {
	return found.map(f => `${f.code} → ${f.entry?.id ?? 'no entry'} (vendor ${f.message.vendor ?? 'none'})`).join(', ') || 'nothing';
}

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
