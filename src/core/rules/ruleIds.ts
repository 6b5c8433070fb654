import type { Reference } from '../catalog/catalogTypes';
import type { Finding } from '../recognize/model';
import type { Severity, Span } from '../types';

/** Stable rule ids: they name diagnostics and CLI findings; never rename one. */
export const RuleId = {
	recognizedError: 'recognized-error',
	vendorCode: 'vendor-code',
	httpStatus: 'http-status',
	unknownCode: 'unknown-code',
	statusMismatch: 'status-mismatch',
	errorWith200: 'error-with-200',
	missingWwwAuthenticate: 'missing-www-authenticate',
	malformedChallenge: 'malformed-challenge',
	contentTypeMismatch: 'content-type-mismatch',
	errorNotJson: 'error-not-json',
	missingNoStore: 'missing-no-store',
	invalidErrorChars: 'invalid-error-chars',
	problemStatusMismatch: 'problem-status-mismatch',
	secretExposed: 'secret-exposed',
	pollingAdvice: 'polling-advice',
	supportIds: 'support-ids',
	tokenRequestGet: 'token-request-get',
	tokenRequestNotForm: 'token-request-not-form',
	missingGrantType: 'missing-grant-type',
	unknownGrantType: 'unknown-grant-type',
	missingParameter: 'missing-parameter',
	multipleClientAuth: 'multiple-client-auth',
	secretInUrl: 'secret-in-url',
} as const;

const rfc = (n: number, section: string, title: string): Reference => ({ title, url: `https://www.rfc-editor.org/rfc/rfc${n}#section-${section}` });

/** Where each rule's requirement is written down (the diagnostic's code link). */
export const ruleReferences: Readonly<Record<string, Reference>> = {
	[RuleId.unknownCode]: rfc(6749, '5.2', 'RFC 6749 §5.2'),
	[RuleId.statusMismatch]: rfc(6749, '5.2', 'RFC 6749 §5.2'),
	[RuleId.errorWith200]: rfc(6749, '5.2', 'RFC 6749 §5.2'),
	[RuleId.httpStatus]: rfc(9110, '15', 'RFC 9110 §15'),
	[RuleId.missingWwwAuthenticate]: rfc(9110, '15.5.2', 'RFC 9110 §15.5.2'),
	[RuleId.malformedChallenge]: rfc(9110, '11.6.1', 'RFC 9110 §11.6.1'),
	[RuleId.contentTypeMismatch]: rfc(9110, '8.3', 'RFC 9110 §8.3'),
	[RuleId.errorNotJson]: rfc(6749, '5.2', 'RFC 6749 §5.2'),
	[RuleId.missingNoStore]: rfc(6749, '5.1', 'RFC 6749 §5.1'),
	[RuleId.invalidErrorChars]: rfc(6749, 'appendix-A.7', 'RFC 6749 Appendix A.7'),
	[RuleId.problemStatusMismatch]: rfc(9457, '3.1.2', 'RFC 9457 §3.1.2'),
	[RuleId.secretExposed]: rfc(6819, '5.1.6', 'RFC 6819 §5.1.6'),
	[RuleId.pollingAdvice]: rfc(8628, '3.5', 'RFC 8628 §3.5'),
	[RuleId.supportIds]: rfc(6749, '5.2', 'RFC 6749 §5.2'),
	[RuleId.tokenRequestGet]: rfc(6749, '3.2', 'RFC 6749 §3.2'),
	[RuleId.tokenRequestNotForm]: rfc(6749, '4.1.3', 'RFC 6749 §4.1.3'),
	[RuleId.missingGrantType]: rfc(6749, '4.1.3', 'RFC 6749 §4.1.3'),
	[RuleId.unknownGrantType]: rfc(6749, '5.2', 'RFC 6749 §5.2'),
	[RuleId.missingParameter]: rfc(6749, '4.1.3', 'RFC 6749 §4.1.3'),
	[RuleId.multipleClientAuth]: rfc(6749, '2.3', 'RFC 6749 §2.3'),
	[RuleId.secretInUrl]: rfc(6749, '2.3.1', 'RFC 6749 §2.3.1'),
};

/** A finding of `rule`, linked to the rule's reference unless `extra` names another. */
export function makeFinding(rule: string, severity: Severity, message: string, span: Span, extra: Partial<Finding> = {}): Finding {
	return { rule, severity, message, span, reference: ruleReferences[rule], ...extra };
}
