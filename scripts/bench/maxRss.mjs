// Preloaded into the CLI by the benchmark (node --import): reports the process's peak resident
// memory, in KiB, to the file named by TEH_MAX_RSS_FILE when the process exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
	writeFileSync(process.env.TEH_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
