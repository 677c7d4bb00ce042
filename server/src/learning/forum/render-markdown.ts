import { micromark } from 'micromark';

/**
 * Markdown -> HTML for the forum. micromark is safe by default: raw HTML is escaped (so <script>,
 * onerror= and inline SVG stay text) and only http(s)/mailto links and http(s) images are kept
 * (javascript:, data: and the like end as an empty address). Links written by members get
 * rel="nofollow ugc noopener" so they carry no weight and no window access.
 */
export function renderMarkdown(source: string): string {
  return micromark(source).replace(/<a href="/g, '<a rel="nofollow ugc noopener" href="');
}
