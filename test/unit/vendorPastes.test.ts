import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCases } from '../corpus';

/*
 * Every provider is measured on real pastes: each provider profile has at
 * least three pastes from public threads labelled with its vendor in the
 * real-paste corpora (test/fixtures/realworld*). The held-out round being
 * collected (realworld-heldout5) is not read.
 */

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const PROFILES = join(ROOT, 'src', 'core', 'catalog', 'profiles');
const MIN_PASTES = 3;

/** Providers with fewer public pastes than MIN_PASTES findable, with what was searched (kept short and explained, never to hide a gap). */
const FEW_PUBLIC_PASTES: Record<string, string> = {
	curity: 'searched GitHub issues and stored pages for Curity token errors (oauth-token paths, se.curity, HAAPI, curity.se problem types): only Curity\'s own documentation shows its errors',
	ping: 'one public paste found (a PingFederate /as/token.oauth2 invalid_grant); searches for PingFederate and PingOne token errors in issues and pages found only vendor documentation',
	authlete: 'searched issues and pages for Authlete API results (resultCode/resultMessage, action values): only Authlete\'s documentation and its own repositories\' changes',
	akoya: 'searched issues and pages for Akoya token errors: only Akoya\'s own documentation (docs.akoya.com token errors)',
	aicrisk: 'searched issues and pages for AICRisk token errors: only AICRisk\'s own documentation (docs.aicrisk.com error responses)',
};

function corpusFolders(): string[] {
	return readdirSync(FIXTURES).filter(d => d.startsWith('realworld') && d !== 'realworld-heldout5').map(d => join(FIXTURES, d));
}

function providers(): string[] {
	return readdirSync(PROFILES).filter(f => f.endsWith('.json'))
		.map(f => JSON.parse(readFileSync(join(PROFILES, f), 'utf8')) as { id: string; type: string })
		.filter(p => p.type === 'provider').map(p => p.id).sort();
}

suite('real pastes per provider', () => {
	const counts = new Map<string, number>();
	const problems: string[] = [];
	for (const dir of corpusFolders()) {
		for (const c of readCases(dir)) {
			if (!existsSync(join(dir, c.file))) problems.push(`${c.file}: listed but missing`);
			if (!/^https:\/\/\S+$/.test(c.source ?? '')) problems.push(`${c.file}: no public source URL`);
			if (c.vendor) counts.set(c.vendor, (counts.get(c.vendor) ?? 0) + 1);
		}
	}

	test('the corpora are read (folders, labels, files)', () => {
		assert.ok(corpusFolders().length >= 5, 'real-paste folders found');
		assert.ok([...counts.values()].reduce((a, b) => a + b, 0) >= 100, 'vendor-labelled pastes found');
		assert.deepEqual(problems, []);
	});

	test(`every provider profile has at least ${MIN_PASTES} real pastes labelled with its vendor`, () => {
		const short = providers().filter(id => !(id in FEW_PUBLIC_PASTES) && (counts.get(id) ?? 0) < MIN_PASTES)
			.map(id => `${id}: ${counts.get(id) ?? 0}`);
		assert.deepEqual(short, []);
	});

	test('a provider excused for few public pastes is a provider, and still short', () => {
		const ids = new Set(providers());
		const stale = Object.keys(FEW_PUBLIC_PASTES).filter(id => !ids.has(id) || (counts.get(id) ?? 0) >= MIN_PASTES);
		assert.deepEqual(stale, []);
	});

	test('every vendor label names a profile', () => {
		const unknown = [...counts.keys()].filter(v => !existsSync(join(PROFILES, `${v}.json`)));
		assert.deepEqual(unknown, []);
	});
});
