/**
 * @module test/support/kmlValidate
 * A small, strict XML 1.0 well-formedness checker and reader (enough to verify the KML export without an XML
 * dependency): optional XML declaration first, then exactly one root element with only comments, processing
 * instructions and white space around it; balanced, properly nested tags; attribute names unique per element and
 * values quoted; `&` only as a predefined or numeric character reference; no `<` in text or attribute values; no
 * `]]>` in text; only XML 1.0 characters; CDATA sections and comments well formed; no DOCTYPE (the exports never
 * write one). Namespace prefixes must be declared in scope. Returns a tiny element tree with resolved namespaces.
 */
import { isXmlChar } from '../../src/io/kml.js';

/** An element of the tree. */
export interface XmlElement {
  /** Qualified name as written (`gx:Track`). */
  readonly name: string;
  /** Local name (`Track`). */
  readonly local: string;
  /** Namespace URI the element is in ('' for none). */
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element (references decoded). */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`XML line ${line}: ${message}`);
    this.name = 'XmlError';
  }
}

/** XML 1.0 (5th ed.) NameStartChar, by code unit (names outside the BMP are not accepted). */
function isNameStart(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return (
    (x >= 0x61 && x <= 0x7a) ||
    (x >= 0x41 && x <= 0x5a) ||
    x === 0x5f ||
    x === 0x3a ||
    (x >= 0xc0 && x <= 0xd6) ||
    (x >= 0xd8 && x <= 0xf6) ||
    (x >= 0xf8 && x <= 0x2ff) ||
    (x >= 0x370 && x <= 0x37d) ||
    (x >= 0x37f && x <= 0x1fff) ||
    x === 0x200c ||
    x === 0x200d ||
    (x >= 0x2070 && x <= 0x218f) ||
    (x >= 0x2c00 && x <= 0x2fef) ||
    (x >= 0x3001 && x <= 0xd7ff) ||
    (x >= 0xf900 && x <= 0xfdcf) ||
    (x >= 0xfdf0 && x <= 0xfffd)
  );
}

/** XML 1.0 NameChar. */
function isNameChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return (
    isNameStart(c) ||
    x === 0x2d ||
    x === 0x2e ||
    (x >= 0x30 && x <= 0x39) ||
    x === 0xb7 ||
    (x >= 0x300 && x <= 0x36f) ||
    x === 0x203f ||
    x === 0x2040
  );
}
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Parses `text` as a well-formed XML 1.0 document.
 * @returns the root element
 * @throws XmlError at the first violation, with its line
 */
