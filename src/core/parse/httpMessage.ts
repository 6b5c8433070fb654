import type { Span } from '../types';
import { scanJsonExtent } from './jsonExtent';
import { indexWithin, isBlankChar, isBlankLine, isRecordStart, isTokenChar, lineAt, lineStartOf, skipBlanks, TextIndex, trimEnd, type Line } from './lines';

/** A header line of a pasted message. `lower` is the lower-cased name. */
export interface HeaderField {
	name: string;
	lower: string;
	value: string;
	span: Span;
	nameSpan: Span;
	valueSpan: Span;
}

/** An HTTP request or response found in pasted text, before any interpretation. */
export interface RawHttpMessage {
	kind: 'response' | 'request';
	/** From the start line to the end of the body (or of the last header). */
	span: Span;
	/** The status line or request line, without any prefix. */
	startLine: Span;
	status: number | null;
	statusSpan?: Span;
	reason?: string;
	method?: string;
	methodSpan?: Span;
	target?: string;
	targetSpan?: Span;
	headers: HeaderField[];
	body: Span | null;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE']);
/** Characters allowed right before `HTTP/` on a status line (start of line, log prefixes, curl markers). */
const BEFORE_STATUS = new Set([32, 9, 60, 62, 58, 124, 34, 39, 40, 91, 42, 45, 61, 96]);

interface StartInfo {
	kind: 'response' | 'request';
	/** Offset where the start line's content begins (after indentation and markers). */
	contentStart: number;
	indent: number;
	/** `<` or `>` when lines carry curl -v markers; 0 otherwise. */
	marker: number;
	/** The start line has a free-form prefix (timestamp, log level): be strict about what follows. */
	prefixed: boolean;
	status?: number;
	statusSpan?: Span;
	reasonSpan?: Span;
	method?: Span;
	target?: Span;
	/** A JSON body on the start line itself (log lines). */
	inlineBody?: number;
}

/**
 * Splits text into the HTTP requests and responses pasted into it, leniently:
 * `HTTP/1.1 400 Bad Request`, `HTTP/2 401`, missing reason phrases, CRLF/LF/CR,
 * log prefixes, curl `<`/`>` markers, indentation, `###` separators and
 * REST Client / httpYac request lines. Messages start in text[from, to) and
 * are read up to `limit`. One linear pass, jumping from candidate line to
 * candidate line (lines holding `HTTP/` or starting with a method).
 */
export function splitHttpMessages(text: string, from = 0, to = text.length, limit = to): RawHttpMessage[] {
	return [...httpMessages(text, from, to, limit)];
}

/** {@link splitHttpMessages}, one message at a time: a caller that stops early (a message cap) does no more work. */
export function* httpMessages(text: string, from = 0, to = text.length, limit = to, doc = new TextIndex(text)): Generator<RawHttpMessage> {
	let pos = from;
	while (pos < to) {
		const candidate = nextCandidateLine(doc, pos, to);
		if (candidate < 0) break;
		const line = lineAt(text, candidate);
		const lineEnd = Math.min(line.end, limit);
		const info = detectStartLine(text, { start: line.start, end: lineEnd, next: line.next });
		if (info) {
			const message = readMessage(text, line, info, limit);
			yield message;
			pos = Math.max(lineAt(text, message.span.end).next, line.next);
			if (message.span.end > lineEnd && pos <= message.span.end) pos = message.span.end;
		} else {
			pos = line.next;
		}
		if (line.next === line.start) break;
	}
	}

/** A line that may start a request: optional blanks and curl marker, then a method and a blank. */
const REQUEST_LINE = /^[ \t]*(?:[<>][ \t]+)?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)[ \t]/gm;

/** The start of the first line at or after `pos` (a line start) and before `to` that may start a message, or -1. */
function nextCandidateLine(doc: TextIndex, pos: number, to: number): number {
	const text = doc.text;
	const http = doc.indexWithin('HTTP/', pos, text.length);
	const status = http >= 0 ? lineStartOf(text, http, pos) : -1;
	const m = doc.search(REQUEST_LINE, pos);
	// `^` also matches after U+2028: take the real line start (detectStartLine then decides).
	const request = m ? lineStartOf(text, m.start, pos) : -1;
	const first = status < 0 ? request : request < 0 ? status : Math.min(status, request);
	return first >= 0 && first < to ? first : -1;
}

