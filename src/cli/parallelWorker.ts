/**
 * The worker-thread side of {@link ../parallel}: analyses one part of a document (a slice of the
 * text with context around the part) over the bundled catalog and sends back its messages with
 * offsets moved to the whole text's. Runs in dist/cli.js itself, started with `workerData.tokenErrorHelpParts`.
 */
import { parentPort } from 'node:worker_threads';
import { bundledCatalog, type HttpMessage } from '../core';
import { analyzePart, shiftOffsets } from '../core/recognize/analyze';

/** A part to analyse: `slice` is text[base, base + slice.length); the part is [from, to) of the whole text. */
export interface PartJob {
	id: number;
	/** `part`: messages and secrets as a single thread finds them there; `secrets`: only the secrets (past the message cap). */
	kind: 'part' | 'secrets';
	slice: string;
	base: number;
	from: number;
	to: number;
	maxMessages: number;
}

/** A part's analysis, offsets in the whole text; `error` when the analysis threw. */
export interface PartResult {
	id: number;
	messages: HttpMessage[];
	secretOnly: HttpMessage[];
	truncated: boolean;
	rawEnd: number;
	error?: string;
}

/** Answers part jobs from the parent thread until it goes. */
export function serveParts(): void {
	const port = parentPort;
	if (!port) return;
	port.on('message', (job: PartJob) => {
		try {
			const part = analyzePart(job.slice, job.from - job.base, job.to - job.base, { catalog: bundledCatalog(), maxMessages: job.maxMessages, secretsOnly: job.kind === 'secrets' });
			const moved = new Set<object>();
			for (const m of part.messages) shiftOffsets(m, job.base, moved);
			for (const m of part.secretOnly) shiftOffsets(m, job.base, moved);
			const result: PartResult = { id: job.id, messages: part.messages, secretOnly: part.secretOnly, truncated: part.truncated, rawEnd: part.rawEnd + job.base };
			port.postMessage(result);
		} catch (e) {
			port.postMessage({ id: job.id, messages: [], secretOnly: [], truncated: false, rawEnd: 0, error: e instanceof Error ? e.message.split('\n', 1)[0] : String(e) } satisfies PartResult);
		}
	});
}
