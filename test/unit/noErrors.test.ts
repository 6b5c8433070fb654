import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { unexpectedReports as unexpected, type Allowance } from '../corpus';

/*
 * test/fixtures/no-errors/*: realistic text that holds no OAuth/OIDC error
 * (successful token responses, discovery documents, logs of good logins,
 * source code, docs, non-OAuth failures…), modelled on public material with
 * every identifier made up. Nothing may be reported for them except what
 * allowed.json lists, with its reason. A failing case is a false positive.
 *
 * test/fixtures/no-errors-heldout/*: a second, held-out corpus of other kinds
 * of text (CI and build output, infrastructure config, kubeconfigs, DB and
 * system logs, front-end auth config, unit tests, spec-style prose, questions,
 * successful device/PKCE/refresh flows…), checked the same way. It measures
 * whether false positives remain in text not used to tune the rules.
 *
 * test/fixtures/no-errors-heldout2/*: a third held-out corpus of yet other
 * kinds (issue/PR bodies, chat and ticket exports, API reference pages,
 * registration/SCIM/LDAP/Kerberos/SAML exchanges, non-OAuth 401s, redirect
 * chains and HARs of good logins, test scripts and reports, IaC and cloud
 * CLI output, i18n catalogs, enums in source, SQL, CSV, dashboards, metrics,
 * query DSL, shell history, Makefile, Dockerfile…), checked the same way.
 */

const CORPORA = ['no-errors', 'no-errors-heldout', 'no-errors-heldout2'];

interface Case {
	file: string;
	allowance: Allowance | undefined;
}

for (const corpus of CORPORA) {
	const DIR = path.join(__dirname, '..', 'fixtures', corpus);
	const allowances = JSON.parse(fs.readFileSync(path.join(DIR, 'allowed.json'), 'utf8')) as Allowance[];
	const fixtures = fs.readdirSync(DIR).filter(f => f !== 'allowed.json').sort();
	const cases: Case[] = fixtures.map(file => ({ file, allowance: allowances.find(a => a.file === file) }));

	suite(`test/fixtures/${corpus}: nothing reported for text that holds no error`, () => {
		test('at least 50 fixtures', () => {
			assert.ok(cases.length >= 50, `only ${cases.length} fixtures`);
		});

		test('allowed.json names existing fixtures, once each, with a reason', () => {
			const names = allowances.map(a => a.file);
			assert.deepEqual(names.filter(n => !fixtures.includes(n)), []);
			assert.equal(new Set(names).size, names.length);
			for (const a of allowances) assert.ok(a.why.trim() && a.allowedRules.length, a.file);
		});

		for (const c of cases) {
			test(c.file, () => {
				const text = fs.readFileSync(path.join(DIR, c.file), 'utf8');
				const found = unexpected(text, analyze(text), c.allowance);
				assert.deepEqual(found, [], `false positives in ${c.file}:\n  ${found.join('\n  ')}`);
			});
		}
	});
}
