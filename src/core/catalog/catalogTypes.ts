import type { Location } from '../types';

/** A link backing an entry's facts: an RFC section or a vendor page. */
export interface Reference {
	title: string;
	/** Only `https:` links are ever rendered. */
	url?: string;
}

/** A likely cause; `match` substrings of error_description select it. */
export interface Cause {
	text: string;
	/** Lower-case substrings; any hit in error_description selects this cause. */
	match?: string[];
	/** The cause applies only to responses from this vendor. */
	vendor?: string;
	/** The cause applies only to responses with one of these HTTP statuses. */
	status?: number[];
	/** The cause applies only at these locations (endpoint kinds). */
	occurs?: Location[];
}

/** A way to fix the problem, optionally with a snippet in VS Code snippet syntax. */
export interface Fix {
	text: string;
	snippet?: string;
	language?: string;
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
}

/** The content of one catalog file (bundled or user-supplied). */
export interface CatalogFile {
	version: 1;
	entries: CatalogEntry[];
}
