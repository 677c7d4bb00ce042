import { micromark } from 'micromark';

/**
 * Markdown to HTML safe to insert in a page: micromark escapes raw HTML and drops links with a
 * dangerous protocol (javascript:, data:, vbscript:) unless told otherwise, which we never do.
 */
export function renderMarkdown(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: false, allowDangerousProtocol: false });
}
