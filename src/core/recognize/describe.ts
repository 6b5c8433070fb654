import { decodeFormComponent } from '../parse/formBody';

/** Named HTML entities that error pages and escaped logs use. */
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: ' ', '#39': '\'', '#34': '"', '#x27': '\'', '#x2F': '/', '#x2f': '/', '#47': '/' };

/** Decoding rounds at most: a description escaped inside a log line inside a JSON string is two or three layers deep. */
const MAX_ROUNDS = 3;

/**
 * An error description as a person would read it: JSON string escapes (also
 * when the JSON was escaped again inside a log line), percent-encoding (a
 * redirect's `error_description=`), and HTML entities (also escaped twice:
 * `&amp;quot;`) undone, and whitespace runs collapsed. Linear, bounded rounds.
 */
export function decodeDescription(raw: string): string {
	let text = raw.length > 4000 ? raw.slice(0, 4000) : raw;
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const before = text;
		if (text.includes('\\')) text = unescapeJson(text);
		if (/%[0-9A-Fa-f]{2}/.test(text) || (text.includes('+') && !text.includes(' '))) text = safePercentDecode(text);
		if (text.includes('&')) text = text.replace(/&(#?[A-Za-z0-9]{1,8});/g, (whole, name: string) => ENTITIES[name] ?? numericEntity(name) ?? whole);
		if (text === before) break;
	}
	return text.replace(/\s+/g, ' ').trim();
}

function unescapeJson(text: string): string {
	return text.replace(/\\(u[0-9A-Fa-f]{4}|["\\/bfnrt])/g, (_whole, esc: string) => {
		if (esc.startsWith('u')) return String.fromCharCode(parseInt(esc.slice(1), 16));
		switch (esc) {
			case 'n': case 'r': case 't': case 'b': case 'f': return ' ';
			default: return esc;
		}
	});
}

function safePercentDecode(text: string): string {
	try {
		return decodeFormComponent(text);
	} catch {
		return text;
	}
}

function numericEntity(name: string): string | undefined {
	if (!name.startsWith('#')) return undefined;
	const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
	return Number.isInteger(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
}
