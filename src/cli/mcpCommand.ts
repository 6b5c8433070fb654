/**
 * `token-error-help mcp`: loads the MCP server on demand. The build keeps it out of dist/cli.js
 * (scripts/build.mjs turns this import into a require of dist/mcp.js), so `explain` never parses
 * the MCP SDK.
 */
export function startMcp(version: string, stderr: (s: string) => void): void {
	import('../mcp/main')
		.then(mcp => mcp.startMcpServer(version, line => stderr(`${line}\n`)))
		.catch((e: unknown) => {
			stderr(`token-error-help: the MCP server could not start: ${e instanceof Error ? e.message : String(e)}\n`);
			process.exitCode = 2;
		});
}
