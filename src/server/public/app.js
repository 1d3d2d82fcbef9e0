// The dataset page: search, downloads with checksums, license and citation, coverage and charts (chart.js,
// served locally), crawl status. No framework, no network beyond this server.
/* global Chart, el, getJson, fmtNum, fmtBytes, fmtTime, LEVELS, CHECKS, lateness, reportHref, agencyHref, showError, copyText */
'use strict';

const charts = {};
const PALETTE = ['#c8102e', '#0969da', '#1a7f37', '#9a6700', '#8250df', '#59636e', '#bc4c00', '#1b7c83'];

/** A chart and, under it, the same numbers as a table (the chart's text alternative). */
function draw(id, config, table) {
  charts[id]?.destroy();
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  const canvas = document.getElementById(id);
  charts[id] = new Chart(canvas, config);
  const figure = canvas.closest('figure');
  figure.querySelector('details')?.remove();
  const [head, rows] = table;
  figure.append(el('details', {}, el('summary', {}, '数据表 Data table'),
    el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, head.map((h, i) => el('th', i ? { class: 'num' } : {}, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => el('td', i ? { class: 'num' } : {}, typeof c === 'number' ? fmtNum(c) : c ?? '—')))))))));
}

const seriesTable = (labels, series) => [['', ...series.map((s) => s.label)], labels.map((l, i) => [l, ...series.map((s) => s.values[i])])];

