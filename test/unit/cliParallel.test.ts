/**
 * `explain --threads`: a large input analysed in parts on worker threads gives byte for byte the
 * output of one thread (human, --json, sarif), also when records straddle the even cut points,
 * every record holds a secret, and the message cap is reached in the middle of a part.
 * Runs the built CLI (dist/cli.js); a test knob lowers the 4 MB threshold, the part size and the
 * message cap so that inputs of a few hundred kilobytes are cut into many parts and capped.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { cutPoints, threadCount } from '../../src/cli/parallel';
import { isRecordStart } from '../../src/core/parse/lines';
import { fakeJwt, prng } from './rulesUtil';

const CLI = resolve(__dirname, '../../dist/cli.js');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

function explain(file: string, args: string[], partChars: number, maxMessages: number): Run {
	const env: NodeJS.ProcessEnv = { ...process.env, TOKEN_ERROR_HELP_PARALLEL_TEST: `0:${partChars}:${maxMessages}` };
	delete env.FORCE_COLOR;
	const r = spawnSync(process.execPath, [CLI, 'explain', file, ...args], { encoding: 'utf8', env, timeout: 120_000, maxBuffer: 512 * 1024 * 1024 });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function word(random: () => number, length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) s += ALNUM[Math.floor(random() * ALNUM.length)];
	return s;
}

/** A timestamp for record `i` (every record starts a line with one: a record start for the core). */
function stamp(i: number): string {
	const s = i % 60;
	const m = Math.floor(i / 60) % 60;
	const h = Math.floor(i / 3600) % 24;
	return `2026-11-23T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
}

/**
 * `records` log records, each with a secret: one-line errors with a refresh token, multi-line
 * records holding a pasted HTTP response (headers, a cookie, a JSON error body), records with a
 * bearer token and a vendor code, and plain lines with a client secret. Multi-line records are
 * long, so even cut points fall inside them.
 */
function logWithSecrets(records: number, seed: number): string {
	const random = prng(seed);
	const lines: string[] = [];
	for (let i = 0; i < records; i++) {
		const at = stamp(i);
		switch (Math.floor(random() * 4)) {
			case 0:
				lines.push(`${at} ERROR [main] c.e.auth.TokenClient - token request failed: {"error":"invalid_grant","error_description":"refresh token expired","refresh_token":"${word(random, 40)}"}`);
				break;
			case 1:
				lines.push(`${at} WARN  [http-1] c.e.http.RestClient - call to https://login.microsoftonline.com/common/oauth2/v2.0/token failed:`,
					'HTTP/1.1 400 Bad Request',
					'Content-Type: application/json; charset=utf-8',
					`Set-Cookie: fpc=${word(random, 48)}; path=/; secure; HttpOnly`,
					'Cache-Control: no-store',
					'',
					'{',
					'  "error": "invalid_client",',
					`  "error_description": "AADSTS7000215: Invalid client secret provided. Trace ID: ${word(random, 8)}",`,
					'  "error_codes": [7000215]',
					'}');
				break;
			case 2:
				lines.push(`${at} DEBUG [pool-2] c.e.api.Orders - GET /api/orders Authorization: Bearer ${fakeJwt(seed * 100_000 + i)} -> 401 invalid_token`);
				break;
			default:
				lines.push(`${at} INFO  [main] c.e.config.Loader - loaded settings client_secret=${word(random, 32)} from vault`);
		}
	}
	return `${lines.join('\n')}\n`;
}

/**
 * A request logged in one record and its response in the next: a single thread pairs them, so a
 * cut between them is refused and the input is analysed on one thread (the output stays the same).
 */
function pairedAcrossRecords(records: number): string {
	const lines: string[] = [];
	for (let i = 0; i < records; i++) {
		lines.push(`${stamp(2 * i)} DEBUG [http-1] c.e.http.Wire - sending:`,
			'POST /oauth2/token HTTP/1.1',
			'Host: auth.example.com',
			'Content-Type: application/x-www-form-urlencoded',
			'',
			`grant_type=refresh_token&refresh_token=${'r'.repeat(10)}${i}abcdefghijklmnopqrstuv&client_id=app`,
			`${stamp(2 * i + 1)} DEBUG [http-1] c.e.http.Wire - received:`,
			'HTTP/1.1 400 Bad Request',
			'Content-Type: application/json',
			'',
			'{"error":"invalid_grant"}');
	}
	return `${lines.join('\n')}\n`;
}

