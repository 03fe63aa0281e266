/**
 * @module test/support/csvParse
 * A strict RFC 4180 reader: records end with CRLF (a bare LF is accepted too), fields are separated by commas, a
 * quoted field may hold commas, CR, LF and doubled quotes; a quote inside an unquoted field, text after a closing
 * quote or an unterminated quote is an error. The final line break is optional. Used to check the CSV exports.
 */

/** Parses CSV text into rows of fields. @throws Error with the line number on malformed input */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let atFieldStart = true;
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
    atFieldStart = true;
    quoted = false;
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
    line++;
  };
  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      quoted = true;
      atFieldStart = false;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`CSV line ${line}: unterminated quoted field`);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
        throw new Error(`CSV line ${line}: text after a closing quote`);
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
    } else if (c === '\n') {
      endRow();
      i++;
    } else if (c === '\r') {
      throw new Error(`CSV line ${line}: bare CR outside quotes`);
    } else if (c === '"') {
      throw new Error(`CSV line ${line}: quote inside an unquoted field`);
    } else {
      if (quoted) throw new Error(`CSV line ${line}: text after a closing quote`);
      field += c;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || row.length > 0 || quoted) endRow();
  return rows;
}
