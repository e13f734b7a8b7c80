/**
 * The report page's stylesheet. In the editor it follows the VS Code theme through its CSS variables;
 * an exported file has no such variables and falls back to a light or dark palette of its own.
 */
export const REPORT_CSS = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --fg: var(--vscode-editor-foreground, #1f2328);
  --muted: var(--vscode-descriptionForeground, #656d76);
  --border: var(--vscode-panel-border, #d0d7de);
  --panel: var(--vscode-sideBar-background, #f6f8fa);
  --link: var(--vscode-textLink-foreground, #0969da);
  --accent: var(--vscode-focusBorder, #0969da);
  --error: var(--vscode-editorError-foreground, #cf222e);
  --warning: var(--vscode-editorWarning-foreground, #9a6700);
  --info: var(--vscode-editorInfo-foreground, #0969da);
  --hint: var(--vscode-editorHint-foreground, #57606a);
  --box: var(--vscode-editorWidget-background, #ffffff);
  --head: var(--vscode-badge-background, #ddf4ff);
  --head-fg: var(--vscode-badge-foreground, #0a3069);
  --mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
}
@media (prefers-color-scheme: dark) {
  :root:not(.vscode) {
    --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --border: #30363d; --panel: #161b22; --link: #4493f8;
    --accent: #4493f8; --error: #f85149; --warning: #d29922; --info: #4493f8; --hint: #8d96a0; --box: #161b22;
    --head: #1f3a5f; --head-fg: #e6edf3;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 0 20px 40px; background: var(--bg); color: var(--fg);
  font-family: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif); font-size: 13px; line-height: 1.5; }
header { position: sticky; top: 0; z-index: 2; background: var(--bg); border-bottom: 1px solid var(--border); padding: 12px 0 8px; }
h1 { font-size: 18px; margin: 0 0 2px; font-weight: 600; }
h2 { font-size: 15px; margin: 28px 0 10px; font-weight: 600; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.source { color: var(--muted); }
nav { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 6px; }
nav a, a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
.exports { float: right; display: none; gap: 6px; }
.vscode .exports { display: flex; }
button { font: inherit; color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #1f6feb);
  border: none; padding: 3px 10px; border-radius: 2px; cursor: pointer; }
button.secondary { color: var(--fg); background: var(--vscode-button-secondaryBackground, #eaeef2); }
button:focus-visible, .er-node:focus-visible, input:focus-visible { outline: 1px solid var(--accent); outline-offset: 1px; }
.notes { margin: 10px 0 0; padding: 6px 10px; border-left: 3px solid var(--info); background: var(--panel); }
.notes p { margin: 2px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid var(--border); border-radius: 4px; padding: 8px 12px; min-width: 140px; background: var(--panel); }
.card .n { font-size: 20px; font-weight: 600; }
.card .l { color: var(--muted); }
.bar { height: 6px; border-radius: 3px; background: var(--border); margin-top: 6px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.bar.p0 > span { width: 0; } .bar.p10 > span { width: 10%; } .bar.p20 > span { width: 20%; } .bar.p30 > span { width: 30%; }
.bar.p40 > span { width: 40%; } .bar.p50 > span { width: 50%; } .bar.p60 > span { width: 60%; } .bar.p70 > span { width: 70%; }
.bar.p80 > span { width: 80%; } .bar.p90 > span { width: 90%; } .bar.p100 > span { width: 100%; }
table.grid { border-collapse: collapse; margin: 6px 0 10px; }
table.grid th, table.grid td { border: 1px solid var(--border); padding: 3px 8px; text-align: left; vertical-align: top; }
table.grid th { background: var(--panel); font-weight: 600; }
code, .mono { font-family: var(--mono); font-size: 12px; }
.sev { display: inline-block; min-width: 56px; font-weight: 600; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); } .sev-hint { color: var(--hint); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; background: var(--head); color: var(--head-fg); font-size: 11px; margin-left: 4px; }
details { border: 1px solid var(--border); border-radius: 4px; margin: 6px 0; padding: 4px 10px; }
details > summary { cursor: pointer; font-weight: 600; }
details.hidden-by-filter, .hidden-by-filter { display: none; }
ul.findings { list-style: none; padding-left: 0; margin: 6px 0; }
ul.findings li { padding: 2px 0; }
.uncovered { color: var(--warning); font-weight: 600; }
.muted { color: var(--muted); }
.diagram-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-bottom: 6px; }
.diagram-tools input[type=search] { font: inherit; color: var(--fg); background: var(--vscode-input-background, var(--bg));
  border: 1px solid var(--vscode-input-border, var(--border)); padding: 3px 6px; width: 240px; }
.legend { color: var(--muted); margin-left: auto; }
.canvas { border: 1px solid var(--border); border-radius: 4px; height: 70vh; min-height: 320px; overflow: hidden; background: var(--panel); cursor: grab; touch-action: none; }
.canvas.panning { cursor: grabbing; }
svg.er { width: 100%; height: 100%; display: block; user-select: none; }
.er-box { fill: var(--box); stroke: var(--border); stroke-width: 1; }
.er-head { fill: var(--head); }
.er-title { font: 600 12px var(--mono); fill: var(--head-fg); }
.er-row { font: 12px var(--mono); fill: var(--fg); }
.er-keys { fill: var(--accent); font-weight: 600; font-size: 10px; }
.er-null { font-style: italic; }
.er-type, .er-more { fill: var(--muted); }
.er-view .er-box { stroke-dasharray: 4 3; }
.er-flagged .er-box { stroke: var(--warning); stroke-width: 1.5; }
.er-edge { fill: none; stroke: var(--muted); stroke-width: 1.2; }
.er-mark { fill: none; stroke: var(--muted); stroke-width: 1.2; }
.er-hollow { fill: var(--panel); }
.er-group-box { fill: none; stroke: var(--border); stroke-dasharray: 6 4; }
.er-group-label { font: 600 13px var(--mono); fill: var(--muted); }
.er-node { cursor: pointer; }
.dimmed .er-node:not(.lit), .dimmed .er-edge:not(.lit) { opacity: 0.15; }
.er-node.lit .er-box { stroke: var(--accent); stroke-width: 2; }
.er-edge.lit { stroke: var(--accent); stroke-width: 2; }
`;
