import type { Catalog } from '../catalog/catalog';
import { suggestCode } from '../catalog/suggest';
import { parseFormParams, type FormParam } from '../parse/formBody';
import { jsonString } from '../parse/jsonBody';
import { header, type Finding, type FixData, type HttpMessage } from '../recognize/model';
import type { Severity, Span } from '../types';
import { makeFinding, RuleId } from './ruleIds';
import { describeSecretKind } from '../secrets/secretNames';
import { isTokenRequest } from './tokenRequest';

type Rule = (text: string, message: HttpMessage, catalog: Catalog) => Finding[];

const finding = (rule: string, severity: Severity, message: string, span: Span, fixes?: FixData[]): Finding =>
	makeFinding(rule, severity, message, span, fixes ? { fixes } : {});

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Grant types and the parameters each one requires (RFC 6749, 7521, 7523, 8628, 8693, CIBA, UMA, OpenID4VCI). */
const GRANTS: Readonly<Record<string, { required: string[]; recommended?: string[] }>> = {
	authorization_code: { required: ['code'], recommended: ['redirect_uri', 'code_verifier'] },
	refresh_token: { required: ['refresh_token'] },
	client_credentials: { required: [] },
	password: { required: ['username', 'password'] },
	'urn:ietf:params:oauth:grant-type:device_code': { required: ['device_code'] },
	'urn:ietf:params:oauth:grant-type:token-exchange': { required: ['subject_token', 'subject_token_type'] },
	'urn:ietf:params:oauth:grant-type:jwt-bearer': { required: ['assertion'] },
	'urn:ietf:params:oauth:grant-type:saml2-bearer': { required: ['assertion'] },
	'urn:openid:params:grant-type:ciba': { required: ['auth_req_id'] },
	'urn:ietf:params:oauth:grant-type:uma-ticket': { required: ['ticket'] },
	'urn:ietf:params:oauth:grant-type:pre-authorized_code': { required: ['pre-authorized_code'] },
};

/** The IANA namespace of registered URI grant types. */
const IANA_GRANT_PREFIX = 'urn:ietf:params:oauth:grant-type:';

/** Token requests must use POST (RFC 6749 §3.2). */
const getInsteadOfPost: Rule = (_text, message) => {
	if (!isTokenRequest(message) || message.method !== 'GET' || !message.methodSpan) return [];
	return [finding(RuleId.tokenRequestGet, 'error', 'Token requests must use POST; most servers answer GET with 405 or 400.', message.methodSpan,
		[{ title: 'Change GET to POST', edits: [{ span: message.methodSpan, text: 'POST' }], preferred: true }])];
};

/**
 * Token request bodies are form-urlencoded, not JSON (RFC 6749 §4.1.3, Appendix B).
 * Only a body that names a grant is an OAuth token request: JSON "token" APIs
 * (simplejwt logins, Kubernetes TokenRequest, GitHub's token check) are not.
 */
const notForm: Rule = (text, message, catalog) => {
	// Some token servers document that they accept a JSON token request as well as a form (profile quirk).
	if (!isTokenRequest(message) || !message.body || (message.vendor && catalog.profiles.get(message.vendor)?.quirks?.jsonTokenRequests)) return [];
	const jsonBody = message.bodyFormat === 'json';
	const jsonType = !!message.contentType && message.contentType.includes('json');
	if (!jsonBody && !jsonType) return [];
	const grant = jsonBody ? !!message.json && !!jsonString(message.json, 'grant_type') : !!message.form && !!param(message.form, 'grant_type');
	if (!grant) return [];
	const fixes: FixData[] = [];
	const edits = jsonBody && message.json ? convertToForm(text, message) : undefined;
	if (edits) fixes.push({ title: 'Convert the body to application/x-www-form-urlencoded', edits, preferred: true });
	return [finding(RuleId.tokenRequestNotForm, 'error', 'The token endpoint expects an application/x-www-form-urlencoded body; a JSON body usually fails with invalid_request or unsupported_grant_type.', jsonBody ? message.body : header(message, 'content-type')!.valueSpan, fixes)];
};

