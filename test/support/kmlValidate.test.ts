import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/io/kml.js';
import { findAll, parseXml } from './kmlValidate.js';

describe('parseXml (well-formedness)', () => {
  it('reads a namespaced document into a tree', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><kml xmlns="urn:k" xmlns:gx="urn:gx"><a b=\'1\' c="&lt;&amp;&#x41;&#66;">x &amp; y<![CDATA[<raw>]]><gx:t/></a></kml>\n',
    );
    expect(root.name).toBe('kml');
    expect(root.namespace).toBe('urn:k');
    const a = root.children[0];
    expect(a.attributes).toEqual({ b: '1', c: '<&AB' });
    expect(a.text).toBe('x & y<raw>');
    expect(findAll(root, 'gx:t')[0].namespace).toBe('urn:gx');
  });

  it('rejects what is not well formed', () => {
    const cases: Array<[string, RegExp]> = [
      ['<a><b></a></b>', /does not close/],
      ['<a>', /unclosed/],
      ['<a/><b/>', /content after the root|second root/],
      ['<a>x & y</a>', /"&" not part of/],
      ['<a>&nbsp;</a>', /known reference/],
      ['<a>1 < 2</a>', /expected a name/],
      ['<a b="<"/>', /"<" in an attribute/],
      ['<a b="1" b="2"/>', /repeated/],
      ['<a b=1/>', /quoted/],
      ['<a b="1"c="2"/>', /white space/],
      ['<a>]]></a>', /"]]>"/],
      ['<a>\u0001</a>', /not allowed/],
      ['<a>&#0;</a>', /not an XML character/],
      ['<x:a/>', /not declared/],
      ['<a><!-- a -- b --></a>', /"--"/],
      ['text<a/>', /expected the root/],
      ['<a/>trailing', /content after the root/],
      ['<!DOCTYPE a><a/>', /DOCTYPE/],
      [' <?xml version="1.0"?><a/>', /declaration must come first/],
      ['<?xml version="1.0" encoding=UTF-8?><a/>', /malformed XML declaration/],
      ['', /expected the root/],
    ];
    for (const [text, pattern] of cases) expect(() => parseXml(text), text).toThrow(pattern);
  });

  it('escapeXml output always parses back to the input (minus forbidden characters)', () => {
    const nasty = 'a & b < c > d " e \' f ]]> g \u0001 h \uD800 i 😀';
    const root = parseXml(`<r a="${escapeXml(nasty)}">${escapeXml(nasty)}</r>`);
    const clean = 'a & b < c > d " e \' f ]]> g  h  i 😀';
    expect(root.text).toBe(clean);
    expect(root.attributes.a).toBe(clean);
  });
});
