import { analyze } from '../src/core';
import * as fs from 'node:fs';
const a = analyze(fs.readFileSync(process.argv[2], 'utf8'));
for (const m of a.messages) if (m.diagnosis) console.log(m.kind, m.vendor, m.errors.map(e => e.entry?.id ?? e.code), m.vendorCodes.map(v => v.entry?.id ?? v.code), JSON.stringify(m.diagnosis, null, 1).slice(0, 1500));
