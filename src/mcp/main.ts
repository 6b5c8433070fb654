/**
 * Entry of dist/mcp.js: `token-error-help mcp` loads it on demand, so `explain` never parses the
 * SDK. Serves the MCP server over standard input and output until the client closes them.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { bundledService } from '../core';
import { createMcpServer } from './server';

/**
 * Largest JSON-RPC message read from standard input. A text at the 5,000,000-character limit
 * can take 30 MB once JSON-escaped; anything bigger than this closes the connection.
 */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Starts serving; resolves once connected. `log` gets problems (never standard output: that is the protocol). */
export async function startMcpServer(version: string, log: (line: string) => void): Promise<void> {
	const server = createMcpServer(bundledService(), version);
	const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES });
	transport.onerror = error => log(`token-error-help mcp: ${error.message}`);
	process.stdin.on('end', () => void server.close());
	await server.connect(transport);
}
