/**
 * A custom catalog file (tokenErrorHelp.catalogFiles) read from its text and
 * checked completely before any of it is used.
 */
import { createScanner, parse, printParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';
import { clipName, validateCatalog } from './validate';
import type { CatalogFile } from './catalogTypes';

/** Deeper JSON is refused before parsing: the parser recurses, and a deep file would overflow the stack. */
export const MAX_CATALOG_DEPTH = 64;

/** The nesting depth of JSONC text, counted by a flat scan (no recursion), up to `cap`. */
export function jsoncDepth(text: string, cap = Infinity): number {
	const scanner = createScanner(text, true);
	let depth = 0;
	let max = 0;
	for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
		if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
			if (++depth > max) max = depth;
			if (max > cap) return max;
		} else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
			depth--;
		}
	}
	return max;
}

/** A custom catalog file read from its text: the entries to use, and what is wrong or worth a warning. */
export interface CustomCatalogResult {
	/** Undefined when the file cannot be used at all. */
	file: CatalogFile | undefined;
	/** Problems: the file or an entry was not used. */
	problems: string[];
	/** Warnings: used, but not as the user may think (an id that replaces a bundled entry). */
	warnings: string[];
}

/**
 * Reads one custom catalog (JSONC) completely before it is used: the nesting
 * depth first (a file nested 100,000 deep must not overflow the parser's
 * stack), then the syntax, then every entry against the schema. `bundledIds`
 * are the ids of the shipped catalog: a custom entry with one of them replaces
 * the shipped entry, which earns a warning. Messages are prefixed with `name`.
 * Never throws.
 */
export function readCustomCatalog(text: string, name: string, bundledIds: ReadonlySet<string> = new Set()): CustomCatalogResult {
	const result: CustomCatalogResult = { file: undefined, problems: [], warnings: [] };
	try {
		if (jsoncDepth(text, MAX_CATALOG_DEPTH) > MAX_CATALOG_DEPTH) {
			result.problems.push(`${name}: nested more than ${MAX_CATALOG_DEPTH} levels deep; not read.`);
			return result;
		}
		const errors: ParseError[] = [];
		const data: unknown = parse(text, errors, { allowTrailingComma: true });
		if (errors.length) {
			result.problems.push(`${name}: not valid JSONC (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}).`);
			return result;
		}
		const { file, problems } = validateCatalog(data);
		for (const p of problems) result.problems.push(`${name}: ${p}`);
		const seen = new Set<string>();
		file.entries = file.entries.filter((entry, i) => {
			if (seen.has(entry.id)) {
				result.problems.push(`${name}: entries[${i}] (${clipName(entry.id)}): the id is used by an earlier entry of this file; not used.`);
				return false;
			}
			seen.add(entry.id);
			if (bundledIds.has(entry.id)) result.warnings.push(`${name}: entries[${i}] (${clipName(entry.id)}) replaces the bundled entry with the same id.`);
			return true;
		});
		result.file = file;
	} catch (e) {
		// Defence in depth: whatever the text, a bad custom file is a problem of that file only.
		result.problems.push(`${name}: cannot be read (${e instanceof Error ? e.message : String(e)}).`);
		result.file = undefined;
	}
	return result;
}
