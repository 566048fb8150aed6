/** Text for HTML pages: escaped, with the catalogue's Markdown inline code shown as code. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes `text` and renders `inline code` (the catalogue's profile keys) as <code>. */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A relative link path with each segment encoded, so odd file names still resolve. */
export function hrefOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
