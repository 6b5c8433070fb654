import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, hoverAt, renderReport, type Analysis } from '../../src/core';
import { decodeDescription } from '../../src/core/recognize/describe';
import { fixtureFiles } from '../corpus';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { codeSpans, inertnessProblems, needlessEscapes } from '../markdownCheck';

/*
 * Reports and hovers read clean as plain text and as rendered Markdown, on every real paste
 * (test/fixtures/realworld*, but never a held-out round still being collected) and every example:
 * no needless escape (see needlessEscapes for the precise rule), nothing a renderer reads as
 * Markdown of the paste's own (see inertnessProblems), and no error_description shown still
 * encoded (JSON string escapes, percent-encoding, HTML entities).
 */

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const FOLDERS = fs.readdirSync(FIXTURES).filter(d => d.startsWith('realworld') && !d.includes('heldout5')).sort();
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
/** Strong text a hover writes besides its labels: catalog titles. */
const TITLES = new Set(bundledCatalog().entries.map(e => e.title));

interface Paste { name: string; text: string }

function pastes(): Paste[] {
	const out: Paste[] = [];
	for (const folder of FOLDERS) {
		const dir = path.join(FIXTURES, folder);
		for (const f of fixtureFiles(dir)) out.push({ name: `${folder}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
	}
	for (const f of fs.readdirSync(EXAMPLES).filter(f => f !== 'EXPECTED.md').sort()) out.push({ name: `examples/${f}`, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8') });
	return out;
}

/** The hovers of a paste: one on each error code, vendor code, status line and challenge. */
function hovers(text: string, analysis: Analysis): string[] {
	const offsets = new Set<number>();
	for (const m of analysis.messages) {
		for (const e of m.errors) offsets.add(e.span.start);
		for (const v of m.vendorCodes) offsets.add(v.span.start);
		if (m.startLine) offsets.add(m.startLine.start);
		for (const c of m.challenges) offsets.add(c.header.span.start);
	}
	return [...offsets].map(o => hoverAt(analysis, o, undefined, s => text.slice(s.start, s.end))?.markdown).filter((h): h is string => !!h);
}

/** Encoded sequences a decoded description no longer holds. */
const ENCODED: Array<[string, RegExp]> = [
	['a JSON-escaped quote', /\\"/],
	['a JSON escape (\\n, \\t, \\/, \\u…)', /\\[nrtbf/]|\\u[0-9A-Fa-f]{4}/],
	['percent-encoding', /%[0-9A-Fa-f]{2}/],
	['an HTML entity', /&(?:amp|quot|lt|gt|apos|#[0-9]{1,5}|#x[0-9A-Fa-f]{1,4});/],
];

/** The problems found, then how many reports and hovers were looked at. */
function survey(): { problems: string[]; reports: number; hovers: number; descriptions: number; escapes: number } {
	const problems: string[] = [];
	let reports = 0;
	let hoverCount = 0;
	let descriptions = 0;
	let escapes = 0;
	for (const p of pastes()) {
		const analysis = analyze(p.text);
		const documents = [renderReport(p.text, analysis.messages), ...hovers(p.text, analysis)];
		reports++;
		hoverCount += documents.length - 1;
		for (const md of documents) {
			escapes += (md.match(/\\[!-/:-@[-`{-~]/g) ?? []).length;
			for (const e of needlessEscapes(md)) problems.push(`${p.name}: needless escape ${e}`);
			// What a renderer makes of it: nothing of the paste's own (links, HTML, emphasis, math…).
			for (const e of inertnessProblems(md, { ownStrong: t => TITLES.has(t) })) problems.push(`${p.name}: rendered ${e}`);
		}
		// The description as the report shows it: the code span after "error_description:".
		for (const line of documents[0].split('\n')) {
			if (!line.startsWith('- error_description: ')) continue;
			descriptions++;
			const shown = codeSpans(line)[0] ?? '';
			for (const [what, re] of ENCODED) if (re.test(shown)) problems.push(`${p.name}: description shown with ${what}: ${shown}`);
		}
	}
	return { problems, reports, hovers: hoverCount, descriptions, escapes };
}

suite('report quality over the corpora and examples', () => {
	test('the corpora and examples are all there', () => {
		assert.ok(FOLDERS.length >= 5, FOLDERS.join(', '));
		assert.ok(pastes().length >= 400, String(pastes().length));
	});

	test('no needless escape and no description left encoded, in any report or hover', function () {
		this.timeout(120_000);
		const { problems, reports, hovers: hoverCount, descriptions } = survey();
		assert.ok(reports >= 400 && hoverCount >= 400 && descriptions >= 150, `${reports} reports, ${hoverCount} hovers, ${descriptions} descriptions`);
		assert.deepEqual(problems, []);
	});
});

suite('needlessEscapes: the rule itself', () => {
	const rows: Array<[md: string, needless: number]> = [
		['## invalid\\_grant\\: Invalid grant \\(Entra\\)', 4],
		['## invalid_grant: Invalid grant (Entra)', 0],
		['- \\# not a heading', 0],
		['- a \\# b', 1],
		['- \\*\\*bold\\*\\*', 0],
		['- a \\* b', 1],
		['- a\\_b', 1],
		['- \\_a\\_', 0],
		['- see \\[x\\](y)', 0],
		['- see \\[x', 1],
		['- \\<img> and a \\< b', 1],
		['- 1\\. item', 0],
		['- v1\\.2', 1],
		['- `a\\_b` and \\`', 0],
		['- \\$5 and a \\$ b', 1],
		['- \\&amp; and \\& b', 1],
	];
	for (const [md, needless] of rows) test(md, () => assert.equal(needlessEscapes(md).length, needless, needlessEscapes(md).join('; ')));
});

suite('decodeDescription', () => {
	const rows: Array<[raw: string, decoded: string]> = [
		['The \\"code\\" has expired.\\nTrace ID: 1', 'The "code" has expired. Trace ID: 1'],
		['AADSTS50011: The redirect URI \\\\\\"https:\\\\/\\\\/app\\\\/cb\\\\\\" does not match', 'AADSTS50011: The redirect URI "https://app/cb" does not match'],
		['Invalid+redirect_uri%3A+https%3A%2F%2Fapp.example.com%2Fcb', 'Invalid redirect_uri: https://app.example.com/cb'],
		['Client &quot;web&quot; is not allowed', 'Client "web" is not allowed'],
		['Client &amp;quot;web&amp;quot; is not allowed', 'Client "web" is not allowed'],
		['caf\\u00e9 &#39;x&#39;', 'café \'x\''],
		['plain words, 100% sure', 'plain words, 100% sure'],
	];
	for (const [raw, decoded] of rows) test(JSON.stringify(raw), () => assert.equal(decodeDescription(raw), decoded));
});