async function showCharts(id) {
  const d = await getJson(`/api/snapshots/${encodeURIComponent(id)}/charts`);
  document.getElementById('charts-of').textContent = `— snapshot ${id}`;
  for (const tr of document.querySelectorAll('#snapshots tbody tr')) tr.classList.toggle('selected', tr.dataset.id === id);
  const yf = d.formats.map((f) => ({ label: f, values: d.by_year_format[f] }));
  draw('chart-year-format', {
    type: 'bar',
    data: { labels: d.years, datasets: yf.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  }, seriesTable(d.years, yf));
  draw('chart-admin-level', {
    type: 'bar',
    data: { labels: d.admin_levels.map((a) => a.level), datasets: [{ label: 'reports', data: d.admin_levels.map((a) => a.reports), backgroundColor: PALETTE[1] }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  }, [['层级 level', '报告 reports'], d.admin_levels.map((a) => [LEVELS[a.level] ?? a.level, a.reports])]);
  draw('chart-province', {
    type: 'bar',
    data: { labels: d.provinces.map((p) => p.name), datasets: [{ label: 'reports', data: d.provinces.map((p) => p.reports), backgroundColor: PALETTE[2] }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
  }, [['省份 province', '报告 reports'], d.provinces.map((p) => [p.name, p.reports])]);
  draw('chart-checks', {
    type: 'bar',
    data: { labels: d.checks.map((c) => c.id), datasets: [{ label: '% of assessed reports failing', data: d.checks.map((c) => (c.share_fail === null ? null : +(c.share_fail * 100).toFixed(1))), backgroundColor: PALETTE[0] }] },
    options: {
      plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: (ctx) => `${d.checks[ctx.dataIndex].reports_fail} of ${d.checks[ctx.dataIndex].reports_assessed} reports` } } },
      scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
    },
  }, [['勾稽 check', '不通过 failing', '可判断 assessed', '%'], d.checks.map((c) => [c.id, c.reports_fail, c.reports_assessed, c.share_fail === null ? '—' : `${(c.share_fail * 100).toFixed(1)} %`])]);
  draw('chart-outcomes', {
    type: 'bar',
    data: { labels: d.outcomes.years, datasets: d.outcomes.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  }, seriesTable(d.outcomes.years, d.outcomes.series));
  draw('chart-timeliness', {
    type: 'bar',
    data: { labels: d.timeliness.years, datasets: d.timeliness.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: [PALETTE[2], PALETTE[0], PALETTE[5]][i] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  }, seriesTable(d.timeliness.years, d.timeliness.series));
  document.body.dataset.chartsFor = id;
}

function showLicense(m) {
  const box = document.getElementById('license');
  box.replaceChildren();
  const text = (v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? (v.name ?? v.id ?? v.text ?? JSON.stringify(v)) : null);
  const lic = m.license;
  if (lic) {
    const url = typeof lic === 'object' ? lic.url : null;
    box.append(el('p', {}, '许可 License: ', url && /^https?:\/\//.test(url) ? el('a', { href: url, rel: 'noopener noreferrer' }, text(lic)) : text(lic)));
  } else {
    box.append(el('p', { class: 'muted' }, '许可 License: not stated in this snapshot\'s manifest.'));
  }
  const cite = text(m.citation) ?? `ogi-harvest: 政府信息公开工作年度报告 数据集 (Chinese government information-disclosure annual reports), snapshot ${m.id}, ${m.created_at.slice(0, 10)}. ${location.origin}/snapshots/${m.id}/`;
  const btn = el('button', { type: 'button' }, '复制 Copy');
  btn.addEventListener('click', () => copyText(cite, btn));
  box.append(el('p', {}, '引用 Cite as: '), el('blockquote', { id: 'citation' }, cite, ' ', btn));
  if (!m.citation) box.append(el('p', { class: 'muted' }, 'The manifest gives no citation; this one is made from the snapshot id and date.'));
}

function showFiles(m) {
  document.getElementById('latest-id').textContent = `— snapshot ${m.id}`;
  const tbody = document.querySelector('#files tbody');
  tbody.replaceChildren();
  for (const [name, f] of Object.entries(m.files)) {
    const btn = el('button', { type: 'button', 'aria-label': `copy the SHA-256 of ${name}` }, '复制 Copy');
    btn.addEventListener('click', () => copyText(f.sha256, btn));
    tbody.append(el('tr', {},
      el('td', {}, el('a', { href: `/snapshots/latest/${encodeURIComponent(name)}`, download: '' }, name)),
      el('td', { class: 'num' }, fmtBytes(f.bytes)),
      el('td', {}, el('code', { class: 'sha' }, f.sha256), ' ', btn)));
  }
}

async function showSnapshots() {
  const all = await getJson('/api/snapshots');
  const list = all.filter((s) => !s.broken);
  const tbody = document.querySelector('#snapshots tbody');
  tbody.replaceChildren();
  document.getElementById('snapshots-empty').hidden = list.length > 0;
  for (const s of all) {
    if (s.broken) {
      tbody.append(el('tr', {}, el('td', {}, el('code', {}, s.id)), el('td', { class: 'status-failed' }, `broken: ${s.error}`), el('td'), el('td'), el('td'), el('td')));
      continue;
    }
    const files = el('td', { class: 'files' });
    for (const [name, f] of Object.entries(s.files)) files.append(el('a', { href: f.url, download: '' }, name), ' ', el('span', { class: 'muted' }, fmtBytes(f.bytes)), ' ');
    const btn = el('button', { type: 'button' }, '图表 Charts');
    btn.addEventListener('click', () => showCharts(s.id).catch(showError));
    const tr = el('tr', {},
      el('td', {}, el('code', {}, s.id)),
      el('td', {}, fmtTime(s.created_at)),
      el('td', { class: 'num' }, fmtNum(s.counts.reports)),
      el('td', {}, `${s.schema_version} / ${s.parser_version}`),
      files,
      el('td', {}, btn));
    tr.dataset.id = s.id;
    tbody.append(tr);
  }
  document.body.dataset.snapshots = String(list.length);
  const asOf = document.getElementById('as-of');
  if (!list.length) {
    asOf.textContent = '尚无数据快照 · No snapshot has been published yet.';
    return;
  }
  const m = await getJson('/api/snapshots/latest');
  asOf.replaceChildren(el('strong', {}, `数据截至 ${fmtTime(m.created_at)}`), ` · data as of ${fmtTime(m.created_at)}: ${fmtNum(m.counts.reports)} reports from ${fmtNum(m.portals?.length ?? 0)} portals (snapshot `, el('code', {}, m.id), ')');
  showFiles(m);
  showLicense(m);
  await Promise.all([showCharts(list[0].id), showCoverage()]);
}

async function showCoverage() {
  const c = await getJson('/api/coverage');
  const tbody = document.querySelector('#coverage-table tbody');
  tbody.replaceChildren(...c.provinces.map((p) => el('tr', {},
    el('td', {}, p.code ? el('a', { href: `/search?region=${p.code}#search` }, p.name) : p.name),
    el('td', { class: 'num' }, fmtNum(p.reports)), el('td', { class: 'num' }, fmtNum(p.agencies)), el('td', { class: 'num' }, fmtNum(p.portals)))));
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
      el('td', { class: `status-${p.status}`, title: p.error ?? '' }, p.status, p.error ? el('span', { class: 'muted' }, ` — ${p.error}`) : null),
      el('td', { class: 'num' }, p.reports_found ?? '—'),
      el('td', { class: 'num' }, p.pages_fetched ?? '—'),
      el('td', {}, fmtTime(p.finished_at)),
      el('td', {}, el('code', {}, p.run_id))));
  }
}

// ---- search ----

const FIELDS = ['q', 'region', 'level', 'year', 'format', 'check'];
const form = document.getElementById('search-form');

function currentQuery() {
  const p = new URLSearchParams(location.search);
  const q = {};
  for (const f of [...FIELDS, 'page']) if (p.get(f)) q[f] = p.get(f);
  return q;
}

function fillSelect(id, facet, selected, labels = {}) {
  const s = document.getElementById(id);
  const values = facet.map((f) => f.value).filter(Boolean);
  if (selected && !values.includes(selected)) values.unshift(selected);
  s.replaceChildren(el('option', { value: '' }, '全部 any'), ...values.map((v) => {
    const f = facet.find((x) => x.value === v);
    return el('option', { value: v, selected: v === selected }, `${labels[v] ?? v}${f ? ` (${fmtNum(f.count)})` : ''}`);
  }));
}

async function search(q) {
  const params = new URLSearchParams(q);
  const r = await getJson(`/api/reports?${params}`);
  document.getElementById('q').value = q.q ?? '';
  document.getElementById('f-region').value = q.region ?? '';
  fillSelect('f-level', r.facets.admin_level, q.level, LEVELS);
  fillSelect('f-year', r.facets.year, q.year);
  fillSelect('f-format', r.facets.format, q.format);
  fillSelect('f-check', r.facets.checks_status, q.check, CHECKS);

  // Region: the chosen path (each step widens again) and the next level down to narrow to.
  const pathBox = document.getElementById('region-path');
  pathBox.replaceChildren();
  if (r.region) {
    const code = r.region.code;
    const steps = [2, 4, 6].filter((n) => n < code.length).map((n) => code.slice(0, n));
    const link = (region, label) => el('a', { href: `/search?${new URLSearchParams({ ...q, region, page: '' })}#search` }, label);
    pathBox.append(link('', '全国 all'), ...steps.map((s) => link(s, s)), el('strong', {}, `${r.region.path ?? code} (${code})`));
  }
  const facetBox = document.getElementById('region-facet');
  facetBox.replaceChildren(...r.facets.region.filter((f) => f.value && f.value !== q.region).map((f) => {
    const b = el('button', { type: 'button', 'data-region': f.value }, f.label, el('span', { class: 'count' }, fmtNum(f.count)));
    b.addEventListener('click', () => go({ ...q, region: f.value, page: undefined }));
    return b;
  }));

  document.getElementById('result-count').textContent = `${fmtNum(r.total)} 份报告 reports${r.total ? ` · 第 ${r.page} / ${r.pages} 页` : ''}`;
  document.getElementById('results').replaceChildren(...r.results.map((x) => el('li', { 'data-report': x.report_id },
    el('div', { class: 'title' }, el('a', { href: reportHref(x.report_id) }, x.title ?? x.report_id)),
    el('div', { class: 'meta' },
      x.agency ? el('a', { href: agencyHref(x.agency_key) }, x.agency) : null,
      el('span', {}, x.region_name ?? x.region_code ?? '地区不详'),
      el('span', {}, `${x.year ?? '—'} 年度`),
      el('span', {}, LEVELS[x.admin_level] ?? x.admin_level ?? ''),
      el('span', {}, `格式 ${x.format}`),
      el('span', { class: `check-${x.checks_status}` }, `勾稽 ${CHECKS[x.checks_status] ?? x.checks_status}${x.checks_fail ? ` (${x.checks_fail})` : ''}`),
      el('span', {}, `发布 ${x.published_at ?? '—'}`)))));
  const pager = document.getElementById('pager');
  pager.replaceChildren();
  const page = (n, label) => {
    const b = el('button', { type: 'button', disabled: n < 1 || n > r.pages || n === r.page }, label);
    b.addEventListener('click', () => go({ ...q, page: String(n) }));
    return b;
  };
  if (r.pages > 1) pager.append(page(r.page - 1, '‹ 上一页 previous'), el('span', {}, `${r.page} / ${r.pages}`), page(r.page + 1, '下一页 next ›'));
  document.body.dataset.searched = String(r.total);
}

function go(q) {
  const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));
  history.pushState(null, '', `/search?${new URLSearchParams(clean)}#search`);
  return search(clean).catch(showError);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = {};
  for (const f of FIELDS) {
    const v = new FormData(form).get(f);
    if (v) q[f] = String(v).trim();
  }
  go(q);
});
for (const id of ['f-level', 'f-year', 'f-format', 'f-check']) document.getElementById(id).addEventListener('change', () => form.requestSubmit());
window.addEventListener('popstate', () => search(currentQuery()).catch(showError));

Promise.all([showSnapshots(), showCrawl(), search(currentQuery()).catch((e) => { document.getElementById('result-count').textContent = e.message; })]).then(() => {
  document.body.dataset.ready = 'true';
}, showError);
