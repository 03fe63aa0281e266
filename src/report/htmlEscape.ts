/**
 * @module report/htmlEscape
 * Escaping for text placed into the HTML report and its hand-written SVG (scenario names, ids and descriptions are
 * user input). One function for element text and attribute values: `&`, `<`, `>`, `"` and `'` become entities, so
 * no input can open a tag, close an attribute or start a script.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML/SVG element content or a quoted attribute value. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
