import type { CatalogEntry, CatalogFile } from './catalogTypes';

const LOCATIONS = new Set(['authorization', 'token', 'resource', 'userinfo', 'revocation', 'introspection', 'registration', 'device', 'ciba', 'par', 'management', 'client', 'any']);
const KINDS = new Set(['error', 'vendorCode', 'status', 'message']);

/** The outcome of validating a user catalog: the entries that passed and a message per problem. */
export interface CatalogValidation {
	file: CatalogFile;
	problems: string[];
}

/**
 * Checks parsed JSON against the catalog schema's rules (the same rules as
 * catalog.schema.json) without a schema library. Invalid entries are dropped
 * with a problem naming them; valid ones are kept.
 */
export function validateCatalog(data: unknown): CatalogValidation {
	const problems: string[] = [];
	const file: CatalogFile = { version: 1, entries: [] };
	if (!isObject(data)) return { file, problems: ['The catalog must be a JSON object with "version" and "entries".'] };
	if (data.version !== 1) problems.push('"version" must be 1.');
	if (!Array.isArray(data.entries)) return { file, problems: [...problems, '"entries" must be an array.'] };
	data.entries.forEach((raw, i) => {
		const entryProblems = checkEntry(raw);
		if (entryProblems.length) problems.push(`entries[${i}]${isObject(raw) && typeof raw.id === 'string' ? ` (${raw.id.slice(0, 60)})` : ''}: ${entryProblems.join('; ')}`);
		else file.entries.push(raw as CatalogEntry);
	});
	return { file, problems };
}

function checkEntry(raw: unknown): string[] {
	if (!isObject(raw)) return ['not an object'];
	const p: string[] = [];
	for (const key of ['id', 'code', 'namespace', 'title', 'summary']) {
		if (typeof raw[key] !== 'string' || !(raw[key] as string).length) p.push(`"${key}" must be a non-empty string`);
	}
	if (typeof raw.id === 'string' && !/^[a-z0-9-]+\.[A-Za-z0-9_.:-]+$/.test(raw.id)) p.push('"id" must look like namespace.code');
	if (!KINDS.has(raw.kind as string)) p.push('"kind" must be error, vendorCode, status or message');
	if (!Array.isArray(raw.occurs) || !raw.occurs.length || raw.occurs.some(o => !LOCATIONS.has(o))) p.push('"occurs" must list known locations');
	if (!Array.isArray(raw.status) || raw.status.some(s => !Number.isInteger(s) || s < 100 || s > 599)) p.push('"status" must be an array of HTTP statuses');
	if (!Array.isArray(raw.causes) || raw.causes.some(c => !isObject(c) || typeof c.text !== 'string' || (c.match !== undefined && (!Array.isArray(c.match) || c.match.some(m => typeof m !== 'string' || m.length < 3))) || (c.status !== undefined && (!Array.isArray(c.status) || c.status.some(n => !Number.isInteger(n))))
		|| (c.occurs !== undefined && (!Array.isArray(c.occurs) || c.occurs.some(o => !LOCATIONS.has(o)))))) p.push('"causes" must be objects with "text" (and optional "match" strings of 3+ characters)');
	if (!Array.isArray(raw.fixes) || raw.fixes.some(f => !isObject(f) || typeof f.text !== 'string')) p.push('"fixes" must be objects with "text"');
	if (!Array.isArray(raw.references) || !raw.references.length || raw.references.some(r => !isObject(r) || typeof r.title !== 'string' || (r.url !== undefined && (typeof r.url !== 'string' || !r.url.startsWith('https://'))))) p.push('"references" must hold at least one {title, url?} with https URLs');
	return p;
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
