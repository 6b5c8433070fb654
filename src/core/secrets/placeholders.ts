/**
 * What is obviously not a real secret: template variables, placeholders,
 * masks, values already redacted by us. Everything here reads untrusted text
 * in linear time and never throws.
 */
import type { SecretKind } from '../types';
import { isBlank, isDigit, isLower, isUpper, isUpperDigit, isWord, runEnd, type CharTest } from './chars';
import shapes from './shapes.json';

const PLACEHOLDER_WORDS = new Set([
	'null', 'undefined', 'nil', 'none', 'true', 'false', 'n/a', 'changeme', 'change_me', 'change-me',
	'redacted', 'removed', 'hidden', 'placeholder', 'todo', 'tbd',
]);

const EXAMPLE = /example/i;

/** Words that mark a `your-secret-here` style value. */
const PLACEHOLDER_CUES = new Set([
	'your', 'my', 'some', 'here', 'example', 'sample', 'placeholder', 'dummy', 'fake', 'insert',
	'replace', 'enter', 'changeme', 'redacted', 'xxx', 'todo', 'test', 'mock', 'stub',
]);

/** Prefixes stripped before asking whether the rest is masked (`ghp_xxxx…`, `AKIAXXXX…`): every token prefix, longest first. */
const TOKEN_PREFIXES = [...new Set([
	...shapes.prefixes.map(r => r.prefix), ...shapes.schemes.map(s => `${s.word} `), ...shapes.maskPrefixes, 'Bearer ', 'Basic ',
])].sort((a, b) => b.length - a.length);

const MASK_CHARS = new Set([...'*xX.\u2026\u2022\u00b7#_-?'].map(c => c.charCodeAt(0)));

function unquote(v: string): string {
	const q = v.charAt(0);
	const quoted = v.length >= 2 && (q === '"' || q === '\'' || q === '`') && v.endsWith(q);
	return quoted ? v.slice(1, -1).trim() : v;
}

function isMasked(v: string): boolean {
	for (let i = 0; i < v.length; i++) {
		if (!MASK_CHARS.has(v.charCodeAt(i)) && !isBlank(v.charCodeAt(i))) {
			return false;
		}
	}
	return true;
}

function isOneCharRepeated(v: string): boolean {
	if (v.length < 3) return false;
	const first = v.charCodeAt(0);
	for (let i = 1; i < v.length; i++) if (v.charCodeAt(i) !== first) return false;
	return true;
}

function isIdentifier(v: string): boolean {
	return v.length > 0 && !isDigit(v.charCodeAt(0)) && runEnd(v, 0, isWord) === v.length;
}

function isEnclosed(v: string, open: string, close: string): boolean {
	return v.length > open.length + close.length - 1 && v.startsWith(open) && v.endsWith(close);
}

/** `{{x}}`, `${x}`, `$(x)`, `$x`, `%x%`, `<x>`, `[x]`, `{x}`, `(x`, `##X##`, `$__file{…}`, or a value with a `{{…}}` / `${…}` inside. */
/** First characters of the enclosed templates below. */
const TEMPLATE_OPENERS = new Set([...'<[%{($#@'].map(c => c.charCodeAt(0)));

function isTemplate(v: string): boolean {
	if (!TEMPLATE_OPENERS.has(v.charCodeAt(0))) return hasTemplateInside(v);
	const inner = v.slice(1, -1);
	if (isEnclosed(v, '<', '>') && !/[<>]/.test(inner)) {
		return true;
	}
	if (isEnclosed(v, '[', ']') && !/[[\]]/.test(inner)) {
		return true;
	}
	if (isEnclosed(v, '%', '%') && inner.length > 0 && !/[%\s]/.test(inner)) {
		return true;
	}
	// A name in braces (a Go or Python format field, `{deviceCode}`), Terraform's `(sensitive value)`.
	if ((isEnclosed(v, '{', '}') && isIdentifier(inner)) || (v.startsWith('(') && isIdentifier(v.slice(1).replace(/\)$/, '')))) {
		return true;
	}
	// Deploy-tool keywords (`##CLIENT_SECRET##`, `@@SECRET@@`) and Grafana's `$__file{…}`, `$__env{…}`, `$__vault{…}`.
	if (/^(?:##\w+##|@@\w+@@|\$__(?:file|env|vault)\{[^}]*\})$/.test(v)) {
		return true;
	}
	if (v.startsWith('$') && (isIdentifier(v.slice(1)) || isEnclosed(v, '$(', ')'))) {
		return true;
	}
	return hasTemplateInside(v);
}

