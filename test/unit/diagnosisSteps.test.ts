import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledService } from '../../src/core';
import type { Fix, Grant } from '../../src/core/catalog/catalogTypes';
import { corpusTexts, REPORT_FOLDERS } from '../corpus';

/*
 * The steps of every Markdown report over the corpora of real pastes, the examples and the seeds:
 * no step twice (the same advice in other words counts), no step for another grant than the one
 * the paste's request names, no "wait and retry" step on a rejected (401/403) request.
 * The checks here are written apart from the step selection (src/core/recognize/steps.ts), with
 * their own reading of the paste's grant and their own list of ways to word the same advice.
 */

const ROOT = path.join(__dirname, '..', '..');
const service = bundledService();

interface Report { file: string; status: number | null; grant: Grant | undefined; steps: string[] }

/** The steps of each message's Markdown report ("What to do next"), as plain text. */
function reports(): Report[] {
	const out: Report[] = [];
	for (const { folder, file, text } of corpusTexts(ROOT, REPORT_FOLDERS)) {
		const analysis = service.analyze(text);
		for (const message of analysis.messages) {
			if (!message.diagnosis) continue;
			const markdown = service.report(text, analysis, [message]);
			const start = markdown.indexOf('**What to do next**');
			const steps = start < 0 ? [] : markdown.slice(start).split('\n').slice(1)
				.filter(l => /^\d+\. /.test(l)).map(l => l.replace(/^\d+\. /, '').replace(/\\(.)/g, '$1'));
			const request = message.kind === 'request' ? message : message.request;
			out.push({ file: `${folder}/${file}`, status: message.status, grant: requestGrant(request?.form?.find(p => p.name === 'grant_type')?.value) ?? onlyGrantIn(text), steps });
		}
	}
	return out;
}

/** The grant a request's own grant_type names (only the values RFC 6749 defines; nothing else is guessed here). */
function requestGrant(value: string | undefined): Grant | undefined {
	return value === 'refresh_token' || value === 'authorization_code' || value === 'password' || value === 'client_credentials' ? value : undefined;
}

/** The grant when the paste writes `grant_type=…` (or `"grant_type": "…"`) with one value only. */
function onlyGrantIn(text: string): Grant | undefined {
	const values = new Set([...text.matchAll(/grant_type["']?\s?[=:]\s?["']?([a-z_]+)/g)].map(m => m[1]));
	return values.size === 1 ? requestGrant([...values][0]) : undefined;
}

/** Ways of wording the same advice, kept apart from the product's own list. */
const SAME_ADVICE: ReadonlyArray<readonly [string, RegExp]> = [
	['sign the user in again', /interactive sign-?in|sign (?:the user |them )?in again|re-?authenticate|fall back to (?:an )?interactive/i],
	['wait for Retry-After', /retry-after/i],
	['secret value, not id', /value,? not (?:its|the) (?:secret )?id/i],
];

function normalised(step: string): string {
	return step.toLowerCase().replace(/`/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Steps of one report that repeat an earlier one: the same words, or only advice an earlier step gave. */
function duplicates(steps: readonly string[]): string[] {
	const seen = new Set<string>();
	const advice = new Set<string>();
	const out: string[] = [];
	for (const step of steps) {
		const key = normalised(step);
		const pieces = SAME_ADVICE.filter(([, p]) => p.test(step)).map(([name]) => name);
		if (seen.has(key) || (pieces.length && pieces.every(p => advice.has(p)))) out.push(step);
		seen.add(key);
		for (const p of pieces) advice.add(p);
	}
	return out;
}

/** Every catalog step with a `grant`, by its text. */
function stepGrants(): Map<string, readonly Grant[]> {
	const map = new Map<string, readonly Grant[]>();
	const add = (f: Fix) => { if (f.grant?.length) map.set(f.text, f.grant); };
	for (const entry of service.catalog.entries) {
		entry.fixes.forEach(add);
		for (const cause of entry.causes) cause.fixes?.forEach(add);
	}
	return map;
}

/** Words of a step only about redeeming an authorization code (RFC 6749 §4.1.3, RFC 7636), with nothing about refresh. */
const CODE_ONLY = /\b(?:redeem|exchange)\w* (?:each |the |a )?(?:authorization )?codes?\b|\bcode_verifier\b|\bpkce verifier\b/i;

suite('report steps over the corpora, the examples and the seeds', function () {
	this.timeout(120_000);
	let all: Report[];
	suiteSetup(() => { all = reports(); });

	test('the corpora give many reports with steps (the checks below are not vacuous)', () => {
		assert.ok(all.filter(r => r.steps.length).length > 300, `${all.filter(r => r.steps.length).length} reports with steps`);
		assert.ok(all.some(r => r.grant === 'refresh_token'), 'some report is about a refresh request');
	});

	test('no report lists a step twice, in the same or other words', () => {
		const found = all.flatMap(r => duplicates(r.steps).map(s => `${r.file}: "${s}"`));
		assert.deepEqual(found, []);
	});

	test('no report lists a step for another grant than the one its request names', () => {
		const grants = stepGrants();
		assert.ok(grants.size > 5, 'the catalog tags steps with their grant');
		const found: string[] = [];
		for (const r of all) {
			if (!r.grant) continue;
			for (const s of r.steps) {
				const g = grants.get(s);
				if (g && !g.includes(r.grant)) found.push(`${r.file} (${r.grant}): "${s}" is for ${g.join(', ')}`);
				else if (r.grant === 'refresh_token' && CODE_ONLY.test(s) && !/refresh/i.test(s)) found.push(`${r.file} (refresh_token): "${s}" is about a code exchange`);
			}
		}
		assert.deepEqual(found, []);
	});

	test('no report on a 401 or 403 tells the user to wait for Retry-After', () => {
		const found = all.filter(r => r.status === 401 || r.status === 403).flatMap(r => r.steps.filter(s => /retry-after/i.test(s)).map(s => `${r.file} (HTTP ${r.status}): "${s}"`));
		assert.deepEqual(found, []);
	});

	test('the checks catch what they look for', () => {
		assert.deepEqual(duplicates(['Send the user through interactive sign-in again.', 'On expiry, fall back to interactive sign-in.']), ['On expiry, fall back to interactive sign-in.']);
		assert.deepEqual(duplicates(['Use the secret value.', 'Use the `secret` value!']), ['Use the `secret` value!']);
		assert.ok(CODE_ONLY.test('Redeem authorization codes immediately after the redirect.'));
	});

	test('an Entra refresh answered with AADSTS70008: the refresh-token steps only', () => {
		const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/surfaces/entra-refresh.http'), 'utf8');
		const analysis = service.analyze(text);
		const response = analysis.messages.find(m => m.kind === 'response')!;
		assert.equal(response.diagnosis?.kind, 'refresh-token-expired');
		const steps = response.diagnosis!.steps;
		assert.ok(steps.length >= 1);
		assert.ok(steps.every(s => !CODE_ONLY.test(s)), steps.join(' | '));
		assert.deepEqual(duplicates(steps), []);
		assert.ok(/sign-in|sign in/i.test(steps[0]), steps[0]);
	});
});
