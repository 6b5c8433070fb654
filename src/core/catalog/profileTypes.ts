import type { Reference } from './catalogTypes';

/**
 * What names a vendor in a paste. Every kind is matched whole: hosts as a host
 * or a host suffix at a dot, paths as whole path segments, names and phrases as
 * whole words, headers and body keys by exact (case-insensitive) name.
 */
export interface VendorEvidence {
	/**
	 * A host (`login.microsoftonline.com`), a host suffix with a leading dot (`.okta.com`), or a host
	 * with one `*` label (`oidc.*.amazonaws.com`); optionally followed by a path prefix (`github.com/login/oauth`).
	 */
	host?: string;
	/** URL path segments (`/oauth2/default`, `/as/token.oauth2`); only counts on a host no other profile claims. */
	path?: string;
	/** A response header name, lower-case; a trailing `*` matches a prefix (`x-okta-*`). */
	header?: string;
	/** A product, library, package, namespace or logger name, matched as a whole word (`msal4j`, `@azure/msal-node`, `Microsoft.Identity.Client`). */
	name?: string;
	/** A JSON key that only this vendor's error bodies carry (`fbtrace_id`). */
	bodyKey?: string;
	/** strong: names the vendor alone; weak: only when nothing strong names another. */
	strength: 'strong' | 'weak';
}

/**
 * The shape of a vendor's own numbered or named codes, so they are found in
 * free text without a catalog entry for each: a fixed prefix and then
 * `length` characters of `rest`. No regular expressions, so matching stays linear.
 */
export interface CodeShape {
	prefix: string;
	rest: 'digits' | 'alnum';
	/** Inclusive bounds on the number of `rest` characters. */
	length: [number, number];
	/** Words one of which must be near the code in free text (short shapes such as `ID2019`). */
	context?: string[];
	/** Catalog namespace whose entries use this shape (defaults to the profile id). */
	namespace?: string;
}

/** Where a vendor's error bodies put their code and message (dotted JSON paths). */
export interface BodyShape {
	/** Paths that must all be present for this shape to apply. */
	requires: string[];
	/** Path of the vendor code (string or number). */
	code?: string;
	/** Path of an array of numeric codes (Entra `error_codes`). */
	codes?: string;
	/** Path of a sub-code, reported as a second vendor code. */
	subcode?: string;
	/** How a code is written as a catalog code: `{value}` is replaced (`AADSTS{value}`, `subcode {value}`). */
	codeFormat?: string;
	subcodeFormat?: string;
	/** Path of the human-readable message. */
	message?: string;
	/** Path of a link to the vendor's page about the error. */
	uri?: string;
	/** Support ids in the body: path → label. */
	facts?: Record<string, string>;
	/** The code is what follows the last occurrence of this character (`…#NotAuthorizedException`). */
	codeAfter?: string;
	/** Only values the catalog knows as this vendor's codes count (generic keys such as `type`). */
	knownOnly?: boolean;
	/** Path of a string holding the client-facing OAuth error JSON. */
	nested?: string;
	/** Paths whose values must equal these (`{"ok": false}`). */
	values?: Record<string, string | number | boolean>;
	/** The shape alone names the vendor: `true` strongly, `'weak'` weakly; absent: read only when the vendor is known. */
	identifies?: boolean | 'weak';
}

/** A provider or client library, as data: how to recognise it and where to read more. */
export interface VendorProfile {
	/** The vendor id: the catalog namespace and `vendor` field of its entries. */
	id: string;
	/** Display name in reports ("Microsoft Entra ID"). */
	name: string;
	/** `provider` (an authorization server or API) or `library` (a client library). */
	type: 'provider' | 'library';
	/** For a vendor-specific library: the provider it names (MSAL → entra). */
	provider?: string;
	evidence: VendorEvidence[];
	codes?: CodeShape[];
	bodies?: BodyShape[];
	/** Lower-case package name parts of the vendor's SDKs (`botocore`): its exception names qualified by other packages are not its own. */
	packages?: string[];
	/** Words one of which must be near the vendor's codes in free text (codes that are common identifiers elsewhere). */
	codeContext?: string[];
	/** Documented departures from the specs, so rules describe them instead of flagging them. */
	quirks?: {
		/** Token-endpoint errors come with HTTP 200 (the error is in the body). */
		errorsWithStatus200?: boolean;
		/** Token responses are form-encoded unless the request asks for JSON with `Accept: application/json`. */
		formEncodedTokenResponses?: boolean;
		/** A code exchange without `grant_type` is accepted (the endpoint assumes authorization_code). */
		grantTypeOptional?: boolean;
		/** The token endpoint also accepts JSON request bodies (not only form-urlencoded). */
		jsonTokenRequests?: boolean;
		/** The vendor quotes support ids (`Trace ID: …`, `Correlation ID: …`) inside its error messages. */
		quotesSupportIds?: boolean;
	};
	/** A lookup page for a code: `{code}` is the code, `{number}` its digits. */
	lookupUrl?: string;
	docs: Reference[];
}
