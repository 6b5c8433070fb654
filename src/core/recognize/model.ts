import type { CatalogEntry, Reference } from '../catalog/catalogTypes';
import type { Challenge } from '../parse/wwwAuthenticate';
import type { HeaderField } from '../parse/httpMessage';
import type { JsonBody } from '../parse/jsonBody';
import type { FormParam } from '../parse/formBody';
import type { Location, SecretSpan, Severity, Span } from '../types';

/** How an error code reached us. */
export type ErrorSource = 'json' | 'form' | 'challenge' | 'query' | 'body' | 'text';

/** An OAuth-style `error` value (or a fixed message) found in the text. */
export interface ErrorMention {
	/** The value as sent. */
	code: string;
	entry: CatalogEntry | null;
	/** The value's characters (inside quotes). */
	span: Span;
	source: ErrorSource;
	description?: string;
	descriptionSpan?: Span;
	uri?: string;
	uriSpan?: Span;
	/** For unknown codes: the closest known one. */
	suggestion?: string;
	/** Written as documentation (backticks, no event word on the line): no findings, hover only. */
	inProse?: true;
}

/** A vendor's own code: AADSTS…, E0000…, an AWS exception name, an Authlete action. */
export interface VendorCodeMention {
	code: string;
	entry: CatalogEntry | null;
	span: Span;
	/** Text next to the code that describes it (for cause matching). */
	description?: string;
	/** Read by a body shape that does not name its vendor: the code counts only when this vendor is named otherwise. */
	onlyFor?: string;
	/** Written as documentation (backticks, no event word on the line): no findings, hover only. */
	inProse?: true;
}

/** A fact worth quoting to support: trace ids, correlation ids, timestamps. */
export interface Fact {
	label: string;
	value: string;
	span: Span;
	/** True for ids a vendor's support desk asks for. */
	support?: boolean;
}

/** One text edit of a fix; `snippet` edits use VS Code snippet syntax. */
export interface FixEdit {
	span: Span;
	text: string;
	snippet?: boolean;
}

/** Data for a quick fix attached to a finding. */
export interface FixData {
	title: string;
	edits: FixEdit[];
	preferred?: boolean;
}

/** A problem or observation, with a stable rule id. */
export interface Finding {
	rule: string;
	severity: Severity;
	message: string;
	span: Span;
	/** Where to read more (shown as the diagnostic's code link). */
	reference?: Reference;
	fixes?: FixData[];
	/** The catalog entry the finding is about, if any. */
	entryId?: string;
	/** Other places that explain this finding (the error code behind a status mismatch…). */
	related?: Array<{ span: Span; message: string }>;
}

/** A candidate cause of a message's error: its kind, its text, and the catalog entry it belongs to. */
export interface CauseCandidate {
	/** The public cause-kind id (docs/cause-kinds.md). */
	kind: string;
	/** A finer kind than `kind`, when the catalog names one. */
	finerKind?: string;
	cause: string;
	entryId: string | null;
}

/**
 * The most likely cause of a message, decided once in the resolve stage: every
 * surface (hover, Problems, report, --json, language server, MCP) reads it.
 */
export interface Diagnosis extends CauseCandidate {
	confidence: 'high' | 'medium' | 'low';
	/** What in the paste decided it, quoted (secrets are redacted where it is shown). */
	evidence: string[];
	/** The steps for this cause, then the entry's steps that hold whatever the cause. */
	steps: string[];
	/** The other candidates, most likely first. */
	alternatives: CauseCandidate[];
	/** When the paste does not decide: what would. */
	toDecide?: string;
}

/** An HTTP request, response or free-standing fragment (JSON body, redirect URL, log line). */
export interface HttpMessage {
	kind: 'response' | 'request' | 'fragment';
	span: Span;
	status: number | null;
	statusSpan?: Span;
	reason?: string;
	method?: string;
	methodSpan?: Span;
	target?: string;
	targetSpan?: Span;
	startLine?: Span;
	headers: HeaderField[];
	body: Span | null;
	bodyFormat: 'json' | 'problem+json' | 'form' | 'html' | 'text' | 'empty';
	contentType: string | null;
	json?: JsonBody;
	form?: FormParam[];
	challenges: Array<{ header: HeaderField; challenges: Challenge[] }>;
	vendor: string | null;
	location: Location | null;
	errors: ErrorMention[];
	vendorCodes: VendorCodeMention[];
	facts: Fact[];
	secrets: SecretSpan[];
	findings: Finding[];
	/** For a response: the request right before it, when the paste holds both. */
	request?: HttpMessage;
	/** The most likely cause, when the message reports an error (see {@link Diagnosis}). */
	diagnosis?: Diagnosis;
}

/** The result of analysing one document. */
export interface Analysis {
	messages: HttpMessage[];
	/** The analysis stopped at the message limit; later text was not examined. */
	truncated: boolean;
}

/** Looks up the header with this lower-case name. */
export function header(message: Pick<HttpMessage, 'headers'>, lower: string): HeaderField | undefined {
	return message.headers.find(h => h.lower === lower);
}

/** Index of the last message (sorted by start) starting before `at`, or -1: a binary search. */
export function lastIndexStartingBefore(messages: readonly HttpMessage[], at: number): number {
	let lo = 0;
	let hi = messages.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (messages[mid].span.start < at) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}
