/**
 * Input and output schemas of the MCP tools (zod: the SDK turns them into the JSON Schemas that
 * tools/list announces, and checks every answer against the output schema before it is sent).
 * The TypeScript types of the answers are inferred from them, so the two cannot drift apart.
 */
import { z } from 'zod';

/** Longest text `explain_token_error` analyses (the extension's default document limit). */
export const MAX_TEXT_LENGTH = 5_000_000;
/** Longest code `lookup_error_code` accepts: codes are short; anything longer is a paste. */
export const MAX_CODE_LENGTH = 1_000;

export const explainInput = {
	text: z.string().describe(`The text to explain, pasted as it was seen: a token-endpoint or API response (status line, headers, body), a WWW-Authenticate challenge, a redirect URL with ?error=, a log excerpt or an exception. At most ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters. Secrets in it are detected and never repeated in the answer.`),
};

const codeRef = z.object({
	code: z.string().describe('The code as the text shows it (error value, AADSTS code, exception name…).'),
	entry: z.string().nullable().describe('Catalog entry id, null when the code is not in the catalog.'),
	title: z.string().nullable().describe('Catalog title of the entry.'),
});

const message = z.object({
	kind: z.enum(['response', 'request', 'fragment']).describe('An HTTP response, an HTTP request, or a fragment (JSON error body, redirect URL, log line) outside an HTTP message.'),
	line: z.number().int().describe('1-based line of the input where the message starts.'),
	status: z.number().int().nullable().describe('HTTP status of a response.'),
	vendor: z.string().nullable().describe('Identity provider id (entra, okta, auth0, google…), when recognised.'),
	vendorName: z.string().nullable(),
	headline: z.string().describe('One-line summary of what went wrong.'),
	errors: z.array(codeRef).describe('OAuth `error` values (or fixed vendor messages).'),
	vendorCodes: z.array(codeRef).describe('Vendor codes such as AADSTS70008, Okta E0000… or SDK exception names.'),
	findings: z.array(z.object({
		rule: z.string().describe('Stable rule id (recognized-error, status-mismatch, secret-exposed…).'),
		severity: z.enum(['error', 'warning', 'information', 'hint']),
		message: z.string(),
		line: z.number().int(),
	})),
	cause: z.string().nullable().describe('The most likely cause, chosen from the catalog by the evidence in the text.'),
	steps: z.array(z.string()).describe('What to do next, for that cause.'),
	facts: z.array(z.object({ label: z.string(), value: z.string() })).describe('Facts read from the text (status, vendor, error_description, trace and correlation ids…), secrets redacted.'),
	references: z.array(z.object({ title: z.string(), url: z.string().nullable() })).describe('Specification sections and vendor pages (https links only).'),
	secrets: z.array(z.string()).describe('Kinds of the secrets found in this message (their values are never returned).'),
	excerpt: z.string().describe('The message as pasted, secrets replaced by «redacted:kind» markers (cut after 2,000 characters).'),
});

export const explainOutput = {
	messages: z.array(message).describe('Each error response, request or error fragment worth explaining, in input order.'),
	messageCount: z.number().int().describe('How many messages are worth explaining; at most 50 are listed.'),
	truncated: z.boolean().describe('The input holds more messages than the analysis limit; later ones were not examined.'),
	secretsFound: z.number().int().describe('How many secret values the input holds (all redacted here).'),
	redactedInput: z.string().describe('The input with every secret replaced by a «redacted:kind» marker, safe to share (of a longer input: its first 100,000 characters).'),
	redactedInputTruncated: z.boolean(),
};

export const lookupInput = {
	code: z.string().describe('An error code: an OAuth `error` value (invalid_grant), a vendor code (AADSTS70008, E0000004), an HTTP status (401) or a library exception name.'),
	vendor: z.string().optional().describe('Identity provider, to get its own entry: an id such as entra, okta, auth0, google, github, keycloak, cognito, salesforce, slack, or its name.'),
};

const entry = z.object({
	id: z.string(),
	code: z.string(),
	kind: z.enum(['error', 'vendorCode', 'status', 'message']),
	vendor: z.string().nullable(),
	vendorName: z.string().nullable(),
	title: z.string(),
	summary: z.string(),
	occurs: z.array(z.string()).describe('Where the code is sent: token endpoint, authorization endpoint (redirect), resource server…'),
	status: z.array(z.number().int()).describe('HTTP statuses the code comes with.'),
	causes: z.array(z.object({
		text: z.string(),
		kind: z.string().nullable().describe('Cause kind from the fixed vocabulary (docs/cause-kinds.md).'),
		vendor: z.string().nullable().describe('Applies only to this vendor.'),
		status: z.array(z.number().int()).nullable().describe('Applies only with these HTTP statuses.'),
		fixes: z.array(z.string()).describe('Steps for this cause.'),
	})).describe('Likely causes, most likely first.'),
	fixes: z.array(z.string()).describe('How to fix it, whatever the cause.'),
	references: z.array(z.object({ title: z.string(), url: z.string().nullable() })),
});

export const lookupOutput = {
	found: z.boolean().describe('True when the catalog knows the code.'),
	query: z.object({ code: z.string(), vendor: z.string().nullable() }).describe('The code and vendor asked about, as understood.'),
	message: z.string().describe('One sentence on what was found.'),
	entry: entry.nullable().describe('The best entry for the code (the vendor\'s own entry when a vendor was given).'),
	otherEntries: z.array(z.object({ id: z.string(), vendor: z.string().nullable(), vendorName: z.string().nullable(), title: z.string() }))
		.describe('Other entries for the same code (other vendors): ask again with their vendor.'),
	suggestions: z.array(z.string()).describe('For an unknown code: the closest known codes.'),
};

export type ExplainMessage = z.infer<typeof message>;
export type ExplainAnswer = z.infer<z.ZodObject<typeof explainOutput>>;
export type LookupEntry = z.infer<typeof entry>;
export type LookupAnswer = z.infer<z.ZodObject<typeof lookupOutput>>;
