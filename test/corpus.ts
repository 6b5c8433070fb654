/*
 * Judging the corpora of real pastes (test/fixtures/realworld*) and of texts
 * holding no error (test/fixtures/no-errors*): shared by the unit tests and by
 * `npm run corpus`, which prints the figures for a folder (a held-out round is
 * measured with it before anything is tuned on it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis, CatalogEntry, Diagnosis, HttpMessage } from '../src/core';

/** One real paste and what an expert reads in it (expected.json). */
export interface RealWorldCase {
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
	/** Accepted cause kinds, best first; null when neither the paste nor its thread shows the cause. */
	causeKinds?: string[] | null;
	causeNote?: string;
}

/** A reported mention: an error or a vendor code, with the message carrying it. */
export interface Found {
	code: string;
	entry: CatalogEntry | null;
	message: HttpMessage;
	kind: 'error' | 'vendorCode';
}

/** Fixture files of a corpus folder (not its expected.json, allowed.json or README). */
export function fixtureFiles(dir: string): string[] {
	return fs.readdirSync(dir).filter(f => f !== 'expected.json' && f !== 'allowed.json' && f !== 'README.md' && !f.startsWith('expected-')).sort();
}

/** The folders whose every report the report tests read (relative to the repository): real pastes, texts without errors, seeds and examples. */
export const REPORT_FOLDERS = ['test/fixtures/realworld', 'test/fixtures/realworld-heldout', 'test/fixtures/realworld-heldout2', 'test/fixtures/realworld-vendors',
	'test/fixtures/realworld-heldout4', 'test/fixtures/no-errors', 'test/fixtures/no-errors-heldout', 'test/fixtures/no-errors-heldout2',
	'test/fixtures/no-errors-heldout4', 'test/fixtures/seeds', 'examples'];

/** The fixture texts of `folders` (relative to `root`), each with its folder and file name; a missing folder is skipped. */
export function corpusTexts(root: string, folders: readonly string[]): Array<{ folder: string; file: string; text: string }> {
	const out: Array<{ folder: string; file: string; text: string }> = [];
	for (const folder of folders) {
		const dir = path.join(root, folder);
		if (!fs.existsSync(dir)) continue;
		for (const file of fixtureFiles(dir)) out.push({ folder, file, text: fs.readFileSync(path.join(dir, file), 'utf8') });
	}
	return out;
}

/** The cases of a real-paste folder: expected.json, or every expected-*.json (folders filled by several people). */
export function readCases(dir: string): RealWorldCase[] {
	const files = fs.readdirSync(dir).filter(f => f === 'expected.json' || /^expected-.+\.json$/.test(f));
	return files.flatMap(f => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RealWorldCase[]);
}

/** Reported mentions only: a code taken as documentation (`inProse`, hover only) is not found. */
export function foundIn(analysis: Analysis): Found[] {
	const out: Found[] = [];
	for (const message of analysis.messages) {
		for (const e of message.errors) if (!e.inProse) out.push({ code: e.code, entry: e.entry, message, kind: 'error' });
		for (const v of message.vendorCodes) if (!v.inProse) out.push({ code: v.code, entry: v.entry, message, kind: 'vendorCode' });
	}
	return out;
}

/** The mention stands for `code`: the same word, or a word whose entry has `code` as its code or alias (MissingTokenError → missing_token). */
export function standsFor(found: Found, code: string): boolean {
	if (found.code === code) return true;
	const entry = found.entry;
	return entry !== null && (entry.code === code || (entry.aliases ?? []).includes(code));
}

/** What was wrong with the codes of a case: missing codes, codes without their entry, unexpected codes. */
export function codeProblems(c: RealWorldCase, found: readonly Found[], known: (code: string) => boolean): string[] {
	const problems: string[] = [];
	const check = (code: string, kinds: ReadonlyArray<Found['kind']>) => {
		const hits = found.filter(f => kinds.includes(f.kind) && standsFor(f, code));
		if (!hits.length) problems.push(`"${code}" not found`);
		else if (known(code) && !hits.some(f => f.entry !== null)) problems.push(`"${code}" found without its catalog entry`);
	};
	for (const code of c.errors) check(code, ['error']);
	for (const code of c.vendorCodes) check(code, ['vendorCode', 'error']);
	const allowed = [...c.errors, ...c.vendorCodes, ...(c.mayReport ?? [])];
	for (const f of found) if (!allowed.some(code => standsFor(f, code))) problems.push(`unexpected "${f.code}" → ${f.entry?.id ?? 'no entry'}`);
	return problems;
}

