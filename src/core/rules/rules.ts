import type { Catalog } from '../catalog/catalog';
import type { Finding, HttpMessage } from '../recognize/model';
import { describeSecretKind } from '../secrets/secretNames';
import { redactionMarker } from '../secrets/tokenShapes';
import { requestRules } from './requestRules';
import { responseRules } from './responseRules';
import { makeFinding, RuleId } from './ruleIds';

/** Runs every rule that applies to the message; findings come back in document order. */
export function runRules(text: string, message: HttpMessage, catalog: Catalog): Finding[] {
	const findings: Finding[] = [];
	if (message.kind === 'request') {
		for (const rule of requestRules) findings.push(...rule(text, message, catalog));
	} else {
		for (const rule of responseRules) findings.push(...rule(text, message, catalog));
	}
	findings.push(...secretFindings(message));
	return findings.sort((a, b) => a.span.start - b.span.start);
}

/** One finding per secret, naming its kind and length only. */
function secretFindings(message: HttpMessage): Finding[] {
	return message.secrets.map(s => makeFinding(RuleId.secretExposed, 'warning',
		`${describeSecretKind(s.kind)} (${s.end - s.start} characters) is pasted here. Redact it before sharing this text, and revoke it if it is still valid.`,
		{ start: s.start, end: s.end },
		{ fixes: [{ title: 'Redact this secret', edits: [{ span: { start: s.start, end: s.end }, text: redactionMarker(s.kind) }], preferred: true }] }));
}