function detectStartLine(text: string, line: Line): StartInfo | undefined {
	const first = skipBlanks(text, line.start, line.end);
	if (first === line.end) return undefined;
	let contentStart = first;
	let marker = 0;
	const c = text.charCodeAt(first);
	if ((c === 60 || c === 62) && isBlankChar(text.charCodeAt(first + 1))) {
		marker = c;
		contentStart = skipBlanks(text, first + 1, line.end);
	}
	const request = detectRequestLine(text, contentStart, line.end);
	if (request) return { kind: 'request', contentStart, indent: first - line.start, marker, prefixed: false, ...request };
	const http = indexWithin(text, 'HTTP/', contentStart, line.end);
	if (http < 0) return undefined;
	if (http > contentStart && !BEFORE_STATUS.has(text.charCodeAt(http - 1))) return undefined;
	// `<pre><code>HTTP/1.1 400 …` is an example in an HTML page, not a pasted response.
	if (text.charCodeAt(http - 1) === 62 && /<[A-Za-z][\w-]*(?:[ \t][^<>\n]*)?>$/.test(text.slice(Math.max(contentStart, http - 200), http))) return undefined;
	const status = parseStatusLine(text, http, line.end);
	if (!status) return undefined;
	return {
		kind: 'response',
		contentStart: http,
		indent: first - line.start,
		marker,
		prefixed: http > contentStart,
		...status,
	};
}

function detectRequestLine(text: string, start: number, end: number): Pick<StartInfo, 'method' | 'target'> | undefined {
	let i = start;
	while (i < end && text.charCodeAt(i) >= 65 && text.charCodeAt(i) <= 90) i++;
	if (i === start || i - start > 7 || !METHODS.has(text.slice(start, i))) return undefined;
	if (!isBlankChar(text.charCodeAt(i))) return undefined;
	const targetStart = skipBlanks(text, i, end);
	const t = text.charCodeAt(targetStart);
	const looksLikeTarget = t === 47 || t === 42 || text.startsWith('http://', targetStart) || text.startsWith('https://', targetStart) || text.startsWith('{{', targetStart);
	if (!looksLikeTarget) return undefined;
	let targetEnd = targetStart;
	while (targetEnd < end && !isBlankChar(text.charCodeAt(targetEnd))) targetEnd++;
	return { method: { start, end: i }, target: { start: targetStart, end: targetEnd } };
}