/** Empty when the case's vendor names the messages (or entries) that carry its codes, else why not. */
export function vendorProblem(c: RealWorldCase, found: readonly Found[], analysis?: Analysis): string | undefined {
	const vendor = c.vendor;
	if (!vendor) return undefined;
	const expected = [...c.errors, ...c.vendorCodes];
	if (!expected.length && analysis) {
		// A paste with no code to carry the vendor (a bare 401, a library's message): the vendor a report names is the one its messages show.
		return analysis.messages.some(m => m.vendor === vendor) ? undefined : `no message names ${vendor}; messages show: ${[...new Set(analysis.messages.map(m => m.vendor ?? 'none'))].join(', ') || 'no message'}`;
	}
	const carriers = found.filter(f => expected.some(code => standsFor(f, code)));
	if (!carriers.some(f => f.message.vendor === vendor || f.entry?.vendor === vendor)) {
		return `no message or entry of ${vendor} carries the codes; reported: ${describe(found)}`;
	}
	const other = carriers.filter(f => f.entry?.vendor && f.entry.vendor !== vendor);
	return other.length ? `explained by another vendor's entry: ${other.map(f => `${f.code} → ${f.entry?.id}`).join(', ')}` : undefined;
}

/**
 * The diagnosis a paste's report leads with: that of the message carrying an expected code, else of any
 * message carrying a code, else (a paste with no code: a bare 401, a status in an error object) of the
 * first diagnosed message.
 */
export function diagnosisFor(c: RealWorldCase, found: readonly Found[], analysis: Analysis): Diagnosis | undefined {
	const expected = [...c.errors, ...c.vendorCodes];
	const carrier = found.find(f => expected.some(code => standsFor(f, code)) && f.message.diagnosis) ?? found.find(f => f.message.diagnosis);
	return carrier?.message.diagnosis ?? (found.length ? undefined : analysis.messages.find(m => m.diagnosis)?.diagnosis);
}

export function describe(found: readonly Found[]): string {
	return found.map(f => `${f.code} → ${f.entry?.id ?? 'no entry'} (vendor ${f.message.vendor ?? 'none'})`).join(', ') || 'nothing';
}

/** An allowance of a no-error text (allowed.json). */
export interface Allowance {
	file: string;
	/** Rule ids that may be reported for this file. */
	allowedRules: string[];
	why: string;
	/** When present, the only values that `secret-exposed` may flag. */
	secretValues?: string[];
}

/** Everything reported for a no-error text beyond its allowance, one line each. */
export function unexpectedReports(text: string, analysis: Analysis, allowance: Allowance | undefined): string[] {
	const rules = new Set(allowance?.allowedRules ?? []);
	const errorsAllowed = rules.has('recognized-error') || rules.has('unknown-code');
	const vendorCodesAllowed = rules.has('vendor-code');
	const out: string[] = [];
	for (const message of analysis.messages) {
		if (!errorsAllowed) {
			for (const e of message.errors) if (!e.inProse) out.push(`line ${lineOf(text, e.span.start)}: error code "${e.code}"`);
		}
		if (!vendorCodesAllowed) {
			for (const v of message.vendorCodes) if (!v.inProse) out.push(`line ${lineOf(text, v.span.start)}: vendor code "${v.code}"`);
		}
		for (const f of message.findings) {
			const value = text.slice(f.span.start, f.span.end);
			const allowedSecret = f.rule !== 'secret-exposed' || !allowance?.secretValues || allowance.secretValues.includes(value);
			if (rules.has(f.rule) && allowedSecret) continue;
			out.push(`line ${lineOf(text, f.span.start)}: ${f.rule} (${f.severity}) on «${quote(text, f.span.start, f.span.end)}»: ${f.message.slice(0, 100)}`);
		}
	}
	return out;
}

function lineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

function quote(text: string, start: number, end: number): string {
	const s = text.slice(start, end).replace(/\s+/g, ' ');
	return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
