/*
 * Prints how the analysis does on corpus folders, without failing: for real
 * pastes (test/fixtures/realworld*), codes found right, vendor named right and
 * the diagnosed cause kind (top one, top two) against the labels; for texts
 * holding no error (test/fixtures/no-errors*), how many stay silent.
 *
 *   npm run corpus -- test/fixtures/realworld-heldout4 test/fixtures/no-errors-heldout4 [--verbose]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, bundledCatalog } from '../src/core';
import { codeProblems, diagnosisFor, fixtureFiles, foundIn, readCases, unexpectedReports, vendorProblem, type Allowance } from '../test/corpus';

const verbose = process.argv.includes('--verbose');
const folders = process.argv.slice(2).filter(a => !a.startsWith('--'));
if (!folders.length) {
	console.error('usage: npm run corpus -- <fixture folder>... [--verbose]');
	process.exit(2);
}
const catalog = bundledCatalog();
for (const dir of folders) {
	if (fs.existsSync(path.join(dir, 'allowed.json'))) measureNoErrors(dir);
	else measureRealWorld(dir);
}

function measureRealWorld(dir: string): void {
	const cases = readCases(dir);
	let codesRight = 0;
	let withVendor = 0;
	let vendorRight = 0;
	let labelled = 0;
	let top1 = 0;
	let top2 = 0;
	const lines: string[] = [];
	for (const c of cases) {
		const analysis = analyze(fs.readFileSync(path.join(dir, c.file), 'utf8'));
		const found = foundIn(analysis);
		const problems = codeProblems(c, found, code => catalog.has(code));
		if (!problems.length) codesRight++;
		else lines.push(`  codes  ${c.file}: ${problems.join('; ')}`);
		if (c.vendor) {
			withVendor++;
			const problem = vendorProblem(c, found, analysis);
			if (!problem) vendorRight++;
			else lines.push(`  vendor ${c.file}: ${problem}`);
		}
		if (c.causeKinds?.length) {
			labelled++;
			const d = diagnosisFor(c, found, analysis);
			const kinds = d ? [d.kind, ...d.alternatives.map(a => a.kind)] : [];
			if (kinds[0] && c.causeKinds.includes(kinds[0])) top1++;
			if (kinds.slice(0, 2).some(k => c.causeKinds!.includes(k))) top2++;
			else lines.push(`  cause  ${c.file}: got ${kinds.slice(0, 2).join(', ') || 'no diagnosis'}; labelled ${c.causeKinds.join(', ')}`);
		}
	}
	const pct = (n: number, d: number) => d ? `${n}/${d} (${Math.round((100 * n) / d)} %)` : 'n/a';
	console.log(`${dir}: ${cases.length} real pastes`);
	console.log(`  codes right ${pct(codesRight, cases.length)}; vendor right ${pct(vendorRight, withVendor)}; cause kind top-1 ${pct(top1, labelled)}, top-2 ${pct(top2, labelled)}`);
	if (verbose) console.log(lines.join('\n'));
}

function measureNoErrors(dir: string): void {
	const allowances = JSON.parse(fs.readFileSync(path.join(dir, 'allowed.json'), 'utf8')) as Allowance[];
	const files = fixtureFiles(dir);
	let silent = 0;
	const lines: string[] = [];
	for (const file of files) {
		const text = fs.readFileSync(path.join(dir, file), 'utf8');
		const extra = unexpectedReports(text, analyze(text), allowances.find(a => a.file === file));
		if (!extra.length) silent++;
		else lines.push(`  ${file}: ${extra.slice(0, 3).join('; ')}`);
	}
	console.log(`${dir}: ${files.length} texts without errors; silent (or only what allowed.json allows) ${silent}/${files.length}`);
	if (verbose) console.log(lines.join('\n'));
}
