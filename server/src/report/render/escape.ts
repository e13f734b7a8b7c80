/**
 * Escaping for every place a schema name, type, comment or message ends up. Names come from the
 * user's files and may hold anything (`<img src=x onerror=...>`, `</script>`, backticks, pipes):
 * they are always text, never markup.
 */
import { splitLines } from '../../model/text';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and attribute values (quotes included, so one function serves both). */
export function html(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => HTML[c]);
}

/**
 * JSON inside `<script type="application/json">`: `<` as \u003c so no `</script>` or `<!--` can end
 * or change the element, and the two line separators JavaScript once rejected.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Inline Markdown text (table cells, list items): markup characters escaped, HTML made inert, one
 * line. GitHub renders `&lt;` as `<`, so the text reads as written.
 */
export function md(s: string | number | undefined): string {
  return splitLines(String(s ?? ''))
    .join(' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|~])/g, '\\$1');
}

/** A Markdown link destination: spaces and parentheses encoded so the link cannot end early. */
export function mdHref(href: string): string {
  return encodeURI(href).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