suite('CLI on worker threads (--threads)', function () {
	this.timeout(600_000);
	let dir: string;

	suiteSetup(() => {
		dir = mkdtempSync(join(tmpdir(), 'teh-parallel-'));
	});

	suiteTeardown(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	/** Writes `text`, runs each format on one thread and on several, and asserts equal output and exit code. */
	function assertSameOnThreads(name: string, text: string, partChars: number, expectParts: boolean, maxMessages = 5000, threadCounts = ['3']): Map<string, Run> {
		const file = join(dir, name);
		writeFileSync(file, text);
		const single = new Map<string, Run>();
		for (const format of [[], ['--json'], ['--format', 'sarif']]) {
			const one = explain(file, [...format, '--threads', '1'], partChars, maxMessages);
			assert.ok(one.status === 0, `${name} ${format.join(' ')} on one thread: exit ${one.status} ${one.stderr}`);
			assert.doesNotMatch(one.stderr, /analysed in parts/, 'one thread never cuts the input');
			for (const threads of threadCounts) {
				const several = explain(file, [...format, '--threads', threads], partChars, maxMessages);
				assert.equal(several.status, one.status, `${name} ${format.join(' ')} --threads ${threads}: exit code`);
				assert.match(several.stderr, expectParts ? new RegExp(`analysed in parts on ${threads} threads`) : /analysed on one thread/, `${name}: how it was analysed`);
				assert.ok(several.stdout === one.stdout, `${name} ${format.join(' ')}: --threads ${threads} output differs from one thread's (${several.stdout.length} against ${one.stdout.length} characters)`);
			}
			single.set(format.join(' ') || 'text', one);
		}
		return single;
	}

	test('a log with a secret in every record: the same output, and every record reports its secret', () => {
		const records = 600;
		const text = logWithSecrets(records, 7);
		// Parts of 3,000 characters: the even cut points fall inside records (the pasted responses are ~450 characters long).
		const runs = assertSameOnThreads('secrets.log', text, 3000, true, 5000, ['2', '3']);
		const json = JSON.parse(runs.get('--json')!.stdout) as { truncated?: boolean; messages: Array<{ start: number; secrets: unknown[] }> };
		assert.equal(json.truncated, undefined);
		// Every record's secret is reported: count the records whose span holds a reported secret.
		const starts: number[] = [];
		for (let at = 0; at < text.length; at = text.indexOf('\n2026-', at) + 1) {
			starts.push(at);
			if (text.indexOf('\n2026-', at) < 0) break;
		}
		assert.equal(starts.length, records);
		const withSecret = new Set<number>();
		for (const m of json.messages) {
			if (!m.secrets.length) continue;
			let lo = 0;
			let hi = starts.length - 1;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (starts[mid] <= m.start) lo = mid;
				else hi = mid - 1;
			}
			withSecret.add(lo);
		}
		assert.equal(withSecret.size, records, 'every record reports a secret');
		assert.doesNotMatch(runs.get('text')!.stdout + runs.get('--json')!.stdout + runs.get('--format sarif')!.stdout, /client_secret=[A-Za-z0-9]{32}/, 'no client secret printed');
	});

	test('past the message cap (lowered to 300 by the test knob): truncated at the same message, secrets after it still reported', () => {
		const records = 900;
		const text = logWithSecrets(records, 11);
		// The cap falls inside a part; parts after it report only their secrets.
		const runs = assertSameOnThreads('capped.log', text, 7000, true, 300);
		const json = JSON.parse(runs.get('--json')!.stdout) as { truncated?: boolean; messages: Array<{ start: number; secrets: Array<{ start: number }> }> };
		assert.equal(json.truncated, true);
		// Secrets in the records past the cap are still reported (as secret-only messages).
		const lastSecret = text.lastIndexOf('client_secret=') + 'client_secret='.length;
		assert.ok(json.messages.some(m => m.secrets.some(s => s.start === lastSecret)), 'the last client secret is reported');
		assert.match(runs.get('text')!.stdout, /later ones were not examined/);
	});

	test('a response whose request is in the record before: the cut is refused, the output is the same', () => {
		assertSameOnThreads('paired.log', pairedAcrossRecords(300), 2100, false);
	});
});

suite('--threads and cut points', () => {
	test('--threads takes a whole number from 1 or auto (one per core); without it there are no worker threads', () => {
		assert.equal(parseArgs(['explain', 'a.log']).threads, null);
		assert.equal(threadCount(null), 1);
		assert.equal(parseArgs(['explain', 'a.log', '--threads', 'auto']).threads, 'auto');
		assert.ok(threadCount('auto') >= 1);
		assert.equal(parseArgs(['explain', 'a.log', '--threads', '1']).threads, 1);
		assert.equal(parseArgs(['explain', '--threads=4', 'a.log']).threads, 4);
		for (const bad of ['0', '-1', 'two', '1.5', '']) assert.throws(() => parseArgs(['explain', 'a.log', `--threads=${bad}`]), UsageError, bad);
	});

	test('cuts fall on record starts, after the even cut points, in order; a text without records is not cut', () => {
		const text = logWithSecrets(400, 3);
		const cuts = cutPoints(text, 5000);
		assert.equal(cuts[0], 0);
		assert.equal(cuts[cuts.length - 1], text.length);
		assert.ok(cuts.length > 10, `${cuts.length} cuts`);
		for (let i = 1; i < cuts.length - 1; i++) {
			assert.ok(cuts[i] > cuts[i - 1], 'increasing');
			assert.ok(isRecordStart(text, cuts[i]) && text[cuts[i] - 1] === '\n', `cut ${i} at a record start`);
			assert.ok(cuts[i] - cuts[i - 1] >= 5000, 'parts are at least the part size');
		}
		assert.deepEqual(cutPoints('no timestamps here\n'.repeat(2000), 5000), [0, 38_000]);
	});
});
