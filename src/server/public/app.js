// The page's script: fetches the JSON endpoints and draws with chart.js (served locally). No framework, no network.
/* global Chart */
'use strict';

const charts = {};
const fmtBytes = (n) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} kB` : `${n} B`);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
};
const PALETTE = ['#c8102e', '#0969da', '#1a7f37', '#9a6700', '#8250df', '#59636e', '#bc4c00', '#1b7c83'];

async function getJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function draw(id, config) {
  charts[id]?.destroy();
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  charts[id] = new Chart(document.getElementById(id), config);
}

async function showCharts(id) {
  const d = await getJson(`/api/snapshots/${encodeURIComponent(id)}/charts`);
  document.getElementById('charts-of').textContent = `— snapshot ${id}`;
  for (const tr of document.querySelectorAll('#snapshots tbody tr')) tr.classList.toggle('selected', tr.dataset.id === id);
  draw('chart-year-format', {
    type: 'bar',
    data: { labels: d.years, datasets: d.formats.map((f, i) => ({ label: f, data: d.by_year_format[f], backgroundColor: PALETTE[i % PALETTE.length] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  draw('chart-admin-level', {
    type: 'bar',
    data: { labels: d.admin_levels.map((a) => a.level), datasets: [{ label: 'reports', data: d.admin_levels.map((a) => a.reports), backgroundColor: PALETTE[1] }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
  draw('chart-province', {
    type: 'bar',
    data: { labels: d.provinces.map((p) => `${p.name} ${p.code === 'unknown' ? '' : p.code}`.trim()), datasets: [{ label: 'reports', data: d.provinces.map((p) => p.reports), backgroundColor: PALETTE[2] }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
  });
  draw('chart-checks', {
    type: 'bar',
    data: { labels: d.checks.map((c) => c.id), datasets: [{ label: '% of assessed reports failing', data: d.checks.map((c) => (c.share_fail === null ? null : +(c.share_fail * 100).toFixed(1))), backgroundColor: PALETTE[0] }] },
    options: {
      plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: (ctx) => `${d.checks[ctx.dataIndex].reports_fail} of ${d.checks[ctx.dataIndex].reports_assessed} reports` } } },
      scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
    },
  });
  draw('chart-outcomes', {
    type: 'bar',
    data: { labels: d.outcomes.years, datasets: d.outcomes.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  draw('chart-timeliness', {
    type: 'bar',
    data: { labels: d.timeliness.years, datasets: d.timeliness.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: [PALETTE[2], PALETTE[0], PALETTE[5]][i] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  document.body.dataset.chartsFor = id;
}

async function showSnapshots() {
  const all = await getJson('/api/snapshots');
  const list = all.filter((s) => !s.broken);
  const tbody = document.querySelector('#snapshots tbody');
  tbody.replaceChildren();
  document.getElementById('snapshots-empty').hidden = list.length > 0;
  for (const s of list) {
    const files = el('td', { class: 'files' });
    for (const [name, f] of Object.entries(s.files)) {
      files.append(el('a', { href: f.url, download: '', title: `sha256 ${f.sha256}` }, name, ' ', el('span', {}, fmtBytes(f.bytes))));
    }
    files.append(el('a', { href: `/snapshots/${encodeURIComponent(s.id)}/manifest.json`, download: '' }, 'manifest.json'));
    const btn = el('button', { type: 'button' }, 'Charts');
    btn.addEventListener('click', () => showCharts(s.id).catch(showError));
    const tr = el('tr', {},
      el('td', {}, el('code', {}, s.id)),
      el('td', {}, s.created_at.replace('T', ' ').replace(/\.\d+Z$/, '')),
      el('td', { class: 'num' }, s.counts.reports.toLocaleString()),
      el('td', { class: 'num' }, s.counts.cells.toLocaleString()),
      el('td', {}, `${s.schema_version} / ${s.parser_version}`),
      files,
      el('td', {}, btn));
    tr.dataset.id = s.id;
    tbody.append(tr);
  }
  document.body.dataset.snapshots = String(list.length);
  if (list.length) await showCharts(list[0].id);
}

async function showCrawl() {
  const c = await getJson('/api/crawl-status');
  const tbody = document.querySelector('#crawl tbody');
  tbody.replaceChildren();
  document.getElementById('crawl-empty').hidden = c.portals.length > 0;
  if (c.latest_run) document.getElementById('crawl-run').textContent = `— latest run ${c.latest_run.run_id}`;
  for (const p of c.portals) {
    tbody.append(el('tr', {},
      el('td', {}, p.portal_id),
      el('td', { class: `status-${p.status}`, title: p.error ?? '' }, p.status),
      el('td', { class: 'num' }, p.reports_found ?? '—'),
      el('td', { class: 'num' }, p.pages_fetched ?? '—'),
      el('td', {}, (p.finished_at ?? '—').replace('T', ' ').replace(/\.\d+Z$/, '')),
      el('td', {}, el('code', {}, p.run_id))));
  }
}

function showError(err) {
  const p = el('p', { class: 'status-failed', role: 'alert' }, `Could not load data: ${err.message}`);
  document.querySelector('header').append(p);
}

Promise.all([showSnapshots(), showCrawl()]).then(() => {
  document.body.dataset.ready = 'true';
}, showError);