/** A `{{…}}` or `${…}` anywhere in the value. */
function hasTemplateInside(v: string): boolean {
	const open = Math.max(v.indexOf('{{'), v.indexOf('${'));
	return open >= 0 && v.indexOf('}', open + 2) > open;
}

/** `SOME_VALUE`, `YOUR_CLIENT_SECRET`: an upper-case snake-case name, not a value. */
function isUpperSnake(v: string): boolean {
	return isUpper(v.charCodeAt(0)) && v.includes('_') && runEnd(v, 0, (c) => isUpperDigit(c) || c === 95) === v.length;
}

const isLowerWordChar: CharTest = (c) => isLower(c) || c === 45 || c === 95 || c === 32;
const isUpperWordChar: CharTest = (c) => isUpper(c) || c === 45 || c === 95 || c === 32;

/**
 * `your-secret-here`, `MY API KEY`, `yourClientSecret`. Single-case letters
 * only, so a random token that happens to contain `-my_` never qualifies.
 */
function hasPlaceholderWords(v: string): boolean {
	if (v.startsWith('your') && isUpper(v.charCodeAt(4))) {
		return true;
	}
	if (runEnd(v, 0, isLowerWordChar) !== v.length && runEnd(v, 0, isUpperWordChar) !== v.length) {
		return false;
	}
	const words = v.toLowerCase().split(/[-_ ]/);
	return words.length > 1 && words.some((w) => PLACEHOLDER_CUES.has(w));
}

/** The token prefixes by their first character, longest first. */
const PREFIXES_BY_FIRST = new Map<number, string[]>();
for (const prefix of TOKEN_PREFIXES) {
	const list = PREFIXES_BY_FIRST.get(prefix.charCodeAt(0));
	if (list) list.push(prefix); else PREFIXES_BY_FIRST.set(prefix.charCodeAt(0), [prefix]);
}

function isMaskedAfterPrefix(v: string): boolean {
	const prefix = PREFIXES_BY_FIRST.get(v.charCodeAt(0))?.find((p) => v.startsWith(p));
	const rest = prefix ? v.slice(prefix.length) : v;
	return rest.length > 0 && (isMasked(rest) || isOneCharRepeated(rest));
}

/**
 * True when a value is obviously not a real secret: a template variable
 * (`{{x}}`, `${x}`, `$x`, `%x%`, `<x>`, `[x]`), a placeholder
 * (`YOUR_CLIENT_SECRET`, `your-secret-here`, `SOME_VALUE`, `changeme`, `xxx`,
 * `***`, `...`, `…`, `redacted`, `null`, `undefined`, `true`/`false`, anything
 * containing `example`, a token prefix followed by a mask), an empty or
 * whitespace-only string, or a value already redacted by us (starts with
 * `«redacted`). Never throws; linear time.
 */
export function isPlaceholder(value: string): boolean {
	if (typeof value !== 'string') {
		return true;
	}
	const v = percentDecoded(unquote(value.trim()));
	if (v.length === 0 || v.startsWith('\u00abredacted')) {
		return true;
	}
	// A placeholder word between mask characters: `…redacted…`, `***removed***`, `--hidden--`.
	const bare = v.length <= 40 ? v.replace(MASK_ENDS, '') : '';
	const lower = bare.length <= 12 ? bare.toLowerCase() : '';
	return (lower !== '' && PLACEHOLDER_WORDS.has(lower)) || EXAMPLE.test(v) || isMasked(v) || isTemplate(v)
		|| isUpperSnake(v) || hasPlaceholderWords(v) || isMaskedAfterPrefix(v);
}

/** Mask characters around a placeholder word. */
const MASK_ENDS = /^[.*#\-_\u2026 ]+|[.*#\-_\u2026 ]+$/g;

/** A form or query value as it was before percent-encoding (`%E2%80%A6redacted%E2%80%A6`); itself when it is not encoded. */
function percentDecoded(v: string): string {
	if (!v.includes('%') || v.length > 200) return v;
	try {
		return decodeURIComponent(v);
	} catch {
		return v;
	}
}

const markers = new Map<SecretKind, string>();

/** The replacement text used by redaction, e.g. `«redacted:access_token»`. */
export function redactionMarker(kind: SecretKind): string {
	let marker = markers.get(kind);
	if (marker === undefined) markers.set(kind, marker = `\u00abredacted:${kind}\u00bb`);
	return marker;
}
