/**
 * Plain text from VS Code snippet syntax, for clients that cannot take snippet edits in a
 * WorkspaceEdit: tab stops (`$1`, `${1}`) vanish, placeholders (`${1:x}`) become their text
 * (nested ones too), a choice (`${1|a,b|}`) its first option, a variable (`$NAME`, `${NAME}`,
 * `${NAME:default}`, `${NAME/regex/format/}`) its default or else its name, as VS Code inserts an
 * unknown variable; `\$`, `\}` and `\\` are unescaped. One forward pass, never backtracking past
 * what it read: an unclosed `${` ends at the end of the text.
 */
export function snippetToText(snippet: string): string {
	const n = snippet.length;
	let i = 0;

	/** Text up to an unescaped `}` (left for the caller) when `nested`, else to the end. */
	const text = (nested: boolean, depth: number): string => {
		let out = '';
		while (i < n) {
			const c = snippet[i];
			if (c === '\\' && i + 1 < n && (snippet[i + 1] === '$' || snippet[i + 1] === '}' || snippet[i + 1] === '\\')) {
				out += snippet[i + 1];
				i += 2;
			} else if (nested && c === '}') {
				return out;
			} else if (c === '$') {
				const value = dollar(depth);
				if (value === undefined) {
					out += c;
					i++;
				} else {
					out += value;
				}
			} else {
				out += c;
				i++;
			}
		}
		return out;
	};

	/** At a `$`: the text the construct stands for, with `i` after it; undefined (and `i` unchanged) for a literal `$`. */
	const dollar = (depth: number): string | undefined => {
		let j = i + 1;
		if (isDigit(snippet, j)) {
			while (isDigit(snippet, j)) j++;
			i = j;
			return '';
		}
		if (isNameStart(snippet, j)) {
			while (isNameChar(snippet, j)) j++;
			const name = snippet.slice(i + 1, j);
			i = j;
			return name;
		}
		if (snippet[j] !== '{' || depth >= MAX_DEPTH) return undefined;
		j++;
		const idStart = j;
		const tabStop = isDigit(snippet, j);
		if (tabStop) while (isDigit(snippet, j)) j++;
		else if (isNameStart(snippet, j)) while (isNameChar(snippet, j)) j++;
		else return undefined;
		const id = snippet.slice(idStart, j);
		const next = snippet[j];
		if (next === '}') {
			i = j + 1;
			return tabStop ? '' : id;
		}
		if (next === ':') {
			i = j + 1;
			const inner = text(true, depth + 1);
			if (i < n) i++; // the closing brace
			return inner;
		}
		if (tabStop && next === '|') {
			i = j + 1;
			return choice();
		}
		if (!tabStop && next === '/') {
			i = j + 1;
			skipTransform();
			return id;
		}
		return undefined;
	};

	/** After `${1|`: the first option; `i` after the closing `|}`. */
	const choice = (): string => {
		let first: string | undefined;
		let option = '';
		while (i < n) {
			const c = snippet[i];
			if (c === '\\' && i + 1 < n) {
				option += snippet[i + 1];
				i += 2;
			} else if (c === '|' && snippet[i + 1] === '}') {
				i += 2;
				break;
			} else if (c === ',' || c === '|') {
				first ??= option;
				option = '';
				i++;
			} else {
				option += c;
				i++;
			}
		}
		return first ?? option;
	};

	/** After `${NAME/`: skips the regex, format (whose `${1:/upcase}` has braces) and options; `i` after the closing `}`. */
	const skipTransform = (): void => {
		let open = 0;
		while (i < n) {
			const c = snippet[i];
			if (c === '\\') {
				i += 2;
			} else if (c === '$' && snippet[i + 1] === '{') {
				open++;
				i += 2;
			} else {
				i++;
				if (c === '}' && open-- === 0) return;
			}
		}
	};

	return text(false, 0);
}

/** Deeper placeholders are kept as written (snippets are short; this bounds the recursion). */
const MAX_DEPTH = 16;

function isDigit(s: string, at: number): boolean {
	const c = s.charCodeAt(at);
	return c >= 48 && c <= 57;
}

function isNameStart(s: string, at: number): boolean {
	const c = s.charCodeAt(at);
	return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(s: string, at: number): boolean {
	return isNameStart(s, at) || isDigit(s, at);
}
