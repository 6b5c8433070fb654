import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import { httpMessages, splitHttpMessages } from '../../src/core/parse/httpMessage';

const ROOT = join(__dirname, '..', '..');

/** Every .ts file under a folder of the repository, by path. */
function sources(folder: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
		const path = `${folder}/${entry.name}`;
		if (entry.isDirectory()) out.push(...sources(path));
		else if (entry.name.endsWith('.ts')) out.push(path);
	}
	return out;
}

/**
 * Module-level variables of the core that are allowed, each with why. The
 * bundled catalog is a lazily built default that src/core/index.ts provides
 * once (issue 9's service object is to replace it); nothing per document.
 */
const ALLOWED_LETS = new Map([
	['src/core/catalog/catalog.ts', ['bundledFiles', 'bundled']],
]);

/** A log whose analysis uses every remembered search: records, a long line, HTTP messages, secrets, a SealedSecret, vendor evidence. */
function busyLog(seed: string): string {
	const longLine = `${'x'.repeat(20_000)} ERROR token call failed: invalid_grant (AADSTS70008: expired) ${seed}`;
	return [
		`2026-12-08T03:00:00.000Z INFO  [main] c.e.App - started ${seed}`,
		'2026-12-08T03:00:01.000Z ERROR [main] c.e.auth.TokenClient - POST https://login.microsoftonline.com/common/oauth2/v2.0/token failed: invalid_grant',
		longLine,
		'HTTP/1.1 400 Bad Request',
		'Content-Type: application/json',
		'',
		`{"error":"invalid_client","error_description":"Client authentication failed ${seed}"}`,
		'',
		`2026-12-08T03:00:02.000Z DEBUG [main] c.e.auth - client_secret=Zk3Jq9vX2mP7sL4tR8wY${seed}`,
		'kind: SealedSecret',
		'spec:',
		'  encryptedData:',
		`    password: AgBy3i4OJSWK+PiTySYZZA${seed}`,
		'2026-12-08T03:00:03.000Z WARN  redirect https://app.example.com/cb?error=access_denied&error_description=denied&state=x',
		`2026-12-08T03:00:04.000Z ERROR Okta API error E0000011: Invalid token provided ${seed}`,
	].join('\n');
}

suite('No state kept between analyses', () => {
	test('analysing A, then B, then A gives exactly the fresh result for A', () => {
		const a = busyLog('first');
		const b = busyLog('second').replace(/\n/g, '\r\n');
		const fresh = analyze(a, { maxMessages: Infinity });
		analyze(b, { maxMessages: Infinity });
		assert.deepStrictEqual(analyze(a, { maxMessages: Infinity }), fresh);
		// And B is not changed by having analysed A before it.
		const freshB = analyze(b);
		analyze(a);
		assert.deepStrictEqual(analyze(b), freshB);
	});

	test('the same, for generated documents (property)', () => {
		const line = fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.constantFrom('HTTP/1.1 400 Bad Request', '', '{"error":"invalid_grant"}', '2026-12-08T03:00:00Z ERROR invalid_client', 'client_secret=Zk3Jq9vX2mP7sL4tR8wY', 'encryptedData:', 'x'.repeat(300)),
		);
		const doc = fc.array(line, { maxLength: 20 }).map(lines => lines.join('\n'));
		fc.assert(fc.property(doc, doc, (a, b) => {
			const fresh = analyze(a);
			analyze(b);
			assert.deepStrictEqual(analyze(a), fresh);
		}), { seed: 20261208, numRuns: 200 });
	});

	test('two message splitters over different texts can run interleaved', () => {
		const a = busyLog('a');
		const b = `GET /x HTTP/1.1\nHost: example.com\n\n${busyLog('b')}`;
		const ia = httpMessages(a);
		const ib = httpMessages(b);
		const seenA = [];
		const seenB = [];
		for (;;) {
			const na = ia.next();
			const nb = ib.next();
			if (!na.done) seenA.push(na.value);
			if (!nb.done) seenB.push(nb.value);
			if (na.done && nb.done) break;
		}
		assert.deepStrictEqual(seenA, splitHttpMessages(a));
		assert.deepStrictEqual(seenB, splitHttpMessages(b));
		assert.ok(seenB.length >= 2);
	});

	test('no module of the core holds a module-level let or var (state lives in a per-analysis TextIndex)', () => {
		const found: string[] = [];
		for (const file of sources('src/core')) {
			const text = readFileSync(join(ROOT, file), 'utf8');
			for (const m of text.matchAll(/^(?:export )?(?:let|var)[ \t]+([A-Za-z_$][\w$]*)/gm)) {
				if (!ALLOWED_LETS.get(file)?.includes(m[1])) found.push(`${file}: ${m[1]}`);
			}
		}
		assert.deepEqual(found, []);
	});

	test('the grep above finds a module-level let where there is one', () => {
		const pattern = /^(?:export )?(?:let|var)[ \t]+([A-Za-z_$][\w$]*)/gm;
		assert.deepEqual([...'let lastLine: Span | undefined;\nfunction f() {\n\tlet local = 1;\n}\nexport let x = 1;'.matchAll(pattern)].map(m => m[1]), ['lastLine', 'x']);
	});
});