export function parseXml(text: string): XmlElement {
  let i = 0;
  let line = 1;
  const err = (message: string): XmlError => new XmlError(message, line);

  // every character must be an XML Char
  for (let k = 0, ln = 1; k < text.length; k++) {
    const code = text.codePointAt(k) ?? 0;
    if (code === 0x0a) ln++;
    if (code > 0xffff) k++;
    else if (code >= 0xd800 && code <= 0xdfff) throw new XmlError('lone surrogate', ln);
    if (!isXmlChar(code))
      throw new XmlError(`character U+${code.toString(16).toUpperCase()} is not allowed`, ln);
  }

  const advance = (n: number): void => {
    for (let k = 0; k < n; k++) if (text[i + k] === '\n') line++;
    i += n;
  };
  const startsWith = (s: string): boolean => text.startsWith(s, i);
  const skipSpace = (): boolean => {
    const from = i;
    while (i < text.length && /[ \t\r\n]/.test(text[i])) advance(1);
    return i > from;
  };
  const readName = (): string => {
    if (!isNameStart(text[i])) throw err(`expected a name at "${text.slice(i, i + 10)}"`);
    const from = i;
    i++;
    while (isNameChar(text[i])) i++;
    return text.slice(from, i);
  };
  /** Decodes character data, checking references; `inAttribute` also forbids `<`. */
  const decode = (raw: string, inAttribute: boolean): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k];
      if (c === '<') throw err(inAttribute ? '"<" in an attribute value' : 'unexpected "<"');
      if (c !== '&') {
        out += c;
        continue;
      }
      const end = raw.indexOf(';', k);
      if (end < 0) throw err('"&" not part of a reference (write &amp;)');
      const ref = raw.slice(k + 1, end);
      if (ref.startsWith('#x')) {
        if (!/^#x[0-9a-fA-F]+$/.test(ref)) throw err(`bad character reference &${ref};`);
        const code = Number.parseInt(ref.slice(2), 16);
        if (!isXmlChar(code)) throw err(`character reference &${ref}; is not an XML character`);
        out += String.fromCodePoint(code);
      } else if (ref.startsWith('#')) {
        if (!/^#[0-9]+$/.test(ref)) throw err(`bad character reference &${ref};`);
        const code = Number.parseInt(ref.slice(1), 10);
        if (!isXmlChar(code)) throw err(`character reference &${ref}; is not an XML character`);
        out += String.fromCodePoint(code);
      } else if (ref in PREDEFINED) out += PREDEFINED[ref];
      else throw err(`"&" not part of a known reference (&${ref.slice(0, 12)};); write &amp;`);
      k = end;
    }
    return out;
  };
  const comment = (): void => {
    const end = text.indexOf('-->', i + 4);
    if (end < 0) throw err('unterminated comment');
    const body = text.slice(i + 4, end);
    if (body.includes('--') || body.endsWith('-')) throw err('"--" inside a comment');
    advance(end + 3 - i);
  };
  const pi = (): void => {
    advance(2);
    const target = readName();
    if (target.toLowerCase() === 'xml') throw err('the XML declaration must come first');
    const end = text.indexOf('?>', i);
    if (end < 0) throw err('unterminated processing instruction');
    advance(end + 2 - i);
  };
  /** Comments, processing instructions and white space (outside the root). */
  const misc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) comment();
      else if (startsWith('<?')) pi();
      else return;
    }
  };

  // XML declaration
  if (startsWith('<?xml') && /[ \t\r\n?]/.test(text[5] ?? '')) {
    const end = text.indexOf('?>');
    if (end < 0) throw err('unterminated XML declaration');
    const decl = text.slice(5, end);
    if (
      !/^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(
        decl,
      )
    )
      throw err('malformed XML declaration');
    advance(end + 2);
  }
  misc();
  if (startsWith('<!DOCTYPE')) throw err('DOCTYPE is not accepted');
  if (!startsWith('<') || startsWith('</')) throw err('expected the root element');

  interface Frame {
    element: XmlElement;
    ns: Map<string, string>;
  }
  const stack: Frame[] = [];
  let root: XmlElement | null = null;

  const resolveNs = (qname: string, ns: Map<string, string>, isAttribute: boolean): string => {
    const colon = qname.indexOf(':');
    if (colon < 0) return isAttribute ? '' : (ns.get('') ?? '');
    const prefix = qname.slice(0, colon);
    if (colon === 0 || colon === qname.length - 1 || qname.indexOf(':', colon + 1) >= 0)
      throw err(`malformed qualified name "${qname}"`);
    if (prefix === 'xml') return XML_NS;
    const uri = ns.get(prefix);
    if (uri === undefined) throw err(`namespace prefix "${prefix}" is not declared`);
    return uri;
  };

  const startTag = (): void => {
    advance(1);
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (!spaced) throw err(`expected white space before an attribute in <${name}>`);
      const attr = readName();
      skipSpace();
      if (text[i] !== '=') throw err(`attribute ${attr} of <${name}> needs "="`);
      advance(1);
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") throw err(`attribute ${attr} of <${name}> must be quoted`);
      const end = text.indexOf(quote, i + 1);
      if (end < 0) throw err(`unterminated value of attribute ${attr}`);
      const raw = text.slice(i + 1, end);
      const value = decode(raw, true);
      advance(end + 1 - i);
      if (attr in attributes) throw err(`attribute ${attr} repeated in <${name}>`);
      attributes[attr] = value;
    }
    const parentNs = stack.length > 0 ? stack[stack.length - 1].ns : new Map<string, string>();
    const ns = new Map(parentNs);
    for (const [k, v] of Object.entries(attributes)) {
      if (k === 'xmlns') ns.set('', v);
      else if (k.startsWith('xmlns:')) {
        if (v === '') throw err(`namespace prefix ${k.slice(6)} bound to an empty URI`);
        ns.set(k.slice(6), v);
      }
    }
    for (const k of Object.keys(attributes))
      if (k !== 'xmlns' && !k.startsWith('xmlns:')) resolveNs(k, ns, true);
    const element: XmlElement = {
      name,
      local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name,
      namespace: resolveNs(name, ns, false),
      attributes,
      children: [],
      text: '',
    };
    if (stack.length > 0) stack[stack.length - 1].element.children.push(element);
    else if (root === null) root = element;
    else throw err(`a second root element <${name}>`);
    if (startsWith('/>')) advance(2);
    else {
      advance(1);
      stack.push({ element, ns });
    }
  };

  startTag();
  while (stack.length > 0) {
    if (i >= text.length) throw err(`unclosed <${stack[stack.length - 1].element.name}>`);
    if (startsWith('</')) {
      advance(2);
      const name = readName();
      skipSpace();
      if (text[i] !== '>') throw err(`malformed end tag </${name}`);
      advance(1);
      const open = stack.pop();
      if (!open || open.element.name !== name)
        throw err(`</${name}> does not close <${open?.element.name ?? '(nothing)'}>`);
    } else if (startsWith('<!--')) comment();
    else if (startsWith('<![CDATA[')) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) throw err('unterminated CDATA section');
      stack[stack.length - 1].element.text += text.slice(i + 9, end);
      advance(end + 3 - i);
    } else if (startsWith('<?')) pi();
    else if (startsWith('<!')) throw err('unexpected markup declaration inside an element');
    else if (text[i] === '<') startTag();
    else {
      const next = text.indexOf('<', i);
      const end = next < 0 ? text.length : next;
      const raw = text.slice(i, end);
      if (raw.includes(']]>')) throw err('"]]>" in character data');
      stack[stack.length - 1].element.text += decode(raw, false);
      advance(end - i);
    }
  }
  misc();
  if (i < text.length) throw err(`content after the root element: "${text.slice(i, i + 20)}"`);
  if (root === null) throw err('no root element');
  return root;
}

/** Every element below (and including) `el` whose qualified name is `name`. */
export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  if (el.name === name) out.push(el);
  for (const c of el.children) findAll(c, name, out);
  return out;
}
