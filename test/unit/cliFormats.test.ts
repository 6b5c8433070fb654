import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RuleId } from '../../src/core';
import { ruleReferences } from '../../src/core/rules/ruleIds';
import { escapeData, escapeProperty } from '../../src/cli/formats/github';
import { RULE_DESCRIPTIONS } from '../../src/cli/formats/sarif';
import { fakeJwt } from './rulesUtil';

// The CI formats of `explain` (github, sarif, compact), --summary and the --format switch, run
// as a CI job runs them: `node dist/cli.js` in the repository folder (npm run build first).

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

/** An Entra refresh that failed, as a log would hold it (error on line 7). */
const ENTRA = [
	'2024-05-01T10:00:00Z INFO token refresh for user 42',
	'HTTP/1.1 400 Bad Request',
	'Content-Type: application/json',
	'Cache-Control: no-store',
	'',
	JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.', error_codes: [70008] }),
	'',
].join('\n');
const SECRET = 'MadeUpSecret-Zx81Qm4Lw7Pk';
const JWT = fakeJwt(77);
/** A token request with a client secret and a bearer token, and a 401 without a challenge. */
const SECRETS = [
	'POST https://as.example.com/oauth2/token HTTP/1.1',
	'Content-Type: application/x-www-form-urlencoded',
	'',
	`grant_type=client_credentials&client_id=ci-job&client_secret=${SECRET}`,
	'',
	'GET https://api.example.com/orders HTTP/1.1',
	`Authorization: Bearer ${JWT}`,
	'',
	'HTTP/1.1 401 Unauthorized',
	'Content-Type: text/plain',
	'',
	'denied',
	'',
].join('\n');

interface Result { status: number | null; stdout: string; stderr: string }

let dir = '';

/** `node dist/cli.js ARGS` in the temporary repository folder. */
function cli(args: string[], input = ''): Result {
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, encoding: 'utf8', timeout: 60_000 });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding { rule: string; severity: string; message: string; start: number; end: number }
/** Findings of one file per `--json`, in document order. */
function jsonFindings(file: string): JsonFinding[] {
	const r = cli(['explain', '--json', file]);
	const out = JSON.parse(r.stdout) as { messages: Array<{ findings: JsonFinding[] }> };
	return out.messages.flatMap(m => m.findings).sort((a, b) => a.start - b.start);
}

/** 1-based line and column of `offset`. */
function position(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** A workflow command line parsed as the Actions runner reads it (properties unescaped). */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
	const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
	assert.ok(match, `not a workflow command: ${line}`);
	const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
	const properties = Object.fromEntries(match[2].split(',').map(p => {
		const eq = p.indexOf('=');
		return [p.slice(0, eq), unescape(p.slice(eq + 1))];
	}));
	return { command: match[1], properties, message: unescape(match[3]) };
}

