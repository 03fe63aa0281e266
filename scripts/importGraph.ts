/**
 * Draws the folder-level import graph of src/ as docs/img/import-graph.svg (`npm run graph`): one box per folder
 * (with its count of non-test source files), placed in its layer of `src/layers.ts` from the bottom (foundations)
 * to the top (entry points), and one curve per pair of folders with the number of file-to-file imports between
 * them. Downward imports are grey; an import that points up the layers is red and dashed (test/layers.test.ts fails
 * on it unless it is in that test's KNOWN_UPWARD list). The layout is computed here, with no graphviz, and the
 * output is deterministic, so the committed picture only changes when the graph does.
 * Usage: npx tsx scripts/importGraph.ts [OUT.svg]
 */
import { writeFileSync } from 'node:fs';
import { LAYERS } from '../src/layers.js';
import { type FolderEdge, isUpward, layerIndex, readImportGraph } from '../test/support/importGraph.js';

const out = process.argv[2] ?? 'docs/img/import-graph.svg';
const graph = readImportGraph('src');
const index = layerIndex();

const ROW_H_px = 64;
const BOX_H_px = 26;
const CHAR_W_px = 7.2;
const GAP_px = 28;
const LEFT_px = 150;
const TOP_px = 44;
/** Width of the left panel (boxes and curves); the matrix of import counts is drawn to its right. */
const PANEL_W_px = 900;
const CELL_px = 26;

