/**
 * The MCP server: two read-only tools over one core service. Built with the official SDK
 * (McpServer checks the inputs against the input schemas and every answer against the output
 * schemas); this file only describes the tools and turns answers into tool results.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TokenErrorService } from '../core';
import { explainTokenError, type ToolAnswer } from './explainTool';
import { lookupErrorCode } from './lookupTool';
import { explainInput, explainOutput, lookupInput, lookupOutput } from './schemas';

const INSTRUCTIONS = 'Token Error Help explains OAuth 2.0 / OpenID Connect token errors offline: invalid_grant, invalid_client, AADSTS and Okta codes, 401 challenges, redirect URLs with ?error=. '
	+ 'Call explain_token_error with the failing response, challenge, URL or log excerpt exactly as seen; call lookup_error_code for a single code. '
	+ 'Secrets in the input are detected and never returned: answers carry «redacted:kind» markers instead.';

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** An MCP server answering over `service`; connect it to a transport to serve. */
export function createMcpServer(service: TokenErrorService, version: string): McpServer {
	const server = new McpServer({ name: 'token-error-help', title: 'Token Error Help', version }, { instructions: INSTRUCTIONS });

	server.registerTool('explain_token_error', {
		title: 'Explain an OAuth/OIDC token error',
		description: 'Explains an OAuth 2.0 / OpenID Connect error from pasted text: a token-endpoint or API response, a WWW-Authenticate challenge, a redirect URL with ?error=, a log excerpt or an exception. '
			+ 'Answers with what went wrong, the most likely cause for the evidence in the text, and the next steps, as a Markdown report and as structured data per message. '
			+ 'Works offline from a bundled catalog of standard and vendor codes (Microsoft Entra ID, Okta, Auth0, Google, GitHub, Keycloak, Cognito, Salesforce, Slack…). '
			+ 'Secrets found in the text are never returned; redactedInput is the text with them replaced, safe to quote.',
		inputSchema: explainInput,
		outputSchema: explainOutput,
		annotations: { title: 'Explain token error', ...READ_ONLY },
	}, ({ text }) => toResult(explainTokenError(service, text)));

	server.registerTool('lookup_error_code', {
		title: 'Look up an OAuth/OIDC error code',
		description: 'Looks up one error code in the catalog: an OAuth error value (invalid_grant, invalid_client, interaction_required), a vendor code (AADSTS70008, E0000004), an HTTP status or a library exception name. '
			+ 'Answers with its meaning, where it occurs, likely causes with their fixes, and references. Give vendor to get that provider\'s own entry. An unknown code answers with the closest known codes.',
		inputSchema: lookupInput,
		outputSchema: lookupOutput,
		annotations: { title: 'Look up error code', ...READ_ONLY },
	}, ({ code, vendor }) => toResult(lookupErrorCode(service, code, vendor)));

	return server;
}

function toResult<T extends Record<string, unknown>>(answer: ToolAnswer<T>): CallToolResult {
	if (!answer.ok) return { isError: true, content: [{ type: 'text', text: answer.error }] };
	return { content: [{ type: 'text', text: answer.markdown }], structuredContent: answer.structured };
}
