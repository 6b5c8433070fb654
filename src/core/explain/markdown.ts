/** Escapes pasted text for Markdown: no links, emphasis, HTML or code spans survive. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\r\n\t]+/g, ' ')
		.replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, ch => ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`);
}

/** A Markdown link when the URL is https (the only scheme we ever render), else escaped text. */
export function safeLink(title: string, url: string | undefined): string {
	if (url && /^https:\/\/[^\s<>()"'`\\]+$/.test(url)) return `[${escapeMarkdown(title)}](${url})`;
	return escapeMarkdown(title);
}
