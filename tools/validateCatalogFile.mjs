// Validates catalog JSON files against src/core/catalog/catalog.schema.json (dev helper).
// Usage: node tools/validateCatalogFile.mjs src/core/catalog/data/oauth.json [...]
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync(new URL('../src/core/catalog/catalog.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
let failed = false;
for (const file of process.argv.slice(2)) {
	const data = JSON.parse(readFileSync(file, 'utf8'));
	if (!validate(data)) {
		failed = true;
		for (const e of validate.errors ?? []) console.error(`${file}: ${e.instancePath} ${e.message}`);
	} else {
		console.log(`${file}: ${data.entries.length} entries, valid`);
	}
}
process.exit(failed ? 1 : 0);
