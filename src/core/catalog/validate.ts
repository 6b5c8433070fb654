import { sanitizeText } from '../explain/sanitize';
import type { CatalogEntry, CatalogFile } from './catalogTypes';
import schema from './catalog.schema.json';

/** The outcome of validating a user catalog: the entries that passed and a message per problem. */
export interface CatalogValidation {
	file: CatalogFile;
	problems: string[];
}

/**
 * Checks parsed JSON against catalog.schema.json itself (the keywords it uses:
 * type, required, additionalProperties, properties, items, enum, const,
 * minLength, minItems, pattern, minimum, maximum, $ref), so nothing the schema
 * forbids reaches the catalog (`"aliases": 5`, a cause that is not an object…).
 * Invalid entries are dropped with a problem naming them and the first few
 * schema errors with their JSON paths; valid ones are kept. Never throws:
 * the walk follows the schema, so its depth is the schema's, whatever the data's.
 */
export function validateCatalog(data: unknown): CatalogValidation {
	const problems: string[] = [];
	const file: CatalogFile = { version: 1, entries: [] };
	if (!isObject(data)) return { file, problems: ['The catalog must be a JSON object with "version" and "entries".'] };
	const top: string[] = [];
	for (const key of Object.keys(data)) if (!(key in schema.properties)) top.push(`unknown property "${clipName(key)}"`);
	if (data.version !== 1) top.push('"version" must be 1');
	if (top.length) problems.push(`${top.join('; ')}.`);
	if (!Array.isArray(data.entries)) return { file, problems: [...problems, '"entries" must be an array.'] };
	data.entries.forEach((raw, i) => {
		const errors: string[] = [];
		check(raw, schema.definitions.entry, '', errors);
		if (errors.length) {
			const id = isObject(raw) && typeof raw.id === 'string' ? ` (${clipName(raw.id)})` : '';
			const shown = errors.slice(0, MAX_SHOWN).join('; ') + (errors.length > MAX_SHOWN ? `; and ${errors.length - MAX_SHOWN} more` : '');
			problems.push(`entries[${i}]${id}: ${shown}`);
		} else {
			file.entries.push(raw as CatalogEntry);
		}
	});
	return { file, problems };
}

/** Schema errors shown per entry. */
const MAX_SHOWN = 3;

/** A schema node of catalog.schema.json (only the keywords it uses). */
interface SchemaNode {
	type?: string;
	required?: readonly string[];
	additionalProperties?: boolean;
	properties?: Readonly<Record<string, SchemaNode>>;
	items?: SchemaNode;
	enum?: readonly unknown[];
	const?: unknown;
	minLength?: number;
	minItems?: number;
	pattern?: string;
	minimum?: number;
	maximum?: number;
	$ref?: string;
}

const definitions = schema.definitions as Readonly<Record<string, SchemaNode>>;
const patterns = new Map<string, RegExp>();

/** Appends to `errors` what `value` (at JSON path `path`) breaks of `node`. */
function check(value: unknown, node: SchemaNode, path: string, errors: string[]): void {
	if (errors.length > 20) return;
	if (node.$ref) {
		const target = definitions[node.$ref.replace('#/definitions/', '')];
		if (target) check(value, target, path, errors);
		return;
	}
	const at = path || 'the entry';
	if (node.type && !hasType(value, node.type)) {
		errors.push(`${at} must be ${article(node.type)}`);
		return;
	}
	if (node.enum && !node.enum.includes(value)) errors.push(`${at} must be one of ${node.enum.slice(0, 6).map(v => JSON.stringify(v)).join(', ')}${node.enum.length > 6 ? ', …' : ''}`);
	if (node.const !== undefined && value !== node.const) errors.push(`${at} must be ${JSON.stringify(node.const)}`);
	if (typeof value === 'string') {
		if (node.minLength !== undefined && value.length < node.minLength) errors.push(`${at} must have at least ${node.minLength} character${node.minLength === 1 ? '' : 's'}`);
		if (node.pattern && !patternOf(node.pattern).test(value)) errors.push(`${at} must match ${node.pattern}`);
	}
	if (typeof value === 'number') {
		if (node.minimum !== undefined && value < node.minimum) errors.push(`${at} must be ${node.minimum} or more`);
		if (node.maximum !== undefined && value > node.maximum) errors.push(`${at} must be ${node.maximum} or less`);
	}
	if (Array.isArray(value)) {
		if (node.minItems !== undefined && value.length < node.minItems) errors.push(`${at} must have at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}`);
		if (node.items) value.forEach((item, i) => check(item, node.items!, `${path}[${i}]`, errors));
	}
	if (isObject(value)) {
		for (const key of node.required ?? []) if (!(key in value)) errors.push(`${path ? `${path}.` : ''}"${key}" is required`);
		for (const [key, child] of Object.entries(value)) {
			const sub = node.properties?.[key];
			if (sub) check(child, sub, `${path ? `${path}.` : ''}${key}`, errors);
			else if (node.additionalProperties === false) errors.push(`${path ? `${path}: ` : ''}unknown property "${clipName(key)}"`);
		}
	}
}

function hasType(value: unknown, type: string): boolean {
	switch (type) {
		case 'object': return isObject(value);
		case 'array': return Array.isArray(value);
		case 'string': return typeof value === 'string';
		case 'boolean': return typeof value === 'boolean';
		case 'integer': return Number.isInteger(value);
		case 'number': return typeof value === 'number' && Number.isFinite(value);
		default: return true;
	}
}

function article(type: string): string {
	return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function patternOf(source: string): RegExp {
	let re = patterns.get(source);
	if (!re) patterns.set(source, re = new RegExp(source));
	return re;
}

/** A name from the file, one line, bounded, safe to show. */
export function clipName(name: string): string {
	const oneLine = sanitizeText(name.length > 200 ? name.slice(0, 200) : name);
	return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