function convertToForm(text: string, message: HttpMessage): FixData['edits'] | undefined {
	const values = message.json!.values.filter(v => v.depth === 1);
	if (!values.length || values.length !== message.json!.values.length) return undefined;
	const form = values.map(v => `${v.key}=${encodeFormValue(String(v.value))}`).join('&');
	const edits: FixData['edits'] = [{ span: message.body!, text: form }];
	const ct = header(message, 'content-type');
	if (ct) edits.push({ span: ct.valueSpan, text: FORM_TYPE });
	else if (message.startLine) edits.push({ span: { start: message.startLine.end, end: message.startLine.end }, text: `\nContent-Type: ${FORM_TYPE}` });
	void text;
	return edits.sort((a, b) => b.span.start - a.span.start);
}

/** Keeps `{{variables}}` of .http files readable while encoding everything else. */
function encodeFormValue(value: string): string {
	return value.split(/(\{\{[^{}]{0,200}\}\})/).map(part => part.startsWith('{{') ? part : encodeURIComponent(part)).join('');
}

/** `grant_type` is missing, unknown or misspelled. */
const grantType: Rule = (text, message, catalog) => {
	if (!isTokenRequest(message) || message.bodyFormat !== 'form' || !message.form || !message.body) return [];
	const grant = param(message.form, 'grant_type');
	// Some vendors' web flows exchange a code without grant_type (their token endpoint assumes authorization_code).
	const optional = !!message.vendor && !!catalog.profiles.get(message.vendor)?.quirks?.grantTypeOptional;
	if (!grant && !optional) {
		const snippet = 'grant_type=${1|authorization_code,client_credentials,refresh_token,urn:ietf:params:oauth:grant-type:device_code|}&';
		return [finding(RuleId.missingGrantType, 'error', 'The token request has no grant_type parameter.', message.body,
			[{ title: 'Add grant_type', edits: [{ span: { start: message.body.start, end: message.body.start }, text: snippet, snippet: true }], preferred: true }])];
	}
	if (!grant || GRANTS[grant.value] || grant.value.startsWith('{{')) return [];
	const suggestion = suggestCode(grant.value, Object.keys(GRANTS));
	const fixes = suggestion ? [{ title: `Replace with "${suggestion}"`, edits: [{ span: grant.valueSpan, text: suggestion }], preferred: true }] : undefined;
	const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : '';
	void text;
	// An absolute URI is an extension grant (RFC 6749 §4.5): servers may define their own, so at most a hint.
	if (grant.value.includes(':')) {
		if (!suggestion && !grant.value.startsWith(IANA_GRANT_PREFIX)) return [];
		return [finding(RuleId.unknownGrantType, 'hint', `grant_type "${grant.value.slice(0, 80)}" is an extension grant this tool does not know (RFC 6749 §4.5); the server must support it.${didYouMean}`, grant.valueSpan, fixes)];
	}
	return [finding(RuleId.unknownGrantType, 'error', `Unknown grant_type "${grant.value.slice(0, 60)}".${didYouMean}`, grant.valueSpan, fixes)];
};

/** Parameters the chosen grant needs (code, redirect_uri, code_verifier, refresh_token, device_code…). */
const missingParameters: Rule = (_text, message) => {
	if (!isTokenRequest(message) || message.bodyFormat !== 'form' || !message.form || !message.body) return [];
	const grant = param(message.form, 'grant_type');
	const spec = grant && GRANTS[grant.value];
	if (!grant || !spec) return [];
	const out: Finding[] = [];
	const insertAt = { start: message.body.end, end: message.body.end };
	for (const name of spec.required) {
		if (param(message.form, name)) continue;
		out.push(finding(RuleId.missingParameter, 'error', `grant_type=${grant.value} requires the "${name}" parameter.`, grant.span,
			[{ title: `Add ${name}`, edits: [{ span: insertAt, text: `&${name}=\${1:${name}}`, snippet: true }], preferred: true }]));
	}
	for (const name of spec.recommended ?? []) {
		if (param(message.form, name)) continue;
		const why = name === 'code_verifier' ? 'PKCE (RFC 7636) needs it when /authorize got a code_challenge; without it the server answers invalid_grant.' : 'it must be sent, with the identical value, when /authorize received one.';
		out.push(finding(RuleId.missingParameter, 'warning', `No "${name}": ${why}`, grant.span,
			[{ title: `Add ${name}`, edits: [{ span: insertAt, text: `&${name}=\${1:${name}}`, snippet: true }] }]));
	}
	return out;
};

