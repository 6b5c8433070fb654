/**
 * `explain` on a large input, in parallel: the text is cut into parts at log-record starts (the
 * core's `nextRecordStart`, the boundaries `reanalyze` already relies on), each part is analysed on
 * a worker thread (node:worker_threads) running the same core over the same bundled catalog, and
 * the parts are put back together so that the analysis equals the one of a single thread:
 * - offsets are moved back to the whole text's (the workers see a slice with context around their part);
 * - the message cap is decided over the whole document: parts are counted in document order, the
 *   first `maxMessages` messages are kept, and past the last kept one only secrets are reported,
 *   as a truncated single-thread analysis does;
 * - a cut that a single thread would not make (an HTTP message running past it, a response whose
 *   request lies in the part before) is detected, and the input is then analysed on one thread.
 * Workers are started once per run and reused for every large input.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundledCatalog, DEFAULT_MAX_MESSAGES, type Analysis, type HttpMessage } from '../core';
import { TextIndex } from '../core/parse/lines';
import { PART_CONTEXT } from '../core/recognize/analyze';
import type { PartJob, PartResult } from './parallelWorker';

/** Inputs shorter than this (in characters) are analysed on the main thread. */
export const PARALLEL_MIN_CHARS = 4 * 1024 * 1024;
/** Parts are about a quarter of a thread's share of the text, within these bounds (characters). */
export const PART_CHARS = { min: 1024 * 1024, max: 8 * 1024 * 1024 } as const;

/**
 * How long each part of a text of `length` characters is for `threads` threads: four parts per
 * thread or more, so that the work is shared evenly and little is analysed past the message cap;
 * not so small that handing parts over to the workers costs more than it saves.
 */
export function partLength(length: number, threads: number): number {
	return Math.min(PART_CHARS.max, Math.max(PART_CHARS.min, Math.ceil(length / (threads * 4))));
}

/**
 * Test knob: `<minChars>:<partChars>[:<maxMessages>]` lowers the threshold, the part size and the
 * message cap so that a test can cut small generated inputs into many parts and reach the cap
 * quickly; the CLI then says on stderr how each input was analysed. Not for users (the defaults
 * are what is measured and documented).
 */
const TEST_KNOB = 'TOKEN_ERROR_HELP_PARALLEL_TEST';

/** Threshold, part size (null: {@link partLength}) and message cap in effect. */
export function parallelSizes(env: NodeJS.ProcessEnv = process.env): { minChars: number; partChars: number | null; maxMessages: number; testing: boolean } {
	const knob = /^(\d{1,12}):(\d{1,12})(?::(\d{1,9}))?$/.exec(env[TEST_KNOB] ?? '');
	if (knob && Number(knob[2]) > 0) return { minChars: Number(knob[1]), partChars: Number(knob[2]), maxMessages: knob[3] ? Number(knob[3]) : DEFAULT_MAX_MESSAGES, testing: true };
	return { minChars: PARALLEL_MIN_CHARS, partChars: null, maxMessages: DEFAULT_MAX_MESSAGES, testing: false };
}

/** How many threads to use: `--threads`, else one per core (1 means none). */
export function threadCount(option: number | 'auto' | null): number {
	// Worker threads only when asked for: on a two-core machine doing other work they were slower (README, Speed).
	return option === 'auto' ? Math.max(1, availableParallelism()) : Math.max(1, option ?? 1);
}

/**
 * Where to cut `text` into parts of about `partChars`: the first record start after each even cut
 * point (none where a record runs on past the next one). Starts with 0, ends with the text's length.
 */
export function cutPoints(text: string, partChars: number): number[] {
	const doc = new TextIndex(text);
	const cuts = [0];
	for (let at = partChars; at < text.length; at = cuts[cuts.length - 1] + partChars) {
		const from = Math.max(at, cuts[cuts.length - 1]);
		const cut = doc.nextRecordStart(from, Math.min(text.length, from + partChars));
		if (cut < 0) {
			// No record starts in the next part's length: look on from there (a long record joins its part).
			const further = doc.nextRecordStart(from + partChars, text.length);
			if (further < 0) break;
			cuts.push(further);
		} else {
			cuts.push(cut);
		}
	}
	cuts.push(text.length);
	return cuts;
}

