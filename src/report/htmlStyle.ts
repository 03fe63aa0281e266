/**
 * @module report/htmlStyle
 * The HTML report's inline stylesheet: system fonts only (nothing to download), a light page, cards for the
 * headline numbers, maps and charts that scale down on narrow screens, and print-friendly tables.
 */

/** CSS placed inside the report's `<style>` element. */
export const REPORT_CSS = `
:root { --ink: #1f2630; --muted: #5b6573; --line: #dde2e8; --bg: #f6f7f9; --card: #ffffff; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1360px; margin: 0 auto; padding: 20px 28px 40px; }
header { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 0 24px 16px; overflow: hidden; }
.caveat { margin: 0 -24px 14px; padding: 8px 24px; background: #fff4d6; border-bottom: 1px solid #f0d98a; color: #6b4e00; font-size: 13px; }
h1 { margin: 6px 0 4px; font-size: 26px; letter-spacing: -0.01em; }
h2 { margin: 0 0 12px; font-size: 19px; }
h3 { margin: 14px 0 6px; font-size: 14px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.desc { margin: 0 0 12px; color: var(--muted); max-width: 980px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
.meta div { min-width: 0; }
.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.meta dd { margin: 0; font-weight: 600; }
.meta .hash dd code { font-size: 11.5px; font-weight: 500; word-break: break-all; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 16px 0; }
.kpi { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 8px; padding: 10px 14px; }
.kpi-value { font-size: 28px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.kpi-label { color: var(--muted); font-size: 12.5px; }
nav { position: sticky; top: 0; z-index: 2; display: flex; gap: 4px; padding: 6px; margin: 0 0 16px; background: rgba(246,247,249,0.94); border-bottom: 1px solid var(--line); }
nav a { color: var(--accent); text-decoration: none; padding: 4px 10px; border-radius: 5px; font-weight: 600; }
nav a:hover { background: #e6edf5; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin: 0 0 16px; }
.maps { display: grid; grid-template-columns: 1fr; gap: 14px; }
.maps.two { grid-template-columns: 1fr 1fr; }
@media (max-width: 1000px) { .maps.two { grid-template-columns: 1fr; } }
figure { margin: 0; }
figcaption { font-size: 12.5px; font-weight: 600; color: var(--muted); margin: 0 0 4px; }
.map-fig svg { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
.chart { overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.charts-row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 10px 0 0; font-size: 12.5px; }
.key { display: inline-flex; align-items: center; gap: 5px; }
.note { color: var(--muted); font-size: 12.5px; margin: 8px 0 0; }
.pra { font-size: 15px; }
.tables { display: grid; grid-template-columns: minmax(260px, 1fr) 2fr; gap: 24px; }
@media (max-width: 900px) { .tables { grid-template-columns: 1fr; } }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); background: #fafbfc; }
tbody tr:hover { background: #f3f6fa; }
table.kv td:last-child { text-align: right; font-weight: 600; }
table.threats { font-size: 13px; }
#threats { overflow-x: auto; }
.id { color: var(--muted); font-size: 12px; }
.why { white-space: normal; min-width: 14em; max-width: 40em; }
table.threats th { white-space: normal; vertical-align: bottom; }
.leak { color: #b42318; }
.run-notes { margin: 0; padding-left: 18px; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; color: #fff; font-size: 12px; font-weight: 600; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 20px; }
@media print { nav { display: none; } section, header { break-inside: avoid; border: none; } html { background: #fff; } }
`;

/** Extra CSS of a Monte Carlo report (the answer table, the example heading); single-run reports stay as they were. */
export const MC_REPORT_CSS = `
table.answer th { text-transform: none; letter-spacing: 0; font-size: 13.5px; color: var(--ink); background: none; width: 22em; white-space: normal; }
table.answer td { white-space: normal; }
.ci { color: var(--muted); }
.example-head { margin: 24px 0 8px; padding: 10px 20px; background: #e6edf5; border-radius: 8px; font-size: 18px; }
`;