function parseStatusLine(text: string, http: number, end: number): Pick<StartInfo, 'status' | 'statusSpan' | 'reasonSpan' | 'inlineBody'> | undefined {
	let i = http + 5;
	const versionStart = i;
	while (i < end && i - versionStart < 4 && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
	if (i === versionStart || !isDigit(text.charCodeAt(versionStart))) return undefined;
	if (!isBlankChar(text.charCodeAt(i))) return undefined;
	i = skipBlanks(text, i, end);
	if (i + 3 > end) return undefined;
	const d0 = text.charCodeAt(i), d1 = text.charCodeAt(i + 1), d2 = text.charCodeAt(i + 2);
	if (!(d0 >= 49 && d0 <= 53) || !isDigit(d1) || !isDigit(d2)) return undefined;
	if (i + 3 < end && !isBlankChar(text.charCodeAt(i + 3))) return undefined;
	const status = (d0 - 48) * 100 + (d1 - 48) * 10 + (d2 - 48);
	const statusSpan = { start: i, end: i + 3 };
	let reasonStart = skipBlanks(text, i + 3, end);
	if (text.charCodeAt(reasonStart) === 45) reasonStart = skipBlanks(text, reasonStart + 1, end); // httpYac "200 - OK"
	const brace = indexWithin(text, '{', reasonStart, end);
	const inlineBody = brace >= 0 ? brace : undefined;
	const reasonEnd = trimEnd(text, reasonStart, inlineBody ?? end);
	return { status, statusSpan, reasonSpan: { start: reasonStart, end: reasonEnd }, inlineBody };
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** A line's content after the message's indentation and curl marker. */
function contentOf(text: string, line: Line, info: StartInfo): { start: number; indent: number } {
	const first = skipBlanks(text, line.start, line.end);
	let start = first;
	if (info.marker && text.charCodeAt(first) === info.marker) start = skipBlanks(text, first + 1, line.end);
	return { start, indent: first - line.start };
}

/** True for lines that end any message: `###` separators, code fences, log records and new start lines. */
function isBoundary(text: string, line: Line, info: StartInfo): boolean {
	const { start, indent } = contentOf(text, line, info);
	if (start === line.end) return false;
	if (info.indent > 0 && indent < info.indent) return true;
	if (text.startsWith('###', start) || text.startsWith('```', start) || text.startsWith('~~~', start)) return true;
	// A timestamped log line is the next record, not a header or body line of this message.
	if (isRecordStart(text, line.start)) return true;
	return detectStartLine(text, line) !== undefined;
}

function readMessage(text: string, startLine: Line, info: StartInfo, to: number): RawHttpMessage {
	const headers: HeaderField[] = [];
	const message: RawHttpMessage = {
		kind: info.kind,
		span: { start: info.contentStart, end: trimEnd(text, info.contentStart, Math.min(startLine.end, to)) },
		startLine: { start: info.contentStart, end: trimEnd(text, info.contentStart, Math.min(startLine.end, to)) },
		status: info.status ?? null,
		statusSpan: info.statusSpan,
		reason: info.reasonSpan ? text.slice(info.reasonSpan.start, info.reasonSpan.end) : undefined,
		headers,
		body: null,
	};
	if (info.method && info.target) {
		message.method = text.slice(info.method.start, info.method.end);
		message.methodSpan = info.method;
		message.target = text.slice(info.target.start, info.target.end);
		message.targetSpan = info.target;
	}
	if (info.inlineBody !== undefined) {
		const extent = scanJsonExtent(text, info.inlineBody, Math.min(to, startLine.end));
		message.body = { start: info.inlineBody, end: extent.end };
		message.span.end = extent.end;
		return message;
	}
	let pos = startLine.next;
	let separated = false;
	while (pos < to) {
		const line = lineAt(text, pos);
		if (isBlankLine(text, line) || (info.marker && isMarkerOnly(text, line, info.marker))) {
			separated = true;
			pos = line.next;
			break;
		}
		if (isBoundary(text, line, info)) return message;
		const { start } = contentOf(text, line, info);
		if (isElision(text, start, line.end)) {
			pos = line.next;
			continue;
		}
		const header = parseHeader(text, start, Math.min(line.end, to));
		if (!header) break;
		headers.push(header);
		message.span.end = header.span.end;
		pos = line.next;
	}
	if (pos >= to) return message;
	const bodyLine = lineAt(text, pos);
	if (isBlankLine(text, bodyLine) || isBoundary(text, bodyLine, info)) return message;
	const bodyStart = skipBlanks(text, bodyLine.start, bodyLine.end);
	const opener = text.charCodeAt(bodyStart);
	if (opener === 123 || opener === 91) {
		const extent = scanJsonExtent(text, bodyStart, to);
		message.body = { start: bodyStart, end: extent.end };
	} else if (separated || !info.prefixed) {
		message.body = { start: bodyStart, end: paragraphEnd(text, bodyLine, info, to) };
	}
	if (message.body) message.span.end = message.body.end;
	return message;
}

function paragraphEnd(text: string, first: Line, info: StartInfo, to: number): number {
	let end = trimEnd(text, first.start, Math.min(first.end, to));
	let pos = first.next;
	while (pos < to) {
		const line = lineAt(text, pos);
		if (isBlankLine(text, line) || isBoundary(text, line, info)) break;
		end = trimEnd(text, line.start, Math.min(line.end, to));
		if (line.next === line.start) break;
		pos = line.next;
	}
	return end;
}

function isMarkerOnly(text: string, line: Line, marker: number): boolean {
	const first = skipBlanks(text, line.start, line.end);
	return text.charCodeAt(first) === marker && skipBlanks(text, first + 1, line.end) === line.end;
}

function isElision(text: string, start: number, end: number): boolean {
	const content = text.slice(start, trimEnd(text, start, end));
	return content === '...' || content === '…' || content === '[...]';
}

/** `Name: value` with an RFC 9110 token as the name. */
export function parseHeader(text: string, start: number, end: number): HeaderField | undefined {
	let i = start;
	while (i < end && isTokenChar(text.charCodeAt(i))) i++;
	if (i === start || i >= end || text.charCodeAt(i) !== 58) return undefined;
	const name = text.slice(start, i);
	const valueStart = skipBlanks(text, i + 1, end);
	const valueEnd = trimEnd(text, valueStart, end);
	return {
		name,
		lower: name.toLowerCase(),
		value: text.slice(valueStart, valueEnd),
		span: { start, end: valueEnd },
		nameSpan: { start, end: i },
		valueSpan: { start: valueStart, end: valueEnd },
	};
}
