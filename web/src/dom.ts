/**
 * @module web/dom
 * The one DOM helper the page's panels share: an element with its text and class, built without innerHTML (no
 * markup from run data ever reaches the parser).
 */

/**
 * A new element, with its text and class when given.
 * @example
 * const cell = el('td', '3 of 4', 'delta');
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}