/** Two client authentication methods at once (RFC 6749 §2.3: use exactly one). */
const multipleClientAuth: Rule = (text, message) => {
	if (!isTokenRequest(message)) return [];
	const basic = header(message, 'authorization');
	const usesBasic = !!basic && /^basic\s/i.test(basic.value);
	const secret = message.form && param(message.form, 'client_secret');
	const assertion = message.form && param(message.form, 'client_assertion');
	const methods = [usesBasic && 'HTTP Basic', secret && 'client_secret in the body', assertion && 'client_assertion'].filter(Boolean);
	if (methods.length < 2) return [];
	const target = secret ?? assertion!;
	return [finding(RuleId.multipleClientAuth, 'error', `The request authenticates the client twice (${methods.join(' and ')}); servers answer invalid_request or invalid_client. Use one method.`, target.span,
		[{ title: `Remove ${target.name} from the body`, edits: [removeParamEdit(text, target)], preferred: true }])];
};

/** Credentials in the request URL end up in logs and browser history. */
const secretInUrl: Rule = (text, message) => {
	if (message.kind !== 'request' || !message.targetSpan) return [];
	const q = text.indexOf('?', message.targetSpan.start);
	if (q < 0 || q >= message.targetSpan.end) return [];
	const secrets = message.secrets.filter(s => s.start > q && s.end <= message.targetSpan!.end);
	const query = parseFormParams(text, q + 1, message.targetSpan.end);
	return secrets.map(s => {
		const p = query.find(x => x.valueSpan.start <= s.start && s.end <= x.valueSpan.end);
		const fix = p ? moveToBody(text, message, q, p) : undefined;
		return finding(RuleId.secretInUrl, 'error', `${describeSecretKind(s.kind)} is in the URL; send credentials in the POST body or the Authorization header.`,
			{ start: s.start, end: s.end }, fix ? [fix] : undefined);
	});
};

/** Moves a query parameter into the form body (creating the body when there is none). */
function moveToBody(text: string, message: HttpMessage, q: number, p: FormParam): FixData {
	const pair = text.slice(p.span.start, p.span.end);
	const edits: FixData['edits'] = [];
	const lonely = p.span.start === q + 1 && p.span.end === message.targetSpan!.end;
	edits.push(lonely ? { span: { start: q, end: p.span.end }, text: '' } : removeParamEdit(text, p));
	if (message.body && message.bodyFormat === 'form') {
		edits.push({ span: { start: message.body.end, end: message.body.end }, text: `&${pair}` });
	} else if (!message.body) {
		const after = message.headers.length ? message.headers[message.headers.length - 1].span.end : message.startLine!.end;
		const type = header(message, 'content-type') ? '' : `\nContent-Type: ${FORM_TYPE}`;
		edits.push({ span: { start: after, end: after }, text: `${type}\n\n${pair}` });
	} else {
		return { title: `Remove ${p.name} from the URL`, edits };
	}
	return { title: `Move ${p.name} from the URL to the request body`, edits: edits.sort((a, b) => b.span.start - a.span.start), preferred: true };
}

function param(form: readonly FormParam[], name: string): FormParam | undefined {
	return form.find(p => p.name === name);
}

function removeParamEdit(text: string, p: FormParam): { span: Span; text: string } {
	const before = text.charCodeAt(p.span.start - 1) === 38;
	const after = text.charCodeAt(p.span.end) === 38;
	if (after) return { span: { start: p.span.start, end: p.span.end + 1 }, text: '' };
	if (before) return { span: { start: p.span.start - 1, end: p.span.end }, text: '' };
	return { span: p.span, text: '' };
}

/** Every request rule, in reporting order. */
export const requestRules: readonly Rule[] = [getInsteadOfPost, notForm, grantType, missingParameters, multipleClientAuth, secretInUrl];
