import type { Location } from '../types';
import type { VendorProfile } from './profileTypes';

/** A grant a request used (from the paste's request, log line or stack trace). */
export type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'password' | 'device_code'
	| 'token_exchange' | 'jwt_bearer' | 'saml2_bearer' | 'ciba' | 'implicit';

/** A link backing an entry's facts: an RFC section or a vendor page. */
export interface Reference {
	title: string;
	/** Only `https:` links are ever rendered. */
	url?: string;
}

/** A likely cause; `match` substrings of error_description select it. */
export interface Cause {
	/** Why, from the fixed vocabulary (causeKinds.ts, docs/cause-kinds.md). */
	kind?: string;
	text: string;
	/** Lower-case substrings; any hit in error_description selects this cause. */
	match?: string[];
	/** The cause applies only to responses from this vendor. */
	vendor?: string;
	/** The cause applies only to responses with one of these HTTP statuses. */
	status?: number[];
	/** The cause applies only at these locations (endpoint kinds). */
	occurs?: Location[];
	/** The cause applies only to these grants. */
	grant?: Grant[];
	/** The cause applies only when the paste comes from one of these client libraries (profile ids). */
	library?: string[];
	/** The steps for this cause. */
	fixes?: Fix[];
}

/** A way to fix the problem, optionally with a snippet in VS Code snippet syntax. */
export interface Fix {
	text: string;
	snippet?: string;
	language?: string;
	/** The step applies only to these grants (left out when the paste shows another). */
	grant?: Grant[];
}

/** What the catalog knows about an error code, vendor code, HTTP status or fixed message. */
export interface CatalogEntry {
	id: string;
	code: string;
	namespace: string;
	kind: 'error' | 'vendorCode' | 'status' | 'message';
	vendor?: string;
	/** For vendor codes and messages: the OAuth `error` value usually sent with it. */
	error?: string;
	title: string;
	summary: string;
	occurs: Location[];
	status: number[];
	causes: Cause[];
	fixes: Fix[];
	flags?: { retryable?: boolean; polling?: boolean; userActionable?: boolean };
	references: Reference[];
	aliases?: string[];
	/** From free text: `keyed` only after an error key or in an error field; `context` only next to an error word. */
	freeText?: 'keyed' | 'context';
}

/** The content of one catalog file (bundled or user-supplied). */
export interface CatalogFile {
	version: 1;
	entries: CatalogEntry[];
	/** The profiles of the vendors this file's entries belong to (bundled files carry theirs). */
	profiles?: VendorProfile[];
}
