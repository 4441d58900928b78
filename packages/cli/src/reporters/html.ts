import { createHash } from 'node:crypto';
import { formatBytes, formatLocator, type FileReport } from '@saring/core';
import { isSensitive, ReportStats, sortedCounts } from './stats.js';
import { NO_FILTERED, type ReportInput } from './types.js';

/** Findings listed per file in the table; the rest are counted. */
const MAX_FINDINGS_LISTED = 50;

/** Escapes text for HTML element content and quoted attributes: file names are attacker-controlled. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d232a;background:#fafbfc}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#5b6670}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:10px 14px;min-width:110px}
.card b{display:block;font-size:22px}.warn{color:#9a3412}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:10px}
.chart text{font-size:12px;fill:#1d232a}.bar{fill:#3b82f6}.bar.sensitive-health{fill:#b91c1c}.bar.personal{fill:#d97706}.bar.public{fill:#16a34a}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;cursor:pointer;user-select:none}th.sorted-asc::after{content:" \\25B2"}th.sorted-desc::after{content:" \\25BC"}
td.num{text-align:right}.label-sensitive-health{color:#b91c1c;font-weight:bold}.label-personal{color:#b45309}
.status-failed,.status-incomplete{color:#9a3412;font-weight:bold}code{font-size:12px}
.controls{margin:8px 0;display:flex;gap:8px}input,select{font:inherit;padding:3px 6px}
ul.findings{margin:4px 0;padding-left:18px}
`;

// Sorting and filtering of the file table; reads only the page itself, never the network.
const SCRIPT = `
(function(){
var table=document.getElementById('files');if(!table)return;
var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
var text=document.getElementById('filter'),label=document.getElementById('label-filter');
function apply(){var q=text.value.toLowerCase(),l=label.value,shown=0;
rows.forEach(function(r){var ok=(!q||r.getAttribute('data-search').indexOf(q)>=0)&&(!l||r.getAttribute('data-label')===l);r.hidden=!ok;if(ok)shown++;});
document.getElementById('shown').textContent=String(shown);}
text.addEventListener('input',apply);label.addEventListener('change',apply);
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){th.addEventListener('click',function(){
var desc=!th.classList.contains('sorted-desc');var numeric=th.getAttribute('data-type')==='number';
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.classList.remove('sorted-asc','sorted-desc');});
th.classList.add(desc?'sorted-desc':'sorted-asc');
rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-sort'),y=b.cells[i].getAttribute('data-sort');
var c=numeric?Number(x)-Number(y):x.localeCompare(y);return desc?-c:c;});
rows.forEach(function(r){body.appendChild(r);});});});
apply();})();
`;

function csp(): string {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  // Nothing may load or leave: no default sources, style and script only by hash, no forms, no base.
  return `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
}

/** A horizontal bar chart in inline SVG (no style attributes: the CSP allows only the hashed sheet). */
function barChart(id: string, title: string, rows: readonly [string, number][], classOf: (key: string) => string = () => ''): string {
  if (rows.length === 0) return `<div class="chart" id="${escapeHtml(id)}"><h3>${escapeHtml(title)}</h3><p class="meta">none</p></div>`;
  const rowHeight = 22;
  const labelWidth = 220;
  const barWidth = 260;
  const max = Math.max(...rows.map(([, n]) => n));
  const bars = rows
    .map(([key, n], i) => {
      const y = i * rowHeight;
      const w = Math.max(1, Math.round((n / max) * barWidth));
      const shown = key.length > 34 ? `…${key.slice(-33)}` : key;
      return `<g data-key="${escapeHtml(key)}" data-value="${n}"><title>${escapeHtml(key)}: ${n}</title><text x="0" y="${y + 15}">${escapeHtml(shown)}</text><rect class="bar ${escapeHtml(classOf(key))}" x="${labelWidth}" y="${y + 4}" width="${w}" height="14"></rect><text x="${labelWidth + w + 6}" y="${y + 15}">${n}</text></g>`;
    })
    .join('');
  const width = labelWidth + barWidth + 60;
  return `<div class="chart" id="${escapeHtml(id)}"><h3>${escapeHtml(title)}</h3><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${rows.length * rowHeight + 4}" role="img" aria-label="${escapeHtml(title)}">${bars}</svg></div>`;
}

