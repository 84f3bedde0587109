/**
 * The audit as one self-contained HTML file: no network, no CDN. The service graph is laid out in the
 * browser by @dagrejs/dagre (inlined) and drawn as SVG, coloured by lifetime and issues; every table
 * sorts by clicking its header.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AuditReport } from './analyze.js';
import { configureSnippet, type ValidatedProposal } from './proposal.js';

const require = createRequire(import.meta.url);

function dagreSource(): string {
  // The package's `exports` map only exposes its CommonJS/ESM entries; the browser build sits next to them.
  const file = path.join(path.dirname(require.resolve('@dagrejs/dagre')), 'dagre.min.js');
  // The source map is not shipped inline; drop its comment so the browser does not look for it.
  return readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON or script text that cannot close its `<script>` element. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function table(id: string, headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const head = headers.map((header) => `<th scope="col" tabindex="0">${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => (typeof cell === 'number' ? `<td class="num">${String(cell)}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="${id}" class="sortable"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
:root { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.summary div { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
.summary b { display: block; font-size: 20px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.none { color: #59636e; }
#graph { border: 1px solid #d0d7de; border-radius: 6px; overflow: auto; background: #fbfbfc; }
#graph svg { display: block; }
.node rect { stroke-width: 1.5; }
.node text { font: 12px system-ui, sans-serif; dominant-baseline: middle; text-anchor: middle; }
.node.service.scoped rect { fill: #ddf4ff; stroke: #0969da; }
.node.service.singleton rect { fill: #fbefff; stroke: #8250df; }
.node.service.global rect { fill: #dafbe1; stroke: #1a7f37; }
.node.service.has-issues rect { stroke: #cf222e; stroke-width: 3; }
.node.factory rect { fill: #fff8c5; stroke: #9a6700; }
.node.module rect { fill: #fff; stroke: #818b98; }
.edge path { fill: none; stroke: #818b98; stroke-width: 1.2; }
.edge.outside path { stroke: #cf222e; stroke-dasharray: 5 3; }
.edge.imports path { stroke-dasharray: 2 3; }
.legend { display: flex; gap: 16px; font-size: 12px; margin: 6px 0; flex-wrap: wrap; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; border: 2px solid; }
.legend .scoped::before { background: #ddf4ff; border-color: #0969da; } .legend .singleton::before { background: #fbefff; border-color: #8250df; }
.legend .global::before { background: #dafbe1; border-color: #1a7f37; } .legend .issues::before { background: #fff; border-color: #cf222e; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; }
`;

/** Runs in the page: lays out the graph with dagre, draws it as SVG, makes tables sortable. */
const CLIENT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('audit-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    for (var key in attributes) node.setAttribute(key, String(attributes[key]));
    if (parent) parent.appendChild(node);
    return node;
  }
  function drawGraph() {
    var container = document.getElementById('graph');
    if (data.usage.length === 0) { container.textContent = 'No service candidates found.'; return; }
    var g = new dagre.graphlib.Graph({ multigraph: false });
    g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 16, marginy: 16 });
    g.setDefaultEdgeLabel(function () { return {}; });
    function addNode(id, label, kind) {
      if (!g.hasNode(id)) g.setNode(id, { label: label, kind: kind, width: Math.max(80, label.length * 7 + 24), height: 34 });
      return id;
    }
    data.usage.forEach(function (usage, index) {
      var service = addNode('s' + index, usage.service, 'node service ' + (usage.global ? 'global' : usage.lifetime) + (usage.issues > 0 ? ' has-issues' : ''));
      var factory = service;
      if (usage.factory) {
        factory = addNode('f:' + usage.factoryModule + ':' + usage.factory, usage.factory + '()', 'node factory');
        g.setEdge(service, factory, { kind: 'edge' });
      }
      usage.constructedIn.forEach(function (entry) {
        var file = addNode('m:' + entry.file, entry.file, 'node module');
        if (file !== factory) g.setEdge(factory, file, { kind: entry.outside ? 'edge outside' : 'edge' });
      });
      usage.importedBy.forEach(function (importer) {
        var file = addNode('m:' + importer, importer, 'node module');
        if (!g.hasEdge(file, service) && !g.hasEdge(service, file) && !g.hasEdge(factory, file)) g.setEdge(file, service, { kind: 'edge imports' });
      });
    });
    dagre.layout(g);
    var size = g.graph();
    var svg = el('svg', { width: Math.ceil(size.width), height: Math.ceil(size.height), viewBox: '0 0 ' + Math.ceil(size.width) + ' ' + Math.ceil(size.height), role: 'img', 'aria-label': 'Service graph' }, null);
    var defs = el('defs', {}, svg);
    var marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#818b98' }, marker);
    g.edges().forEach(function (e) {
      var edge = g.edge(e);
      var group = el('g', { 'class': edge.kind }, svg);
      var d = edge.points.map(function (p, i) { return (i === 0 ? 'M' : 'L') + p.x.toFixed(1) + ',' + p.y.toFixed(1); }).join(' ');
      el('path', { d: d, 'marker-end': 'url(#arrow)' }, group);
    });
    g.nodes().forEach(function (id) {
      var node = g.node(id);
      var group = el('g', { 'class': node.kind, 'data-id': id, transform: 'translate(' + (node.x - node.width / 2).toFixed(1) + ',' + (node.y - node.height / 2).toFixed(1) + ')' }, svg);
      el('rect', { width: node.width, height: node.height, rx: node.kind.indexOf('service') >= 0 ? 10 : 3 }, group);
      var text = el('text', { x: node.width / 2, y: node.height / 2 }, group);
      text.textContent = node.label;
      el('title', {}, group).textContent = node.label;
    });
    container.appendChild(svg);
  }
  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent : '';
    return cell && cell.classList.contains('num') ? Number(text) : text;
  }
  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      function sort() {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); } });
    });
  }
  drawGraph();
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
})();
`;

export function formatHtml(report: AuditReport, proposal: ValidatedProposal): string {
  const tile = (label: string, value: number) => `<div><b>${String(value)}</b>${escapeHtml(label)}</div>`;
  const sections = [
    '<h2>Module-level instances</h2>',
    table(
      'singletons',
      ['File', 'Line', 'Class', 'Shape', 'Kept in'],
      report.singletons.map((s) => [s.file, s.line, s.class, s.shape, s.target ?? '']),
    ),
    '<h2>Names defined in several modules</h2>',
    table(
      'duplicates',
      ['Name', 'Kind', 'Modules', 'Definitions (importers)'],
      report.duplicates.map((d) => [
        d.name,
        d.kind,
        d.definitions.length,
        d.definitions.map((def) => `${def.file}:${String(def.line)} (${String(def.importers)})`).join(', '),
      ]),
    ),
    '<h2>Constructions</h2>',
    table(
      'constructions',
      ['Class', 'Module', 'Sites', 'Where'],
      report.constructions.map((c) => [
        c.class,
        c.global === true ? '(global)' : (c.module ?? ''),
        c.sites.length,
        c.sites.map((site) => `${site.file}:${String(site.line)}`).join(', '),
      ]),
    ),
    '<h2>Factory candidates</h2>',
    table(
      'factories',
      ['Factory', 'Module', 'Line', 'Class', 'Keeps in', 'Exported'],
      report.factories.map((f) => [`${f.name}()`, f.module, f.line, f.class, f.keeps, f.exported ? 'yes' : 'no']),
    ),
    '<h2>Definitions exported by several modules</h2>',
    table(
      'entries',
      ['Name', 'Defined in', 'Exported by'],
      report.entries.map((e) => [
        e.name,
        `${e.definition.file}:${String(e.definition.line)}`,
        e.modules.map((m) => m.file).join(', '),
      ]),
    ),
    '<h2>Violations</h2>',
    table(
      'violations',
      ['File', 'Line', 'Column', 'Rule', 'Message'],
      report.violations.map((v) => [v.file, v.line, v.column, v.rule, v.message]),
    ),
    ...(report.services.length === 0
      ? []
      : [
          '<h2>Registered services</h2>',
          table(
            'registered',
            ['Service', 'Violations'],
            report.services.map((service) => [service.name, service.violations]),
          ),
        ]),
    '<h2>Proposed settings</h2>',
    `<pre><code>${escapeHtml(configureSnippet(proposal.settings))}</code></pre>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>eslint-plugin-ssot audit: ${escapeHtml(report.root)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>eslint-plugin-ssot audit</h1>
<p>${escapeHtml(report.root)} · eslint-plugin-ssot ${escapeHtml(report.version)}</p>
<div class="summary">${tile('files', report.files)}${tile('services proposed', report.usage.length)}${tile('module-level instances', report.singletons.length)}${tile('duplicated names', report.duplicates.length)}${tile('violations', report.violations.length)}</div>
<h2>Service graph</h2>
<div class="legend"><span class="scoped">scoped</span><span class="singleton">singleton</span><span class="global">global</span><span class="issues">has issues (red dashed: constructed outside)</span></div>
<div id="graph"></div>
${sections.join('\n')}
<script type="application/json" id="audit-data">${JSON.stringify({ usage: report.usage }).replace(/</g, '\\u003c')}</script>
<script>${scriptSafe(dagreSource())}</script>
<script>${scriptSafe(CLIENT)}</script>
</body>
</html>
`;
}
