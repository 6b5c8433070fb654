import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { toJson } from '../../src/cli/output';
import { bundledService, escapeMarkdown } from '../../src/core';
import type { HttpMessage } from '../../src/core/recognize/model';
import { corpusTexts, REPORT_FOLDERS } from '../corpus';

/*
 * One answer on every surface, over every corpus paste, example and seed: for each message with a
 * diagnosis, the hover on its code, its Problems message (the recognized-error finding), the Markdown
 * report and the CLI's --json name the same cause (test/mcp/surfaces.test.ts checks the real
 * language server and MCP server on one paste).
 */

const ROOT = path.join(__dirname, '..', '..');
const service = bundledService();

/** White space folded. */
function words(text: string): string {
	return text.replace(/\s+/g, ' ');
}

interface JsonMessage { start: number; findings: Array<{ rule: string; message: string }>; diagnosis?: { kind: string; cause: string } }

suite('hover, Problems message, report and --json name the same cause over the corpora', function () {
	this.timeout(180_000);
	const disagreements: string[] = [];
	const counts = { diagnosed: 0, hover: 0, problems: 0, report: 0, json: 0 };

	suiteSetup(() => {
		for (const { folder, file, text } of corpusTexts(ROOT, REPORT_FOLDERS)) {
			const analysis = service.analyze(text);
			const json = (toJson([{ file, text, analysis }], false) as { messages: JsonMessage[] }).messages;
			for (const m of analysis.messages) {
				if (!m.diagnosis) continue;
				counts.diagnosed++;
				const where = `${folder}/${file} @${m.span.start}`;
				const cause = words(m.diagnosis.cause);
				compare(where, m, cause, text, analysis, json);
			}
		}
	});

	function compare(where: string, m: HttpMessage, cause: string, text: string, analysis: ReturnType<typeof service.analyze>, json: readonly JsonMessage[]): void {
		const code = m.errors.find(e => e.entry && !e.inProse) ?? m.vendorCodes.find(v => v.entry && !v.inProse);
		if (code) {
			const hover = service.hover(analysis, code.span.start);
			if (hover?.message === m) {
				counts.hover++;
				if (!words(hover.markdown).includes(`Most likely:** ${escapeMarkdown(cause)}`)) disagreements.push(`${where} hover: ${words(hover.markdown).slice(0, 160)}`);
			}
		}
		const report = words(service.report(text, analysis, [m]));
		counts.report++;
		if (!report.includes(`**Most likely:** ${escapeMarkdown(cause)}`)) disagreements.push(`${where} report does not name "${cause}"`);
		const recognized = m.findings.filter(f => f.rule === 'recognized-error');
		if (recognized.length) {
			counts.problems++;
			if (!recognized.some(f => words(f.message).includes(`Most likely: ${cause}`))) disagreements.push(`${where} Problems: ${recognized[0].message.slice(0, 160)}`);
		}
		const j = json.find(x => x.start === m.span.start && x.diagnosis);
		if (j) {
			counts.json++;
			if (words(j.diagnosis!.cause) !== cause || j.diagnosis!.kind !== m.diagnosis!.kind) disagreements.push(`${where} --json: ${j.diagnosis!.kind} "${j.diagnosis!.cause}"`);
			const problems = j.findings.filter(f => f.rule === 'recognized-error');
			if (problems.length && !problems.some(f => words(f.message).includes(`Most likely: ${cause}`))) disagreements.push(`${where} --json findings do not name "${cause}"`);
		}
	}

	test('every surface is checked on many messages', () => {
		assert.ok(counts.diagnosed > 400, JSON.stringify(counts));
		assert.ok(counts.hover > 300 && counts.problems > 300 && counts.json > 300, JSON.stringify(counts));
	});

	test('no surface names another cause', () => {
		assert.deepEqual(disagreements, []);
	});
});
