// `npm run bench`: measures speed and size against the goals of the project, prints a table and
// writes bench-results.json at the repository root.
//
// Usage: node scripts/bench/bench.mjs [--no-vscode] [--quick]
//   --no-vscode  skip the activation time (it needs the real VS Code of the test harness)
//   --quick      10 MiB instead of 100 MiB for the scan and memory figures (a smoke run)
//
// MB below means MiB (2^20 bytes). Every input is generated from a fixed seed, so runs compare.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { adversarialTexts, manyTokensJson, nearMissCodes, ordinaryText, random, realisticLog } from './corpus.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'out', 'bench');
const MiB = 1024 * 1024;
const { values: flags } = parseArgs({ options: { 'no-vscode': { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const SCAN_MB = flags.quick ? 10 : 100;

/** Median of a list of numbers. */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Milliseconds taken by `fn`, median of `runs` runs. `between` runs untimed before each run: the
 * analyses analyse another text there, so that no run finds anything left from the run before on
 * the same text (a document is analysed once when it is opened; the core once kept its last
 * searches in module-level caches, which made repeated runs on one text look faster than a first one).
 */
function timeMs(fn, runs = 3, between = () => {}) {
	const times = [];
	for (let i = 0; i < runs; i++) {
		between();
		const start = performance.now();
		fn();
		times.push(performance.now() - start);
	}
	return median(times);
}

/** Another text analysed between timed runs (see timeMs). */
const OTHER_TEXT = realisticLog(256 * 1024, 11);

function step(what) {
	process.stderr.write(`bench: ${what}…\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
	if (result.status !== 0 && !options.allowExit?.includes(result.status)) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
	return result;
}

/** The core, bundled on its own for Node (the extension bundle needs the vscode module). */
async function loadCore() {
	mkdirSync(OUT, { recursive: true });
	const outfile = join(OUT, 'core.cjs');
	await esbuild.build({
		entryPoints: [join(ROOT, 'src', 'core', 'index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs',
		target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning',
	});
	return createRequire(import.meta.url)(outfile);
}

/** The 100 MB log, written once per generator version (it takes a few seconds to make). */
function corpusFile(mb) {
	const file = join(OUT, `corpus-${mb}mb-v1.log`);
	if (!existsSync(file) || statSync(file).size !== mb * MiB) writeFileSync(file, realisticLog(mb * MiB, 1));
	return file;
}

/** An ERE alternation of every code in the catalog, for grep. */
function grepPattern(core) {
	const codes = new Set(core.bundledCatalog().entries.map(e => e.code));
	return [...codes].map(code => code.replace(/[.[\]{}()*+?^$|\\]/g, '\\$&')).join('|');
}

function measureScan(core, file) {
	step(`analysing the ${SCAN_MB} MB log (3 runs)`);
	const text = readFileSync(file, 'latin1');
	let messages = 0;
	const ms = timeMs(() => { messages = core.analyze(text, { maxMessages: Infinity }).messages.length; }, 3, () => core.analyze(OTHER_TEXT));
	step(`grep -E -c over the same file (3 runs)`);
	const pattern = grepPattern(core);
	let count = '';
	const grepMs = timeMs(() => {
		const r = run('grep', ['-E', '-c', pattern, file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LC_ALL: 'C' }, allowExit: [1] });
		count = r.stdout.toString().trim();
	});
	return { scanMBps: SCAN_MB / (ms / 1000), grepMBps: SCAN_MB / (grepMs / 1000), scanMs: ms, grepMs, messages, grepLines: Number(count) };
}

/** Replaces one whole line of `text` (chosen with `rnd`) by `line`; returns the new text and the edit. */
function editOneLine(text, rnd, line) {
	const start = text.lastIndexOf('\n', Math.floor(rnd() * text.length) - 1) + 1;
	let end = text.indexOf('\n', start);
	if (end < 0) end = text.length;
	return { text: text.slice(0, start) + line + text.slice(end), edit: { start, oldEnd: end, newEnd: start + line.length } };
}

function measureDocument(core) {
	step('analysing a 10 MB log with pasted responses');
	let text = realisticLog(10 * MiB, 3);
	const fullAnalysisMs10MB = timeMs(() => core.analyze(text), 3, () => core.analyze(OTHER_TEXT));
	step('re-analysing after one-line edits (50 edits)');
	const rnd = random(7);
	const lines = ['2026-11-23T12:00:00.000Z ERROR [main] c.e.auth.TokenClient - token request failed: invalid_grant (refresh token revoked)',
		'2026-11-23T12:00:00.000Z INFO  [main] c.e.orders.OrderController - request completed', 'HTTP/1.1 401 Unauthorized', ''];
	let analysis = core.analyze(text);
	const incremental = [];
	for (let i = 0; i < 50; i++) {
		const next = editOneLine(text, rnd, lines[i % lines.length]);
		// The editor hands over a flat string; joining the pieces of this one is not the analysis's work.
		next.text.indexOf('\u0000');
		const start = performance.now();
		analysis = core.reanalyze(analysis, next.text, next.edit);
		incremental.push(performance.now() - start);
		text = next.text;
	}
	step('hover lookups at 10,000 random positions');
	const catalog = core.bundledCatalog();
	const readSpan = span => text.slice(span.start, span.end);
	for (let i = 0; i < 1000; i++) core.hoverAt(analysis, Math.floor(rnd() * text.length), catalog, readSpan);
	const hover = [];
	let hits = 0;
	for (let i = 0; i < 10_000; i++) {
		const offset = Math.floor(rnd() * text.length);
		const start = performance.now();
		if (core.hoverAt(analysis, offset, catalog, readSpan)) hits++;
		hover.push(performance.now() - start);
	}
	// Positions on error codes, where a hover has content to build.
	const onCodes = analysis.messages.flatMap(m => m.errors.map(e => e.span.start));
	for (let i = 0; i < 2000 && onCodes.length; i++) {
		const offset = onCodes[Math.floor(rnd() * onCodes.length)];
		const start = performance.now();
		if (core.hoverAt(analysis, offset, catalog, readSpan)) hits++;
		hover.push(performance.now() - start);
	}
	return {
		fullAnalysisMs10MB, incrementalMs: median(incremental), incrementalMaxMs: Math.max(...incremental),
		hoverP99Ms: percentile(hover, 99), hoverHits: hits, hoverSamples: hover.length,
	};
}

function measurePathological(core) {
	const size = 10 * MiB;
	step('pathological inputs, 10 MB each (3 runs each)');
	const ordinary = ordinaryText(size);
	const baseMs = timeMs(() => core.analyze(ordinary), 3, () => core.analyze(OTHER_TEXT));
	const rows = [];
	for (const [name, text] of Object.entries(adversarialTexts(size))) {
		const ms = timeMs(() => core.analyze(text), 3, () => core.analyze(OTHER_TEXT));
		rows.push({ name, ms, ratio: ms / baseMs });
	}
	const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
	return { pathologicalRatio: worst.ratio, pathologicalWorst: worst.name, ordinaryMs: baseMs, rows };
}

/** Code suggestions for 1,000 near-miss unknown codes against a custom catalog of 10,000 entries (issue 13: 26 s). */
function measureSuggestions(core) {
	step('1,000 near-miss codes against a 10,000-entry custom catalog');
	const { codes, misses } = nearMissCodes(10_000);
	const entry = code => ({
		id: `acme.${code}`, code, namespace: 'acme', kind: 'error', occurs: ['token'], status: [400], title: code, summary: 'A custom error.',
		causes: [{ text: 'A custom cause.' }], fixes: [{ text: 'A custom fix.' }], references: [{ title: 'Runbook', url: 'https://runbooks.example.com/' }],
	});
	const catalog = new core.Catalog([{ version: 1, entries: codes.map(entry) }, ...core.bundledCatalogFiles]);
	const text = misses.map((code, i) => `2026-11-23T10:00:${String(i % 60).padStart(2, '0')}.000Z ERROR token call failed {"error":"${code}"}`).join('\n');
	let suggested = 0;
	const ms = timeMs(() => { suggested = core.analyze(text, { catalog, maxMessages: Infinity }).messages.filter(m => m.errors.some(e => e.suggestion)).length; }, 1);
	return { nearMissMs: ms, suggested };
}

/** The CLI's human output of a 1.7 MB JSON with 20,000 tokens (issue 13: 10.9 s when each secret was scrubbed over the whole output). */
function measureCliScrub() {
	step('CLI human output of a JSON document with 20,000 tokens');
	const file = join(OUT, 'many-tokens.json');
	writeFileSync(file, manyTokensJson(20_000));
	const ms = timeMs(() => run(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'explain', file], { stdio: ['ignore', 'ignore', 'inherit'] }), 1);
	return { cliManyTokensMs: ms, bytes: statSync(file).size };
}

/** `explain --json` on the log on one thread and on one worker thread per core (--threads); the outputs must be equal. */
function measureCliThreads(file) {
	const threads = Math.max(2, availableParallelism());
	step(`CLI on the ${SCAN_MB} MB log, one thread and ${threads} threads`);
	const timed = n => {
		const start = performance.now();
		const r = run(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'explain', file, '--json', '--threads', String(n)], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1024 * MiB });
		return { ms: performance.now() - start, hash: createHash('sha256').update(r.stdout).digest('hex') };
	};
	const single = timed(1);
	const threaded = timed(threads);
	if (single.hash !== threaded.hash) throw new Error(`explain --threads ${threads} printed something else than --threads 1`);
	return { cliSingleMs: single.ms, cliThreadedMs: threaded.ms, threads };
}

function measureCliMemory(file) {
	step(`peak memory of the CLI on the ${SCAN_MB} MB log`);
	const rssFile = join(OUT, 'cli-max-rss.txt');
	run(process.execPath, ['--import', pathToFileURL(join(import.meta.dirname, 'maxRss.mjs')).href, join(ROOT, 'dist', 'cli.js'), 'explain', file],
		{ stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TEH_MAX_RSS_FILE: rssFile } });
	return Number(readFileSync(rssFile, 'utf8')) / 1024;
}

/**
 * Activation as VS Code's Running Extensions editor shows it, in fresh profiles: with the shipped
 * activation events, and isolated (activating alone when the .http file opens, so the figure is
 * our own code loading and activate(), not the built-in extensions activating in the same burst).
 */
async function measureActivation(vsix) {
	const { measureActivation: measure } = await import('../realVscode/measureActivation.mjs');
	step('activation time in the real VS Code (code-server), shipped activation events, 3 fresh starts');
	const shipped = await measure({ vsix, runs: 3 });
	step('activation time in the real VS Code, activating alone, 3 fresh starts');
	const isolated = await measure({ vsix, runs: 3, isolated: true });
	return { shipped, isolated };
}

function format(value, digits = 1) {
	return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits > 0 ? 1 : 0 }) : String(value);
}

async function main() {
	const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	step('building and packaging');
	run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
	const vsix = join(ROOT, `token-error-help-${version}.vsix`);
	const core = await loadCore();
	const file = corpusFile(SCAN_MB);
	const scan = measureScan(core, file);
	const document = measureDocument(core);
	const pathological = measurePathological(core);
	const cliPeakRssMB = measureCliMemory(file);
	const cliThreads = measureCliThreads(file);
	const suggestions = measureSuggestions(core);
	const scrub = measureCliScrub();
	const activation = flags['no-vscode'] ? null : await measureActivation(vsix);
	const results = {
		scanMBps: scan.scanMBps,
		grepMBps: scan.grepMBps,
		scanVsGrep: scan.scanMBps / scan.grepMBps,
		fullAnalysisMs10MB: document.fullAnalysisMs10MB,
		incrementalMs: document.incrementalMs,
		hoverP99Ms: document.hoverP99Ms,
		bundleBytes: statSync(join(ROOT, 'dist', 'extension.js')).size,
		vsixBytes: statSync(vsix).size,
		activationMs: activation ? activation.shipped.medianMs : null,
		activationOwnMs: activation ? activation.isolated.medianMs : null,
		pathologicalRatio: pathological.pathologicalRatio,
		cliPeakRssMB,
		nearMissMs: suggestions.nearMissMs,
		cliManyTokensMs: scrub.cliManyTokensMs,
	};
	Object.assign(results, { cliSingleMs: cliThreads.cliSingleMs, cliThreadedMs: cliThreads.cliThreadedMs });
	const goals = {
		scanVsGrep: ['≥ 1.0', v => v >= 1], incrementalMs: ['≤ 10', v => v <= 10], hoverP99Ms: ['≤ 1', v => v <= 1],
		bundleBytes: ['≤ 153,600', v => v <= 150 * 1024], vsixBytes: ['≤ 307,200', v => v <= 300 * 1024], activationMs: ['≤ 20', v => v <= 20], activationOwnMs: ['≤ 20', v => v <= 20],
		pathologicalRatio: ['≤ 3', v => v <= 3], cliPeakRssMB: ['≤ 400', v => v <= 400],
	};
	const notes = {
		scanMBps: `${SCAN_MB} MB log, ${format(scan.scanMs, 0)} ms, ${scan.messages} messages, no message cap`,
		grepMBps: `GNU grep -E -c, LC_ALL=C, ${format(scan.grepMs, 0)} ms, ${scan.grepLines} lines`,
		incrementalMs: `median of 50 one-line edits; max ${format(document.incrementalMaxMs, 2)} ms`,
		hoverP99Ms: `${document.hoverSamples} lookups, ${document.hoverHits} with a hover`,
		activationMs: activation ? `median of ${activation.shipped.runs.map(v => format(v, 0)).join(', ')} ms; includes built-ins activating in the same burst` : 'skipped (--no-vscode)',
		activationOwnMs: activation ? `median of ${activation.isolated.runs.map(v => format(v, 0)).join(', ')} ms; activating alone on opening an .http file` : 'skipped (--no-vscode)',
		pathologicalRatio: `worst: ${pathological.pathologicalWorst}; ordinary text ${format(pathological.ordinaryMs, 0)} ms`,
		cliPeakRssMB: `explain on the ${SCAN_MB} MB log`,
		nearMissMs: `analysis of 1,000 near-miss unknown codes against a 10,000-entry custom catalog; ${suggestions.suggested} suggestions`,
		cliManyTokensMs: `explain (human output) of ${format(scrub.bytes / MiB, 1)} MB of JSON with 20,000 tokens, process start included`,
	};
	notes.cliThreadedMs = `explain --json on the ${SCAN_MB} MB log with --threads ${cliThreads.threads} (cliSingleMs: --threads 1), process start included; same output`;
	const rows = Object.entries(results).map(([key, value]) => {
		const goal = goals[key];
		const status = !goal ? '' : value === null ? 'not measured' : goal[1](value) ? 'met' : 'MISSED';
		return [key, format(value, key.endsWith('Bytes') ? 0 : 2), goal?.[0] ?? '', status, notes[key] ?? ''];
	});
	const widths = [0, 1, 2, 3].map(i => Math.max(...rows.map(r => r[i].length), 6));
	console.log(['metric', 'value', 'goal', 'status'].map((h, i) => h.padEnd(widths[i])).join('  '));
	for (const r of rows) console.log(`${r.slice(0, 4).map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}  ${r[4]}`);
	console.log('\npathological inputs (10 MB each, ms and ratio to ordinary text):');
	for (const r of pathological.rows) console.log(`  ${r.name.padEnd(26)} ${format(r.ms, 0).padStart(7)} ms  ×${format(r.ratio, 2)}`);
	writeFileSync(join(ROOT, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
	console.log('\nWrote bench-results.json.');
}

main().catch(error => {
	console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
});