suite('cli: CI formats', function () {
	this.timeout(60_000);

	suiteSetup(() => {
		assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
		dir = mkdtempSync(join(tmpdir(), 'teh-formats-'));
		mkdirSync(join(dir, 'logs'));
		writeFileSync(join(dir, 'logs', 'entra.log'), ENTRA);
		writeFileSync(join(dir, 'logs', 'secrets.http'), SECRETS);
	});

	suiteTeardown(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	suite('--format', () => {
		test('text, json and markdown are the default, --json and --markdown', () => {
			const file = 'logs/entra.log';
			assert.equal(cli(['explain', '--format', 'text', file]).stdout, cli(['explain', file]).stdout);
			assert.equal(cli(['explain', '--format=json', file]).stdout, cli(['explain', '--json', file]).stdout);
			assert.equal(cli(['explain', '--format', 'markdown', file]).stdout, cli(['explain', '--markdown', file]).stdout);
			assert.equal(cli(['explain', '--json', '--format', 'json', file]).status, 0, 'the same format twice is no conflict');
		});

		const usage: Array<[string[], RegExp]> = [
			[['--format', 'xml'], /--format needs one of text, json, markdown, github, sarif, compact \(got "xml"\)/],
			[['--json', '--format', 'sarif'], /Choose one output format \(got --json, --format sarif\)/],
			[['--format'], /--format needs a value/],
			[['--summary'], /--summary needs a value/],
		];
		for (const [args, message] of usage) {
			test(`usage error: ${args.join(' ')}`, () => {
				const r = cli(['explain', 'logs/entra.log', ...args]);
				assert.equal(r.status, 2);
				assert.match(r.stderr, message);
				assert.equal(r.stdout, '');
			});
		}
	});

	suite('github', () => {
		test('escaping follows the workflow-command rules', () => {
			assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
			assert.equal(escapeProperty('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext%3A a%2Cb');
			assert.equal(escapeProperty('%3A'), '%253A', 'an escape sequence already in the text is escaped again');
		});

		test('one annotation per finding, at its file, line and columns', () => {
			const r = cli(['explain', '--format', 'github', 'logs/entra.log']);
			assert.equal(r.status, 0, r.stderr);
			const lines = r.stdout.trimEnd().split('\n');
			const findings = jsonFindings('logs/entra.log');
			assert.equal(lines.length, findings.length);
			const commands = lines.map(parseCommand);
			const first = commands[0];
			assert.equal(first.command, 'error');
			assert.equal(first.properties.file, 'logs/entra.log');
			const at = position(ENTRA, findings[0].start);
			assert.deepEqual([first.properties.line, first.properties.col], [String(at.line), String(at.column)]);
			assert.equal(first.properties.endLine, first.properties.line);
			assert.equal(Number(first.properties.endColumn) - Number(first.properties.col), 'invalid_grant'.length, 'endColumn is just after the code');
			assert.equal(first.properties.title, 'invalid_grant: Invalid grant (Entra) [recognized-error]');
			assert.match(first.message, /^invalid_grant: Invalid grant \(Entra\)\. /);
			assert.match(lines[0], /title=invalid_grant%3A Invalid grant \(Entra\) \[recognized-error\]::/, 'the colon in the title property is escaped');
			assert.deepEqual(commands.map(c => c.command), findings.map(f => ({ error: 'error', warning: 'warning' } as Record<string, string>)[f.severity] ?? 'notice'));
		});

		test('--fail-on error fails the step; standard input gets annotations without a file', () => {
			const failing = cli(['explain', '--format', 'github', '--fail-on', 'error', '-'], ENTRA);
			assert.equal(failing.status, 1);
			const commands = failing.stdout.trimEnd().split('\n').map(parseCommand);
			assert.ok(commands.length > 0 && commands.every(c => !('file' in c.properties)));
			const clean = cli(['explain', '--format', 'github', '--fail-on', 'error', '-'], 'all good\n');
			assert.equal(clean.status, 0);
			assert.equal(clean.stdout, '');
		});

		test('a file name with commas, colons and percent signs stays one property', () => {
			const name = 'odd,name:100%.log';
			writeFileSync(join(dir, 'logs', name), ENTRA);
			const r = cli(['explain', '--format', 'github', `logs/${name}`]);
			const lines = r.stdout.trimEnd().split('\n');
			assert.match(lines[0], /file=logs\/odd%2Cname%3A100%25\.log,line=/);
			assert.equal(parseCommand(lines[0]).properties.file, `logs/${name}`);
		});

		test('an escape sequence or a command in a pasted code stays text', () => {
			const hostile = 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"weird%0A::error::forged","error_description":"x"}\n';
			const r = cli(['explain', '--format', 'github', '-'], hostile);
			const lines = r.stdout.trimEnd().split('\n');
			assert.ok(lines.length >= 2);
			for (const line of lines) assert.match(line, /^::(error|warning|notice) line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]*::/, line);
			const unknown = lines.map(parseCommand).find(c => c.message.startsWith('Unknown error code'));
			assert.equal(unknown?.message, 'Unknown error code "weird%0A::error::forged".', 'the runner reads the code back as it was, not as a line break');
			assert.ok(unknown.properties.title.startsWith('weird%0A::error::forged'));
		});

		test('--summary appends the Markdown report to the job summary file', () => {
			const summary = join(dir, 'summary.md');
			writeFileSync(summary, '# Earlier step\n');
			const r = cli(['explain', '--format', 'github', '--summary', summary, 'logs/entra.log']);
			assert.equal(r.status, 0, r.stderr);
			const markdown = cli(['explain', '--markdown', 'logs/entra.log']).stdout;
			assert.equal(readFileSync(summary, 'utf8'), `# Earlier step\n${markdown}`);
			const several = cli(['explain', '--format', 'github', `--summary=${summary}`, 'logs/entra.log', 'logs/secrets.http']);
			assert.equal(several.status, 0);
			const text = readFileSync(summary, 'utf8');
			assert.match(text, /\*\*`logs\/entra\.log`\*\*\n\n# Token Error Help/);
			assert.match(text, /\*\*`logs\/secrets\.http`\*\*/);
			assert.ok(!text.replace(/\\/g, '').includes(SECRET) && !text.includes(JWT));
		});

		test('a summary file that cannot be written is an input error (exit 2)', () => {
			const r = cli(['explain', '--format', 'github', '--summary', join(dir, 'missing-dir', 'summary.md'), 'logs/entra.log']);
			assert.equal(r.status, 2);
			assert.match(r.stderr, /cannot write the summary/);
		});
	});

	suite('sarif', () => {
		// No npm package ships the OASIS file (sarif-schema-2.1.0.json) as published. This is the copy
		// in Microsoft's SARIF SDK (@microsoft/sarif-multitool-ts), converted to JSON Schema 2020-12 as
		// the SARIF TC's own repository once did. Against the OASIS errata01 file it differs in: GUIDs
		// checked with format "uuid" instead of a pattern, three more artifact roles, "runs" not
		// nullable, and no "region must have startLine, charOffset or byteOffset" (anyOf); the region
		// test below checks startLine itself.
		const schemaFile = join(dirname(require.resolve('@microsoft/sarif-multitool-ts')), '../assets/sarif-2.1.0.schema.json');
		const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
		const ajv = new Ajv2020({ allErrors: true, strict: false });
		addFormats(ajv);
		const validate = ajv.compile(schema);

		interface Sarif {
			$schema: string;
			version: string;
			runs: Array<{
				tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri?: string; shortDescription: { text: string } }> } };
				results: Array<{
					ruleId: string; ruleIndex: number; level: string; message: { text: string };
					locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
					partialFingerprints: Record<string, string>;
				}>;
			}>;
		}
		const sarif = (args: string[], input = ''): Sarif => {
			const r = cli(['explain', '--format', 'sarif', ...args], input);
			assert.ok(r.status === 0 || r.status === 1, r.stderr);
			return JSON.parse(r.stdout) as Sarif;
		};

		test('the schema is the SARIF 2.1.0 schema and rejects what it should', () => {
			assert.match((schema as { title: string }).title, /SARIF\) Version 2\.1\.0 JSON Schema/);
			const good = sarif(['logs/entra.log']);
			assert.equal(validate(good), true, ajv.errorsText(validate.errors));
			const broken = JSON.parse(JSON.stringify(good)) as Sarif;
			broken.runs[0].results[0].level = 'fatal';
			assert.equal(validate(broken), false, 'an unknown level is rejected');
			const noVersion = { ...good, version: '2.0.0' };
			assert.equal(validate(noVersion), false, 'another version is rejected');
			const badRegion = JSON.parse(JSON.stringify(good)) as Sarif;
			badRegion.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
			assert.equal(validate(badRegion), false, 'a 0 line is rejected (lines are 1-based)');
		});

		test('every output validates: one file, several files, standard input, nothing found', () => {
			const outputs = [sarif(['logs/entra.log']), sarif(['logs/entra.log', 'logs/secrets.http']), sarif(['-'], SECRETS), sarif(['-'], 'nothing here\n')];
			for (const out of outputs) assert.equal(validate(out), true, ajv.errorsText(validate.errors));
			assert.deepEqual(outputs[3].runs[0].results, []);
		});

		test('one run; rules are the stable rule ids with spec links and descriptions', () => {
			const out = sarif(['logs/entra.log']);
			assert.equal(out.version, '2.1.0');
			assert.equal(out.runs.length, 1);
			const { driver } = out.runs[0].tool;
			assert.equal(driver.name, 'token-error-help');
			assert.deepEqual(driver.rules.map(r => r.id), Object.values(RuleId));
			for (const rule of driver.rules) {
				assert.equal(rule.helpUri, ruleReferences[rule.id]?.url, rule.id);
				assert.equal(rule.shortDescription.text, RULE_DESCRIPTIONS[rule.id], rule.id);
			}
			assert.deepEqual(Object.values(RuleId).filter(id => !RULE_DESCRIPTIONS[id]), [], 'every rule has a description');
		});

		test('results: level, message, relative URI and a 1-based region matching the JSON offsets', () => {
			const out = sarif(['logs/entra.log']);
			const findings = jsonFindings('logs/entra.log');
			const results = out.runs[0].results;
			assert.equal(results.length, findings.length);
			const rules = out.runs[0].tool.driver.rules;
			results.forEach((r, i) => {
				const f = findings[i];
				assert.equal(r.ruleId, f.rule);
				assert.equal(rules[r.ruleIndex].id, f.rule);
				assert.equal(r.level, ({ error: 'error', warning: 'warning' } as Record<string, string>)[f.severity] ?? 'note');
				assert.equal(r.message.text, f.message);
				const { artifactLocation, region } = r.locations[0].physicalLocation;
				assert.equal(artifactLocation.uri, 'logs/entra.log');
				const start = position(ENTRA, f.start);
				const end = position(ENTRA, f.end);
				assert.deepEqual(region, { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column });
			});
			assert.equal(results[0].ruleId, 'recognized-error');
			assert.deepEqual(results[0].locations[0].physicalLocation.region, { startLine: 6, startColumn: 11, endLine: 6, endColumn: 24 });
			const stdin = sarif(['-'], ENTRA);
			assert.equal(stdin.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'stdin');
			writeFileSync(join(dir, 'logs', 'with space#1.log'), ENTRA);
			const odd = sarif(['logs/with space#1.log']);
			assert.equal(odd.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'logs/with%20space%231.log');
		});

		test('fingerprints stay when lines move, and differ between findings', () => {
			const before = sarif(['-'], ENTRA).runs[0].results;
			const after = sarif(['-'], `# three lines added\n# above\n# the log\n${ENTRA}`).runs[0].results;
			assert.equal(after[0].locations[0].physicalLocation.region.startLine, before[0].locations[0].physicalLocation.region.startLine + 3);
			assert.deepEqual(after.map(r => r.partialFingerprints), before.map(r => r.partialFingerprints));
			const prints = before.map(r => r.partialFingerprints['tokenErrorHelp/v1']);
			assert.equal(new Set(prints).size, prints.length, 'each finding has its own fingerprint');
			for (const p of prints) assert.match(p, /^[0-9a-f]{32}:\d+$/);
			const twice = sarif(['-'], `${ENTRA}\n${ENTRA}`).runs[0].results.map(r => r.partialFingerprints['tokenErrorHelp/v1']);
			assert.equal(new Set(twice).size, twice.length, 'the same finding on two identical lines is told apart');
			const otherCode = sarif(['-'], ENTRA.replace('invalid_grant', 'invalid_client')).runs[0].results;
			assert.notEqual(otherCode[0].partialFingerprints['tokenErrorHelp/v1'], before[0].partialFingerprints['tokenErrorHelp/v1']);
		});

		test('no secret reaches the SARIF log, and the fingerprint does not change with the secret', () => {
			const r = cli(['explain', '--format', 'sarif', 'logs/secrets.http']);
			assert.ok(!r.stdout.replace(/\\/g, '').includes(SECRET) && !r.stdout.includes(JWT) && !r.stdout.includes(JWT.split('.')[2]));
			const a = sarif(['-'], SECRETS).runs[0].results.map(x => x.partialFingerprints);
			const b = sarif(['-'], SECRETS.replace(SECRET, 'AnotherMadeUpSecret-0Pq2').replace(JWT, fakeJwt(78))).runs[0].results.map(x => x.partialFingerprints);
			assert.deepEqual(b, a, 'the line text is hashed with its secrets replaced');
		});
	});

	suite('compact and the problem matcher', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			contributes: { problemMatchers: Array<{ name: string; owner: string; fileLocation: string[]; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }> };
		};
		const matcher = manifest.contributes.problemMatchers.find(m => m.name === 'token-error-help');

		test('package.json contributes the token-error-help problem matcher', () => {
			assert.ok(matcher, 'contributes.problemMatchers has token-error-help');
			assert.equal(matcher.owner, 'token-error-help');
			assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
		});

		test('its regexp reads every line of --format compact as the finding it is', () => {
			const p = matcher!.pattern;
			const regexp = new RegExp(p.regexp);
			for (const file of ['logs/entra.log', 'logs/secrets.http']) {
				const text = readFileSync(join(dir, file), 'utf8');
				const r = cli(['explain', '--format', 'compact', file]);
				assert.equal(r.status, 0, r.stderr);
				const lines = r.stdout.trimEnd().split('\n');
				const findings = jsonFindings(file);
				assert.ok(findings.length >= 2, file);
				assert.equal(lines.length, findings.length, file);
				lines.forEach((line, i) => {
					const m = regexp.exec(line);
					assert.ok(m, `the problem matcher does not match: ${line}`);
					const f = findings[i];
					const at = position(text, f.start);
					assert.equal(m[p.file], file);
					assert.deepEqual([Number(m[p.line]), Number(m[p.column])], [at.line, at.column]);
					assert.equal(m[p.severity], f.severity === 'information' ? 'info' : f.severity);
					assert.ok(['error', 'warning', 'info', 'hint'].includes(m[p.severity]));
					assert.equal(m[p.code], f.rule);
					assert.equal(m[p.message], f.message);
				});
			}
		});

		test('the human output is not what the matcher reads', () => {
			const regexp = new RegExp(matcher!.pattern.regexp);
			const human = cli(['explain', 'logs/entra.log']).stdout.split('\n');
			assert.deepEqual(human.filter(l => regexp.test(l)), []);
		});
	});
});
