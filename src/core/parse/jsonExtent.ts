import { isBlankChar, lineAt } from './lines';

/** Where a JSON value that starts at `start` ends; `complete` is false when it never closes. */
export interface JsonExtent {
	end: number;
	complete: boolean;
}

/**
 * Finds the end of the JSON object or array starting at `text[start]` in one
 * linear pass, tracking strings and nesting. A value that does not close
 * stops at a line that starts a new HTTP message, a `###` separator or a code
 * fence (then `complete` is false), so a broken paste never swallows the rest
 * of the document.
 */
export function scanJsonExtent(text: string, start: number, limit: number): JsonExtent {
	let depth = 0;
	let inString = false;
	let i = start;
	while (i < limit) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92) i++; // backslash escape
			else if (c === 34) inString = false;
			else if (c === 10 || c === 13) inString = false; // raw line breaks never occur inside JSON strings
		} else if (c === 34) {
			inString = true;
		} else if (c === 123 || c === 91) {
			depth++;
		} else if (c === 125 || c === 93) {
			depth--;
			if (depth <= 0) return { end: i + 1, complete: depth === 0 };
		} else if (c === 10 || c === 13) {
			const next = lineAt(text, i + 1 < limit && c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1);
			if (endsJson(text, next.start, Math.min(next.end, limit))) return { end: i, complete: false };
		}
		i++;
	}
	return { end: limit, complete: false };
}

function endsJson(text: string, start: number, end: number): boolean {
	let i = start;
	while (i < end && isBlankChar(text.charCodeAt(i))) i++;
	if (text.startsWith('###', i) || text.startsWith('```', i)) return true;
	return text.startsWith('HTTP/', i) && end - i > 8;
}