function fileRow(file: FileReport): string {
  const label = file.classification?.label ?? '';
  const detectors = sortedCounts(file.countsByDetector);
  const documents = (file.classification?.documents ?? []).map((d) => d.id);
  const listed = file.findings.slice(0, MAX_FINDINGS_LISTED);
  const findings = listed.length
    ? `<details><summary>${file.findingCount} finding${file.findingCount === 1 ? '' : 's'}</summary><ul class="findings">${listed
        .map((f) => `<li><code>${escapeHtml(f.masked)}</code> ${escapeHtml(f.detector)} · ${escapeHtml(f.severity)} · ${escapeHtml(f.confidence)} · ${escapeHtml(formatLocator(f.locator))}</li>`)
        .join('')}${file.findingCount > listed.length ? `<li>… ${file.findingCount - listed.length} more</li>` : ''}</ul></details>`
    : '';
  const reason = file.status === 'scanned' ? '' : `<br><small>${escapeHtml(file.reason ?? '')}: ${escapeHtml(file.reasonMessage ?? '')}</small>`;
  const search = `${file.path} ${file.status} ${label} ${detectors.map(([d]) => d).join(' ')} ${documents.join(' ')}`.toLowerCase();
  return (
    `<tr data-label="${escapeHtml(label)}" data-status="${escapeHtml(file.status)}" data-search="${escapeHtml(search)}">` +
    `<td data-sort="${escapeHtml(file.path)}"><code>${escapeHtml(file.path)}</code>${findings}</td>` +
    `<td data-sort="${escapeHtml(file.status)}" class="status-${escapeHtml(file.status)}">${escapeHtml(file.status)}${reason}</td>` +
    `<td data-sort="${escapeHtml(label)}" class="label-${escapeHtml(label)}">${escapeHtml(label)}</td>` +
    `<td data-sort="${file.classification?.risk ?? 0}" class="num">${file.classification?.risk ?? ''}</td>` +
    `<td data-sort="${file.classification?.people ?? 0}" class="num">${file.classification?.people ?? ''}</td>` +
    `<td data-sort="${file.findingCount}" class="num">${file.findingCount}</td>` +
    `<td data-sort="${escapeHtml(detectors.map(([d]) => d).join(','))}">${detectors.map(([d, n]) => `${escapeHtml(d)}&nbsp;${n}`).join('<br>')}</td>` +
    `<td data-sort="${escapeHtml(documents.join(','))}">${documents.map(escapeHtml).join('<br>')}</td>` +
    `</tr>`
  );
}

/**
 * One self-contained HTML file for a person to read and hand on: inline CSS and JS only (allowed
 * by hash in a restrictive CSP meta tag, so nothing loads or leaves), every string escaped,
 * summary cards, SVG charts of findings by label, detector and folder, and a sortable,
 * filterable table of the files that need attention (with findings or not fully read). Pure.
 */
export function htmlReport(input: ReportInput): string {
  const s = input.summary;
  const stats = ReportStats.of(input.files);
  const filtered = input.filtered ?? NO_FILTERED;
  const attention = input.files.filter((f) => isSensitive(f) || f.status !== 'scanned');
  const card = (id: string, title: string, value: number | string, warn = false) =>
    `<div class="card${warn ? ' warn' : ''}" id="${id}"><b data-value="${escapeHtml(value)}">${escapeHtml(value)}</b>${escapeHtml(title)}</div>`;
  const labels = sortedCounts(stats.findingsByLabel);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Saring report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Saring report</h1>
<p class="meta">saring ${escapeHtml(input.version)}${input.startedAt ? ` · started ${escapeHtml(input.startedAt)}` : ''} · read ${escapeHtml(formatBytes(s.bytesRead))} in ${escapeHtml((s.durationMs / 1000).toFixed(1))} s${s.aborted ? ' · <b class="warn">stopped before the end</b>' : ''}. Values are masked.</p>
<div class="cards">
${card('files-seen', 'files seen', s.filesSeen)}
${card('files-scanned', 'scanned', s.scanned)}
${card('files-skipped', 'skipped', s.skipped)}
${card('files-failed', 'failed', s.failed, s.failed > 0)}
${card('files-incomplete', 'incomplete', s.incomplete, s.incomplete > 0)}
${card('files-with-findings', 'files with findings', s.filesWithFindings)}
${card('files-sensitive-health', 'sensitive health files', s.filesByLabel['sensitive-health'], s.filesByLabel['sensitive-health'] > 0)}
${card('findings', 'findings', s.findings)}
${card('not-reported', 'baselined / suppressed / allowed', `${filtered.baselined} / ${filtered.suppressed} / ${filtered.allowed}`)}
${input.reused ? card('reused', 'unchanged, not re-read', input.reused) : ''}
</div>
${s.incomplete + s.failed > 0 ? '<p class="warn">Some files could not be fully read: they are not reported clean. See their status in the table.</p>' : ''}
<h2>Charts</h2>
<div class="charts">
${barChart('chart-label', 'Findings by label', labels, (key) => key)}
${barChart('chart-detector', 'Findings by detector', sortedCounts(s.findingsByDetector))}
${barChart('chart-folder', 'Top folders by sensitive files', stats.topFolders())}
${barChart('chart-document', 'Files by document class', sortedCounts(s.filesByDocumentClass))}
</div>
<h2>Files needing attention (<span id="shown">${attention.length}</span> of ${attention.length})</h2>
<div class="controls"><input id="filter" type="search" placeholder="filter by path, detector, document…" aria-label="filter">
<select id="label-filter" aria-label="label"><option value="">any label</option><option value="sensitive-health">sensitive-health</option><option value="personal">personal</option><option value="public">public</option></select></div>
<table id="files">
<thead><tr><th>path</th><th>status</th><th>label</th><th data-type="number">risk</th><th data-type="number">people</th><th data-type="number">findings</th><th>detectors</th><th>documents</th></tr></thead>
<tbody>
${attention.map(fileRow).join('\n')}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
