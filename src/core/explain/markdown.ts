import { sanitizeText } from './sanitize';

/**
 * Escapes pasted text for Markdown: no links, emphasis, HTML, code spans or
 * math (`$…$` in VS Code's preview) survive, and the text is sanitised first
 * (controls, bidi and zero-width characters made visible; line breaks become spaces).
 */
export function escapeMarkdown(text: string): string {
	return sanitizeText(text)
		.replace(/[\\`*_{}[\]()#+\-.!|<>~&:$]/g, ch => ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`);
}

/** A Markdown link when the URL is https (the only scheme we ever render), else escaped text. */
export function safeLink(title: string, url: string | undefined): string {
	if (url && /^https:\/\/[^\s<>()"'`\\$]+$/.test(url)) return `[${escapeMarkdown(title)}](${url})`;
	return escapeMarkdown(title);
}
