import type { Catalog } from '../catalog/catalog';
import { parseFormParams, type FormParam } from '../parse/formBody';
import { indexWithin, isRecordStart, isWordChar, lineEndOf, lineStartOf, TextIndex } from '../parse/lines';
import type { Span } from '../types';
import type { ErrorMention, VendorCodeMention } from './model';

const CONTEXT_WORDS = ['error', 'fail', 'oauth', 'exception', 'denied', 'invalid', 'refused', 'rejected'];
/**
 * What makes a known code on a line a report of something that happened rather
 * than documentation: a log level, an error or failure word, a verb of a
 * response, or an HTTP error status (`HTTP 401`, `status=400`, `400 Bad Request`).
 * Whole words only: `SessionEndedError` and topic words (token, login) are no event.
 */
const EVENT = /\b(?:ERROR|WARN(?:ING)?|FATAL|SEVERE|CRITICAL|E\/\w+)\b|\blevel=(?:error|warn)|\[(?:error|warn(?:ing)?)\]|\b(?:errors?|failed|fails|failure|exception|unauthorized|forbidden|returned|returns|received|responded|replied|replies|response|got)\b|\bHTTP(?:\/[\d.]+)?[ :]+[45]\d\d\b|\bstatus(?:code)?["']?[ :=]+[45]\d\d\b|\b[45]\d\d[ \t]+(?:Bad|Unauthorized|Forbidden|Not|Internal|Service|Too|Method|Conflict|Gone|Payload|Gateway)\b/i;
/**
 * The code is the value of an error field (`errorCode: 'invalid_client'`,
 * `"oauthError": "login_required"`, `code: invalid_grant`, `"name": "insufficient_scope"`), or a thrown error's
 * message holds it (`OPError: invalid_grant (…)`, `IllegalArgumentException: No enum constant ….invalid_token`),
 * or Go's x/oauth2 prints it (`oauth2: "invalid_grant" "…"`).
 */
const KEYED_OR_THROWN = /(?:\b\w*(?:error|errorCode|error_code)|\b(?:code|name|err))["']?[ \t]*[:=][ \t]*["'`]?$|\w(?:Error|Exception)[ \t]*:[ \t]|\boauth2:[ \t]*\\?"$/i;
/** A code compared or switched on in source code: `code === 'invalid_grant'`, `case "slow_down":`. */
const COMPARED = /(?:[!=]==?|\bcase)[ \t]*["'`]$/;
/** A code a test expects (`the expected error value is "invalid_grant"`, a test plan or a Gherkin step). */
const EXPECTED = /\bexpected\b[\w ]{0,30}\b(?:is|be|equals?|of)[ \t]*["'`]$/i;
/** A Prometheus sample (`idp_token_errors_total{error="invalid_grant"} 38`) or a sequence-diagram arrow (`A-->>W: 400`): a count or a drawing. */
const METRIC_OR_DIAGRAM = /^[ \t]*[A-Za-z_:][\w:]*\{[^}\n]*\}[ \t]+[\d.eE+-]+|--?>>?|<<?--?/;
const CONTEXT_WINDOW = 120;
/** Words holding an underscore: codes and identifiers, not context. */
const CODE_WORDS = /\b[A-Za-z0-9]*_\w*/g;
/** Mentions kept per line. */
const MAX_MENTIONS_PER_LINE = 200;

/** Error and vendor codes mentioned on one line of free text (logs, prose, source code). */
export interface LineMentions {
	line: Span;
	errors: ErrorMention[];
	vendorCodes: VendorCodeMention[];
}

/**
 * Where a word that may be a code can be: every candidate word contains one of
 * these (an underscore, an exception or error name) or starts with a vendor's
 * code prefix (from the catalog's profiles). `needle` is what `indexOf` looks
 * for, chosen around a rare character so the search skips quickly; `back` is
 * how far the anchor starts before it.
 */
interface Anchor {
	needle: string;
	back: number;
	anchor: string;
}

const WORD_ANCHORS: readonly Anchor[] = [
	{ needle: '_', back: 0, anchor: '_' },
	{ needle: 'xception', back: 1, anchor: 'Exception' },
	{ needle: 'Error', back: 0, anchor: 'Error' },
];

/** The anchors of a catalog: the word anchors and each profile code prefix. */
function anchorsOf(catalog: Catalog): readonly Anchor[] {
	const prefixes = new Set(catalog.profiles.codeShapes.map(s => s.shape.prefix));
	return [...WORD_ANCHORS, ...[...prefixes].map(prefix => ({ needle: prefix, back: 0, anchor: prefix }))];
}

/**
 * Finds catalog codes written as plain words in text[start, end): log lines
 * (`OPError: invalid_grant (…)`), exceptions (`AADSTS700082: …`), Spring's
 * `[invalid_token_response]`, codes in string literals. Only words holding one
 * of the anchors (see {@link anchorsOf}) can be codes, so the scan jumps from anchor to anchor
 * with `indexOf` instead of reading every word; ordinary-word codes need an
 * error context on the same line.
 */
export function scanMentions(text: string, start: number, end: number, catalog: Catalog, doc = new TextIndex(text)): LineMentions[] {
	const result: LineMentions[] = [];
	let current: LineMentions | undefined;
	const anchors = anchorsOf(catalog);
	/** Words that fit no code shape and no catalog code: never a mention, wherever they stand (`client_secret` on every line). */
	const dead = new Set<string>();
	const next = anchors.map(a => findAnchor(doc, a, start, end));
	/** Moves every anchor found before `to` on to its next occurrence from `to`. */
	const skipTo = (to: number) => {
		for (let k = 0; k < next.length; k++) if (next[k] >= 0 && next[k] < to) next[k] = findAnchor(doc, anchors[k], to, end);
	};
	for (;;) {
		let at = -1;
		for (const n of next) if (n >= 0 && (at < 0 || n < at)) at = n;
		if (at < 0) break;
		let wordStart = at;
		while (wordStart > start && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
		let wordEnd = at;
		let underscore = false;
		while (wordEnd < end && isWordChar(text.charCodeAt(wordEnd))) {
			if (text.charCodeAt(wordEnd) === 95) underscore = true;
			wordEnd++;
		}
		// The next search starts after this word (an anchor at a non-word character still moves on).
		skipTo(Math.max(wordEnd, at + 1));
		// Shorter words only when they are of a vendor's code shape (OpenIddict's `ID2095`, checked with its context words).
		if ((wordEnd - wordStart < MIN_CODE_LENGTH && !catalog.profiles.codeShapeOf(text.slice(wordStart, wordEnd))) || wordEnd - wordStart > 64) continue;
		if (current && wordStart < current.line.end && current.errors.length + current.vendorCodes.length >= MAX_MENTIONS_PER_LINE) {
			// A line made of codes (a minified dump, a hostile paste): enough for hovers, then the next line.
			skipTo(current.line.end);
			continue;
		}
		const mention = classifyWord(text, wordStart, wordEnd, underscore, catalog, doc, dead);
		if (!mention) continue;
		if (!current || wordStart >= current.line.end) {
			const line = lineContaining(text, wordStart, start, end, doc);
			current = { line, errors: [], vendorCodes: [] };
			result.push(current);
		}
		if (mention.kind === 'error') current.errors.push(mention.mention);
		else current.vendorCodes.push(mention.mention);
	}
	return result;
}

/** The next occurrence of an anchor at or after `from` and inside [start, end), or -1. */
function findAnchor(doc: TextIndex, a: Anchor, from: number, end: number): number {
	let at = doc.indexWithin(a.needle, from + a.back, end);
	while (at >= 0 && a.back && !doc.text.startsWith(a.anchor, at - a.back)) at = doc.indexWithin(a.needle, at + 1, end);
	return at < 0 ? -1 : at - a.back;
}

type Classified =
	| { kind: 'error'; mention: ErrorMention }
	| { kind: 'vendor'; mention: VendorCodeMention };

function classifyWord(text: string, start: number, end: number, underscore: boolean, catalog: Catalog, doc: TextIndex, dead: Set<string>): Classified | undefined {
	const word = text.slice(start, end);
	if (dead.has(word)) return undefined;
	const span = { start, end };
	const shaped = catalog.profiles.codeShapeOf(word);
	if (shaped && (!shaped.shape.context || hasErrorContext(text, start, end, doc, shaped.shape.context))) {
		return { kind: 'vendor', mention: { code: word, entry: null, span, description: describeAfter(text, end), ...prose(text, start, end, doc, true) } };
	}
	if (!underscore && !isThrown(text, start, end, word)) return undefined;
	const candidates = catalog.candidates(word);
	if (candidates.length === 0) {
		// Remembered only when no code shape fits either (a shaped word may find its context elsewhere); a bounded number of words.
		if (!shaped && dead.size < MAX_DEAD_WORDS) dead.add(word);
		return undefined;
	}
	// `error: 'invalid_code'` (a Node inspect dump), `MissingTokenError: (missing_token) …` (oauthlib): keyed as an error, so no word is too generic.
	const keyed = isKeyedAsError(text, start, end);
	// What the catalog says of this spelling (an alias such as MissingTokenError is distinctive even when its code is not).
	const freeText = (mode: 'keyed' | 'context') => candidates.some(c => c.freeText === mode && c.code.toLowerCase() === word.toLowerCase());
	if (!keyed && freeText('keyed')) return undefined;
	if (!keyed && freeText('context') && !hasErrorContext(text, start, end, doc)) return undefined;
	const description = describeAfter(text, end);
	const errorEntry = candidates.find(c => c.kind === 'error');
	if (errorEntry) return { kind: 'error', mention: { code: word, entry: null, span, source: 'text', description, ...prose(text, start, end, doc) } };
	// Vendor codes are matched with their exact spelling, and some only next to their vendor's context words.
	const vendorEntry = candidates.find(c => c.kind === 'vendorCode' && c.code === word);
	if (!vendorEntry) return undefined;
	const needed = catalog.profiles.codeContext(vendorEntry.namespace);
	if (needed && !hasErrorContext(text, start, end, doc, needed)) return undefined;
	if (isForeignClass(text, start, catalog.profiles.packages(vendorEntry.namespace))) return undefined;
	return { kind: 'vendor', mention: { code: word, entry: null, span, description, ...prose(text, start, end, doc) } };
}

/** Words remembered as never a mention, per scan. */
const MAX_DEAD_WORDS = 10_000;

/** Vendor code prefixes are at least this long with their digits (`E0000011`); other codes too (`invalid`). */
const MIN_CODE_LENGTH = 7;

/**
 * A vendor's exception name qualified by another library's package: JAX-RS's
 * `javax.ws.rs.NotAuthorizedException` in a Keycloak trace is no Cognito error.
 * Only vendors whose profile lists its SDK packages are checked.
 */
function isForeignClass(text: string, start: number, packages: readonly string[] | undefined): boolean {
	if (!packages || text.charCodeAt(start - 1) !== 46) return false;
	const qualifier = /\b(?:[A-Za-z_][\w$]*\.)+$/.exec(text.slice(Math.max(0, start - 80), start));
	if (qualifier === null) return false;
	const lower = qualifier[0].toLowerCase();
	return !packages.some(p => lower.includes(p));
}

/**
 * An exception name counts when it is thrown, not when code names its type:
 * `MsalUiRequiredException: …`, AWS CLI's `(NotAuthorizedException)`, MSAL's
 * `Exception type: Microsoft.Identity.Client.MsalUiRequiredException , ErrorCode: …`,
 * a Node inspect dump's `name: 'InvalidGrantException'`;
 * not `catch (MsalUiRequiredException)` or `instanceof InteractionRequiredAuthError)`.
 */
function isThrown(text: string, start: number, end: number, word: string): boolean {
	if (!word.endsWith('Exception') && !word.endsWith('Error')) return false;
	let after = end;
	while (text.charCodeAt(after) === 32) after++;
	const next = text.charCodeAt(after);
	if (next === 58) return true;
	const before = text.slice(Math.max(0, start - 40), start);
	if (/\bname["']?[ \t]*[:=][ \t]*["']$/.test(before)) return true;
	if (next === 41) return text.charCodeAt(start - 1) === 40 && !/(?:catch|except|instanceof|typeof|is|as)[ \t]*\($/.test(before);
	return next === 44 && /type[ \t]*[:=][ \t]*[\w.]*$/i.test(before);
}

/**
 * The word is quoted after an error key or an exception (`error: '…`,
 * `"error"="…`, `Error: (…`), or starts a message as `code: description`
 * (`"message": "access_denied: Unauthorized"`).
 */
function isKeyedAsError(text: string, start: number, end: number): boolean {
	const before = text.slice(Math.max(0, start - 16), start);
	return /error["']?[ \t]*[:=][ \t]*[("'`]$/i.test(before) || (text.charCodeAt(end) === 58 && /message["']?[ \t]*[:=][ \t]*["'`]$/i.test(before));
}

/**
 * `{ inProse: true }` for a code written as documentation: in single backticks
 * (Markdown), compared in source code, a JSON key, or else not shaped like an
 * error message, not on a log record's line, and a table cell or with no
 * {@link EVENT} near it (a changelog entry, a definition list, an `enum` of codes).
 * It gets no findings; hovers and an explicit Explain still cover it.
 */
function prose(text: string, start: number, end: number, doc: TextIndex, distinctive = false): { inProse?: true } {
	const before = text.charCodeAt(start - 1);
	const after = text.charCodeAt(end);
	if (before === 96 && after === 96) return { inProse: true };
	// Spring Security's `[invalid_grant] Invalid authorization code`.
	if (before === 91 && after === 93) return {};
	const line = doc.lineAround(start);
	const lineStart = line.start;
	const lead = text.slice(Math.max(lineStart, start - CONTEXT_WINDOW), start);
	if (COMPARED.test(lead) || EXPECTED.test(lead)) return { inProse: true };
	if (isDefinitionTerm(text, lineStart, line.end, start, end)) return { inProse: true };
	// A JSON key (`"invalid_grant": "Your sign-in expired"`, a translation table) names a code, it does not report one.
	if ((before === 34 || before === 39) && after === before && /^[ \t]*:/.test(text.slice(end + 1, end + 8))) return { inProse: true };
	if (isMappingKey(text, lineStart, start, end) || isListItem(text, start, end)) return { inProse: true };
	if (METRIC_OR_DIAGRAM.test(text.slice(lineStart, Math.min(line.end, lineStart + 400)))) return { inProse: true };
	if (isNamedAsDocumentation(text, lineStart, line.end, start, end, lead)) return { inProse: true };
	// `AADSTS50076: Due to…`, `OPError: invalid_grant`: the shape of an error message.
	if (after === 58 || KEYED_OR_THROWN.test(lead)) return {};
	// A cell of a CSV or tab-separated row (an analytics export) is data unless its row speaks of an event.
	if (isSeparatedCell(before, after) && !hasEvent(text, start, end, doc)) return { inProse: true };
	if (isRecordStart(text, lineStart)) return {};
	// A cell of a Markdown or ASCII table (`| invalid_grant | The grant is…`) documents the code.
	if (/\|[ \t]*$/.test(lead) || /^[ \t]*\|/.test(text.slice(end, end + 8))) return { inProse: true };
	// A vendor's own numbered code (AADSTS…, E0000…) is seldom written outside an error.
	if (distinctive || hasEvent(text, start, end, doc)) return {};
	// A code alone on its line after `Error:` (a bug report's "Error:\n  "invalid_client"").
	const alone = lead.trim() === '' || lead.trim() === '"' || lead.trim() === '\'';
	return alone && lineStart > 0 && EVENT.test(text.slice(lineStartOf(text, lineStart - 1), lineStart)) ? {} : { inProse: true };
}

/**
 * The term of a definition list: the code starts its line (after indentation), alone or followed by `:`,
 * and the next line is indented deeper than it (an RFC's `unsupported_token_type:  The authorization
 * server…`, OpenID's `consent_required` then its definition). A stack frame under an error line
 * (`    at …`, `  File …`, `Caused by`) is not a definition.
 */
function isDefinitionTerm(text: string, lineStart: number, lineEnd: number, start: number, end: number): boolean {
	if (text.slice(lineStart, start).trim() !== '') return false;
	const rest = text.slice(end, Math.min(lineEnd, end + 2));
	if (rest !== '' && rest !== ':' && !/^:[ \t]/.test(rest) && rest.trim() !== '') return false;
	let next = lineEnd;
	if (text.charCodeAt(next) === 13) next++;
	if (text.charCodeAt(next) !== 10) return false;
	next++;
	const nextLine = text.slice(next, lineEndOf(text, next, Math.min(text.length, next + 200)));
	const indent = (s: string) => s.length - s.trimStart().length;
	return nextLine.trim() !== '' && indent(nextLine) > start - lineStart && !STACK_FRAME.test(nextLine.trimStart());
}

/** The first words of a stack-trace line (Java, .NET, Node, Python, Go). */
const STACK_FRAME = /^(?:at |File "|Caused by|\.\.\.|\^|goroutine |Traceback|-{3})/;

/**
 * A YAML key at the start of its line (`  invalid_grant: "Your sign-in link has
 * expired"`): its value is quoted, or its parent line is a key of its own
 * (`errors:`). A log's `invalid_grant: Bad Request` is neither.
 */
function isMappingKey(text: string, lineStart: number, start: number, end: number): boolean {
	if (text.charCodeAt(end) !== 58 || text.slice(lineStart, start).trim() !== '') return false;
	if (/^:[ \t]+["']/.test(text.slice(end, end + 4))) return true;
	if (start === lineStart || lineStart === 0) return false;
	const parent = text.slice(lineStartOf(text, lineStart - 1), lineStart).trimEnd();
	return parent.endsWith(':') && /^[ \t]*[\w-]+:$/.test(parent);
}

/**
 * A quoted code between `[` or `,` and `,` or `]`: an element of a list of codes (`"terms": ["invalid_grant", "invalid_client"]`);
 * or the first value of a row that starts its line (`('invalid_client', 401, …),` in an SQL insert, a tuple in source code).
 */
function isListItem(text: string, start: number, end: number): boolean {
	const quote = text.charCodeAt(start - 1);
	if ((quote !== 34 && quote !== 39) || text.charCodeAt(end) !== quote) return false;
	const lead = text.slice(Math.max(0, start - 9), start - 1);
	const opener = /([[,])[ \t]*$/.exec(lead);
	if (opener !== null && /^[ \t]*[\],]/.test(text.slice(end + 1, end + 9))) return true;
	return /(?:^|[\r\n])[ \t]*\($/.test(lead) && /^[ \t]*,/.test(text.slice(end + 1, end + 9));
}

/** A union type's member on its own line (`\t| 'AADSTS700082'`): source naming a code. */
const UNION_MEMBER_LEAD = /^[ \t]*\|[ \t]*["']$/;
/** An HTML table cell, optionally in `<code>` (`<td><code>AADSTS50011</code></td>`). */
const HTML_CELL_LEAD = /<t[dh](?:[ \t][^<>]{0,80})?>[ \t]*(?:<code>)?$/i;
const HTML_CELL_TAIL = /^(?:<\/code>)?[ \t]*<\/t[dh]>/i;
/** A changelog entry: a list item ending with its pull request or issue (`… (PR #967)`, `(#123)`). */
const CHANGELOG_ITEM = /^[ \t]*[-*+][ \t].*\((?:PR |pull request |issue )?#\d{1,7}\)[ \t.]*$/i;
/** An RFC 2119 keyword: the text is a specification. */
const NORMATIVE = /\b(?:MUST|SHOULD|MAY|REQUIRED|RECOMMENDED)\b/;

/**
 * A code named as documentation by the shape around it: a union type's member line, an HTML table cell, a
 * changelog entry (a list item citing its pull request), or a quoted code called an "error code" in prose
 * that is plural (`The "authorization_pending" and "slow_down" error codes`) or normative (`MUST be the
 * "invalid_request" error code`).
 */
function isNamedAsDocumentation(text: string, lineStart: number, lineEnd: number, start: number, end: number, lead: string): boolean {
	const quote = text.charCodeAt(start - 1);
	const quoted = (quote === 34 || quote === 39) && text.charCodeAt(end) === quote;
	if (quoted && UNION_MEMBER_LEAD.test(text.slice(lineStart, start)) && /^[ \t]*;?[ \t]*$/.test(text.slice(end + 1, lineEnd))) return true;
	if (HTML_CELL_LEAD.test(lead) && HTML_CELL_TAIL.test(text.slice(end, end + 40))) return true;
	if (lineEnd - lineStart <= 1000 && CHANGELOG_ITEM.test(text.slice(lineStart, lineEnd))) return true;
	if (quote === 34 && text.charCodeAt(end) === 34) {
		const called = /^"[ \t\r\n]{1,4}error[ \t\r\n]{1,4}code(s?)\b/.exec(text.slice(end, end + 24));
		if (called && (called[1] === 's' || NORMATIVE.test(text.slice(Math.max(0, start - 200), Math.min(text.length, end + 200))))) return true;
		// The first of two quoted codes called "error codes" together (`"authorization_pending" and "slow_down" error codes`).
		if (/^" (?:and|or) "[^"\r\n]{1,60}"[ \t\r\n]{1,4}error[ \t\r\n]{1,4}codes\b/.test(text.slice(end, end + 100))) return true;
	}
	return false;
}

function isSeparatedCell(before: number, after: number): boolean {
	const separator = (c: number) => c === 44 || c === 9 || c === 59;
	return separator(before) && (separator(after) || Number.isNaN(after) || after === 10 || after === 13);
}

/** {@link EVENT} on the code's line, within {@link CONTEXT_WINDOW} of it, other codes left out. */
function hasEvent(text: string, start: number, end: number, doc: TextIndex): boolean {
	return EVENT.test(surroundings(text, start, end, doc));
}

/** The text on the code's line within {@link CONTEXT_WINDOW} before and after it, with other codes (words holding `_`) blanked. */
function surroundings(text: string, start: number, end: number, doc: TextIndex): string {
	const line = doc.lineAround(start);
	const from = Math.max(line.start, start - CONTEXT_WINDOW);
	const to = Math.min(line.end, end + CONTEXT_WINDOW);
	return `${text.slice(from, start)} ${text.slice(end, to)}`.replace(CODE_WORDS, ' ');
}

/**
 * "error", "failed", "oauth"… near the code on the same line, or `[code]` brackets.
 * Other codes on the line are no context (`invalid_client` does not make
 * `invalid_grant` an error in a list of codes).
 */
function hasErrorContext(text: string, start: number, end: number, doc: TextIndex, words: readonly string[] = CONTEXT_WORDS): boolean {
	if (text.charCodeAt(start - 1) === 91 && text.charCodeAt(end) === 93) return true;
	const around = surroundings(text, start, end, doc).toLowerCase();
	return words.some(w => around.includes(w));
}

const KEYED_DESCRIPTION = /(?:error_description|errorSummary|message)["']?[ \t]*[:=][ \t]*["']([^"'\r\n]{1,300})["']/;

/**
 * The words after a code on its line: a keyed description on the same line
 * (`error_description: '…'` in a Python dict or a Node inspect dump), else the
 * rest of the line after `: `, `(` or `] `.
 */
function describeAfter(text: string, end: number): string | undefined {
	const rest = text.slice(end, lineEndOf(text, end, Math.min(text.length, end + 1000)));
	const keyed = KEYED_DESCRIPTION.exec(rest);
	if (keyed) return keyed[1].trim() || undefined;
	return plainDescription(text, end);
}

function plainDescription(text: string, end: number): string | undefined {
	let i = end;
	const limit = Math.min(text.length, end + 400);
	while (i < limit) {
		const c = text.charCodeAt(i);
		if (c === 58 || c === 93 || c === 41 || c === 40 || c === 45 || c === 32 || c === 9 || c === 34 || c === 39 || c === 44) i++;
		else break;
	}
	let j = i;
	while (j < limit) {
		const c = text.charCodeAt(j);
		if (c === 10 || c === 13) break;
		j++;
	}
	const description = text.slice(i, j).replace(/[)"'\]]+$/, '').trim();
	return description.length >= 3 ? description : undefined;
}

function lineContaining(text: string, at: number, min: number, max: number, doc: TextIndex): Span {
	return { start: lineStartOf(text, at, min), end: doc.lineEnd(at, max) };
}

/** A URL or parameter string carrying `error=` (a redirect back to the client, a log field). */
export interface ErrorParams {
	/** The whole URL (or parameter string). */
	span: Span;
	params: FormParam[];
	/** The parameters were in the URL fragment (implicit / hybrid flows). */
	inFragment: boolean;
	/** An `http(s)://` URL precedes the parameters. */
	isUrl: boolean;
}

const PARAM_STOP = new Set([32, 9, 10, 13, 34, 39, 60, 62, 40, 41, 96, 44, 59]);

/**
 * An `error=` value that can be a code: not empty, no brackets or braces (Go's
 * `error=map[debug: …]`), no quote or backslash (RFC 6749 allows neither; PromQL's
 * `error=~\"…`), no trailing colon, no leading `~`.
 */
function isCodeShaped(value: string): boolean {
	return value.length > 0 && !/[[\]{}()<>"\\]/.test(value) && !value.endsWith(':') && !value.startsWith('~');
}

/** Finds `error=` parameters in query strings, fragments and logfmt text in text[start, end). Linear. */
export function findErrorParams(text: string, start: number, end: number): ErrorParams[] {
	const found: ErrorParams[] = [];
	let at = indexWithin(text, 'error=', start, end);
	while (at >= 0) {
		const before = at > start ? text.charCodeAt(at - 1) : 32;
		let next = at + 6;
		if (before === 63 || before === 38 || before === 35 || PARAM_STOP.has(before)) {
			let paramStart = at;
			if (before === 38) {
				let i = at - 1;
				while (i > start && at - i < 4096 && !PARAM_STOP.has(text.charCodeAt(i - 1)) && text.charCodeAt(i) !== 63 && text.charCodeAt(i) !== 35) i--;
				if (text.charCodeAt(i) === 63 || text.charCodeAt(i) === 35) paramStart = i + 1;
				else paramStart = i;
			}
			let paramEnd = at;
			while (paramEnd < end && paramEnd - at < 8192 && !PARAM_STOP.has(text.charCodeAt(paramEnd))) paramEnd++;
			// Markdown emphasis closed right after the URL (`…?error=invalid_grant**`) is not part of the last value.
			while (paramEnd > at + 6 && text.charCodeAt(paramEnd - 1) === 42) paramEnd--;
			const marker = text.charCodeAt(paramStart - 1);
			let urlStart = paramStart;
			if (marker === 63 || marker === 35) {
				urlStart = paramStart - 1;
				while (urlStart > start && paramStart - urlStart < 4096 && !PARAM_STOP.has(text.charCodeAt(urlStart - 1))) urlStart--;
			}
			const params = parseFormParams(text, paramStart, paramEnd);
			if (params.some(p => p.name === 'error' && isCodeShaped(p.value))) {
				const prefix = text.slice(urlStart, paramStart);
				found.push({
					span: { start: urlStart, end: paramEnd },
					params,
					inFragment: marker === 35,
					isUrl: /^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(prefix) || prefix.startsWith('/'),
				});
			}
			next = Math.max(paramEnd, next);
		}
		at = indexWithin(text, 'error=', next, end);
	}
	return found;
}