/** A pool of workers over the bundled catalog, started on first need. */
export class PartPool {
	readonly #workers: Worker[] = [];
	#nextId = 0;
	readonly #pending = new Map<number, { resolve: (r: PartResult) => void; reject: (e: Error) => void }>();
	readonly #idle: Worker[] = [];
	readonly #queue: Array<{ job: PartJob; resolve: (r: PartResult) => void; reject: (e: Error) => void }> = [];
	#failure: Error | undefined;

	constructor(readonly size: number, private readonly script: string) {}

	/** Runs `job` on the next free worker. */
	run(job: Omit<PartJob, 'id'>): Promise<PartResult> {
		if (this.#failure) return Promise.reject(this.#failure);
		return new Promise((resolve, reject) => {
			this.#queue.push({ job: { ...job, id: this.#nextId++ } as PartJob, resolve, reject });
			this.#pump();
		});
	}

	#pump(): void {
		while (this.#queue.length) {
			let worker = this.#idle.pop();
			if (!worker && this.#workers.length < this.size) worker = this.#start();
			if (!worker) return;
			const { job, resolve, reject } = this.#queue.shift()!;
			this.#pending.set(job.id, { resolve, reject });
			(worker as Worker & { jobId?: number }).jobId = job.id;
			worker.postMessage(job);
		}
	}

	#start(): Worker {
		const worker = new Worker(this.script, { workerData: { tokenErrorHelpParts: true } }) as Worker & { jobId?: number };
		worker.on('message', (result: PartResult) => {
			const waiting = this.#pending.get(result.id);
			this.#pending.delete(result.id);
			worker.jobId = undefined;
			this.#idle.push(worker);
			if (result.error !== undefined) waiting?.reject(new Error(result.error));
			else waiting?.resolve(result);
			this.#pump();
		});
		const fail = (error: Error) => {
			this.#failure ??= error;
			const id = worker.jobId;
			if (id !== undefined) {
				this.#pending.get(id)?.reject(error);
				this.#pending.delete(id);
			}
			for (const queued of this.#queue.splice(0)) queued.reject(error);
		};
		worker.on('error', fail);
		worker.on('exit', code => { if (worker.jobId !== undefined) fail(new Error(`a worker thread stopped (exit code ${code})`)); });
		this.#workers.push(worker);
		return worker;
	}

	/** Drops the jobs no worker has started (they reject); returns how many. */
	dropQueued(): number {
		const dropped = this.#queue.splice(0);
		for (const queued of dropped) queued.reject(new Error('dropped'));
		return dropped.length;
	}

	/** Stops every worker. */
	async close(): Promise<void> {
		await Promise.all(this.#workers.map(w => w.terminate()));
	}
}

/** One part's slice of the text, with the context the core needs around it. */
function sliceFor(text: string, from: number, to: number): { slice: string; base: number } {
	const base = Math.max(0, from - PART_CONTEXT);
	return { slice: text.slice(base, Math.min(text.length, to + PART_CONTEXT)), base };
}

/** How far past the message cap (as a share of it) a part must be expected to start before only its secrets are asked for ahead. */
const AHEAD_MARGIN = 1.25;

/**
 * The analysis of `text` over the bundled catalog, its parts analysed on `pool`'s workers; equal
 * to `analyze(text)` on one thread (see the file's header), or `undefined` when the text cannot be
 * cut where a single thread would agree (the caller then analyses it on one thread).
 */
export async function analyzeInParts(text: string, pool: PartPool, partChars: number, maxMessages = DEFAULT_MAX_MESSAGES): Promise<Analysis | undefined> {
	// File variables (`@host = …`) are read from the whole document by `{{…}}` targets: one thread.
	if (text.includes('{{')) return undefined;
	const cuts = cutPoints(text, partChars);
	const parts = cuts.length - 1;
	if (parts < 2) return undefined;
	const submit = (kind: PartJob['kind'], from: number, to: number, cap = maxMessages): Promise<PartResult> => {
		const { slice, base } = sliceFor(text, from, to);
		const result = pool.run({ kind, slice, base, from, to, maxMessages: cap });
		result.catch(() => undefined); // awaited where used; a job dropped or not used must not go unhandled
		return result;
	};
	// What the parts analysed so far found (-1: more than their cap). A part needs at most the cap
	// less the messages of the parts before it, so it is analysed with that cap; and parts expected,
	// at the messages per character seen so far, to start well past the cap are asked only for their
	// secrets ahead of time (asked again in full if that was wrong).
	const found = new Map<number, number>();
	let capped = false;
	const jobs = new Map<number, { kind: PartJob['kind']; result: Promise<PartResult> }>();
	let next = 0;
	const fill = (upTo: number) => {
		for (; next < parts && next < upTo; next++) {
			const k = next;
			let before = 0;
			let over = false;
			let seenChars = 0;
			let seenMessages = 0;
			for (const [j, n] of found) {
				if (n < 0) over ||= j < k;
				else {
					if (j < k) before += n;
					seenChars += cuts[j + 1] - cuts[j];
					seenMessages += n;
				}
			}
			const expected = seenChars ? cuts[k] * (seenMessages / seenChars) : 0;
			const kind = capped || over || expected > maxMessages * AHEAD_MARGIN ? 'secrets' : 'part';
			const result = submit(kind, cuts[k], cuts[k + 1], Math.max(0, maxMessages - before));
			if (kind === 'part') void result.then(r => found.set(k, r.truncated ? -1 : r.messages.length), () => undefined);
			jobs.set(k, { kind, result });
		}
	};
	const drop = () => {
		jobs.clear();
		pool.dropQueued();
		return undefined;
	};
	const pieces: Array<{ kept: HttpMessage[]; secretOnly: Promise<HttpMessage[]> | HttpMessage[] }> = [];
	let count = 0;
	let lastRaw: HttpMessage | undefined;
	for (let k = 0; k < parts; k++) {
		fill(capped ? parts : k + pool.size);
		let job = jobs.get(k)!;
		jobs.delete(k);
		if (capped) {
			// Past the cap: the part's secrets only.
			if (job.kind !== 'secrets') job = { kind: 'secrets', result: submit('secrets', cuts[k], cuts[k + 1]) };
			pieces.push({ kept: [], secretOnly: job.result.then(r => r.secretOnly) });
			continue;
		}
		if (job.kind !== 'part') job = { kind: 'part', result: submit('part', cuts[k], cuts[k + 1]) };
		const part = await job.result;
		const raws = part.messages.filter(m => m.kind !== 'fragment');
		// A response a single thread would pair with the request before the cut: cut elsewhere, i.e. one thread.
		if (raws[0]?.kind === 'response' && lastRaw?.kind === 'request') return drop();
		// A message running past the cut: the next part would be read differently.
		if (part.rawEnd > cuts[k + 1] || part.messages.some(m => m.span.end > cuts[k + 1])) return drop();
		if (raws.length) lastRaw = raws[raws.length - 1];
		if (!part.truncated && count + part.messages.length <= maxMessages) {
			pieces.push({ kept: part.messages, secretOnly: part.secretOnly });
			count += part.messages.length;
			continue;
		}
		// The cap falls in this part: its first messages up to the cap are kept; from the end of the
		// last kept one on, only secrets are reported, through to the end of the text.
		const mine = part.messages.slice(0, maxMessages - count);
		let cursor = cuts[k];
		for (const m of mine) cursor = Math.max(cursor, m.span.end);
		const before = part.secretOnly.filter(f => f.span.start < cursor);
		pieces.push({ kept: mine, secretOnly: submit('secrets', cursor, cuts[k + 1]).then(r => before.concat(r.secretOnly)) });
		capped = true;
	}
	const messages: HttpMessage[] = [];
	for (const piece of pieces) mergeInto(messages, piece.kept, await piece.secretOnly);
	relinkEntries(messages);
	return { messages, truncated: capped };
}

/** Appends `a` and `b` (each sorted by start) to `out`, sorted by start, `a` first on ties (as the core merges them). */
function mergeInto(out: HttpMessage[], a: readonly HttpMessage[], b: readonly HttpMessage[]): void {
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (j >= b.length || (i < a.length && a[i].span.start <= b[j].span.start)) out.push(a[i++]);
		else out.push(b[j++]);
	}
}

/** Catalog entries came back as copies: point them at this thread's catalog again. */
function relinkEntries(messages: readonly HttpMessage[]): void {
	const catalog = bundledCatalog();
	for (const m of messages) {
		for (const e of m.errors) if (e.entry) e.entry = catalog.byId(e.entry.id) ?? e.entry;
		for (const v of m.vendorCodes) if (v.entry) v.entry = catalog.byId(v.entry.id) ?? v.entry;
		if (m.request) relinkEntries([m.request]);
	}
}