interface Box {
  readonly folder: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

const label = (folder: string) =>
  `${folder === '.' ? 'src/ (root)' : `${folder}/`} ${graph.fileCounts.get(folder) ?? 0}`;
const boxes = new Map<string, Box>();
LAYERS.forEach((layer, i) => {
  const y = TOP_px + (LAYERS.length - 1 - i) * ROW_H_px;
  const widths = layer.map((f) => label(f).length * CHAR_W_px + 20);
  const total = widths.reduce((a, b) => a + b, 0) + GAP_px * (layer.length - 1);
  // single-folder layers zigzag round the middle, so that edges skipping layers do not run along one line
  const shift_px = layer.length === 1 ? (i % 2 === 0 ? -1 : 1) * 70 : 0;
  let x = LEFT_px + (PANEL_W_px - LEFT_px - 20 - total) / 2 + shift_px;
  layer.forEach((folder, k) => {
    boxes.set(folder, { folder, x, y, w: widths[k] });
    x += widths[k] + GAP_px;
  });
});

const centre = (b: Box) => b.x + b.w / 2;
/** Spreads the ends of a box's edges along its side, ordered by the other end's position, so curves fan out. */
function attachments(side: 'out' | 'in'): Map<FolderEdge, number> {
  const at = new Map<FolderEdge, number>();
  for (const box of boxes.values()) {
    const mine = graph.edges.filter((e) => (side === 'out' ? e.from : e.to) === box.folder);
    const other = (e: FolderEdge) => boxes.get(side === 'out' ? e.to : e.from);
    mine.sort((a, b) => centre(other(a)!) - centre(other(b)!));
    mine.forEach((e, k) => {
      at.set(e, box.x + 6 + ((box.w - 12) * (k + 0.5)) / mine.length);
    });
  }
  return at;
}
const outAt = attachments('out');
const inAt = attachments('in');

const f1 = (v: number) => v.toFixed(1);
const parts: string[] = [];
for (const e of graph.edges) {
  const a = boxes.get(e.from);
  const b = boxes.get(e.to);
  if (!a || !b) continue; // a folder missing from LAYERS: the layer test names it
  const n = e.files.length;
  const up = isUpward(e, index);
  const x1 = outAt.get(e)!;
  const x2 = inAt.get(e)!;
  let path: string;
  let lx: number;
  let ly: number;
  if (a.y === b.y) {
    // peers in one layer: an arc under the row
    const y = a.y + BOX_H_px;
    const dip = 22 + Math.abs(x2 - x1) / 12;
    path = `M${f1(x1)},${y} C${f1(x1)},${f1(y + dip)} ${f1(x2)},${f1(y + dip)} ${f1(x2)},${y}`;
    lx = (x1 + x2) / 2;
    ly = y + dip * 0.75;
  } else {
    const y1 = a.y < b.y ? a.y + BOX_H_px : a.y;
    const y2 = a.y < b.y ? b.y : b.y + BOX_H_px;
    const dy = (y2 - y1) * 0.45;
    path = `M${f1(x1)},${y1} C${f1(x1)},${f1(y1 + dy)} ${f1(x2)},${f1(y2 - dy)} ${f1(x2)},${y2}`;
    // the label sits near the importing end, where the curves are still apart
    const t = Math.min(0.5, 40 / Math.abs(y2 - y1));
    const u = 1 - t;
    lx = u * u * u * x1 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x2;
    ly = u * u * u * y1 + 3 * u * u * t * (y1 + dy) + 3 * u * t * t * (y2 - dy) + t * t * t * y2;
  }
  const width = 0.6 + Math.log2(n) * 0.45;
  const style = up
    ? 'stroke="#c62828" stroke-dasharray="5 3" opacity="0.9"'
    : 'stroke="#455a64" opacity="0.35"';
  parts.push(
    `<path d="${path}" fill="none" ${style} stroke-width="${f1(width)}"><title>${e.from} → ${e.to}: ${n} import${n === 1 ? '' : 's'}</title></path>`,
  );
  parts.push(
    `<text x="${f1(lx)}" y="${f1(ly + 3)}" class="n${up ? ' up' : ''}" text-anchor="middle">${n}</text>`,
  );
}

const rows = LAYERS.map((_layer, i) => {
  const y = TOP_px + (LAYERS.length - 1 - i) * ROW_H_px;
  return `<text x="12" y="${y + 17}" class="layer">layer ${i}</text><line x1="12" x2="${PANEL_W_px - 12}" y1="${y - 18}" y2="${y - 18}" stroke="#eceff1"/>`;
});
const boxSvg = [...boxes.values()].map(
  (b) =>
    `<rect x="${f1(b.x)}" y="${b.y}" width="${f1(b.w)}" height="${BOX_H_px}" rx="4" fill="#e3f2fd" stroke="#1565c0"/>` +
    `<text x="${f1(centre(b))}" y="${b.y + 17}" text-anchor="middle" class="box">${label(b.folder)}</text>`,
);
// Right panel: the same graph as a matrix (row imports column), folders in layer order top to bottom and left to
// right, so every downward import lies below the diagonal and anything above it points up.
const order = [...LAYERS].reverse().flat();
const MX_px = PANEL_W_px + 110;
const MY_px = TOP_px + 70;
const counts = new Map(graph.edges.map((e) => [`${e.from}>${e.to}`, e]));
const matrix: string[] = [];
order.forEach((row, r) => {
  const y = MY_px + r * CELL_px;
  matrix.push(
    `<text x="${MX_px - 6}" y="${y + 17}" text-anchor="end" class="m">${row === '.' ? 'src/' : row}</text>`,
  );
  const cx = MX_px + r * CELL_px;
  matrix.push(
    `<text transform="translate(${cx + 17},${MY_px - 6}) rotate(-60)" class="m">${row === '.' ? 'src/' : row}</text>`,
  );
  order.forEach((col, c) => {
    const x = MX_px + c * CELL_px;
    const e = counts.get(`${row}>${col}`);
    const sameLayer = index.get(row) === index.get(col);
    const fill =
      row === col ? '#cfd8dc' : e && isUpward(e, index) ? '#ffcdd2' : sameLayer ? '#f1f8e9' : '#fff';
    matrix.push(
      `<rect x="${x}" y="${y}" width="${CELL_px}" height="${CELL_px}" fill="${fill}" stroke="#eceff1"/>`,
    );
    if (e) {
      matrix.push(
        `<text x="${x + CELL_px / 2}" y="${y + 17}" text-anchor="middle" class="c${isUpward(e, index) ? ' up' : ''}">${e.files.length}<title>${row} → ${col}</title></text>`,
      );
    }
  });
});
matrix.push(
  `<text x="${MX_px}" y="${MY_px + order.length * CELL_px + 20}" class="m">row imports column (file-to-file imports); green: peers in one layer; red: points up</text>`,
);
const WIDTH_px = MX_px + order.length * CELL_px + 20;
const height = Math.max(TOP_px + LAYERS.length * ROW_H_px, MY_px + order.length * CELL_px + 40);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH_px}" height="${height}" viewBox="0 0 ${WIDTH_px} ${height}" font-family="Helvetica, Arial, sans-serif">
<title>aspis: imports between the folders of src/, by layer</title>
<style>.box{font-size:12px;fill:#0d47a1}.layer{font-size:11px;fill:#78909c}.n{font-size:9px;fill:#37474f;paint-order:stroke;stroke:#fff;stroke-width:3px}.n.up{fill:#c62828}.title{font-size:14px;fill:#263238}.m{font-size:11px;fill:#37474f}.c{font-size:10px;fill:#263238}.c.up{fill:#c62828;font-weight:bold}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="22" class="title">aspis: imports between folders of src/ (non-test files), layers bottom to top as in src/layers.ts (npm run graph); box: its files; curve: imports between two folders; red dashed: points up</text>
${rows.join('\n')}
${parts.join('\n')}
${boxSvg.join('\n')}
${matrix.join('\n')}
</svg>
`;
writeFileSync(out, svg);
console.log(`wrote ${out}: ${boxes.size} folders, ${graph.edges.length} folder edges`);
