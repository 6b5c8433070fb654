import type { Catalog } from '../catalog/catalog';
import type { Finding, HttpMessage } from '../recognize/model';
import type { SecretKind } from '../types';
import { describeSecretKind } from '../secrets/secretNames';
import { redactionMarker } from '../secrets/tokenShapes';
import { requestRules } from './requestRules';
import { responseRules } from './responseRules';
import { ruleReference, RuleId } from './ruleIds';

/** Runs every rule that applies to the message; findings come back in document order. */
export function runRules(text: string, message: HttpMessage, catalog: Catalog): Finding[] {
	const findings: Finding[] = [];
	// A loop, not push(...list): a message may hold a hundred thousand secrets (too many arguments for one call).
	const add = (list: readonly Finding[]) => { for (const f of list) findings.push(f); };
	if (message.kind === 'request') {
		for (const rule of requestRules) add(rule(text, message, catalog));
	} else {
		for (const rule of responseRules) add(rule(text, message, catalog));
	}
	add(secretFindings(message));
	return findings.sort((a, b) => a.span.start - b.span.start);
}

/** The finding's text per kind and length (a log with a secret on every line asks the same question a million times). */
const secretMessages = new Map<string, Map<number, string>>();

function secretMessage(kind: SecretKind, length: number): string {
	let byLength = secretMessages.get(kind);
	if (!byLength) secretMessages.set(kind, byLength = new Map());
	let text = byLength.get(length);
	if (text === undefined) {
		if (byLength.size > 4096) byLength.clear();
		byLength.set(length, text = `${describeSecretKind(kind)} (${length} characters) is pasted here. Redact it before sharing this text, and revoke it if it is still valid.`);
	}
	return text;
}

/** One finding per secret, naming its kind and length only. */
export function secretFindings(message: HttpMessage): Finding[] {
	const reference = ruleReference(RuleId.secretExposed);
	return message.secrets.map((s): Finding => {
		// One span object for the finding and its fix (offsets move once on re-analysis): fewer objects per secret.
		const span = { start: s.start, end: s.end };
		return {
			rule: RuleId.secretExposed, severity: 'warning', message: secretMessage(s.kind, s.end - s.start), span, reference,
			fixes: [{ title: 'Redact this secret', edits: [{ span, text: redactionMarker(s.kind) }], preferred: true }],
		};
	});
}
