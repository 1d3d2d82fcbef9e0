// One agency over the years: 表三/表四 totals side by side with the change from the year before, and the
// cross-year checks.
/* global el, getJson, fmtNum, LEVELS, CHECKS, reportHref, showError */
'use strict';

const key = decodeURIComponent(location.pathname.replace(/^\/agencies\//, ''));
const api = `/api/agencies/${encodeURIComponent(key)}`;
document.getElementById('json-link').href = api;

function change(v) {
  if (v === null || v === undefined) return null;
  if (v === 0) return el('span', { class: 'change muted' }, '±0');
  return el('span', { class: `change ${v > 0 ? 'up' : 'down'}` }, `${v > 0 ? '▲ +' : '▼ −'}${fmtNum(Math.abs(v))}`);
}

function render(a) {
  document.title = `${a.agency} · ogi-harvest`;
  document.getElementById('title').textContent = a.agency;
  document.getElementById('where').textContent = [a.region_name, a.region_code && `(${a.region_code})`, LEVELS[a.admin_level] ?? a.admin_level, `${a.reports.length} reports`].filter(Boolean).join(' · ');
  const years = a.reports;
  const table = document.getElementById('timeline');
  table.replaceChildren(
    el('thead', {}, el('tr', {}, el('th', {}, ''), years.map((r) => el('th', { class: 'num', scope: 'col' }, el('a', { href: reportHref(r.report_id) }, `${r.year ?? '—'}`), el('span', { class: 'change muted' }, `${r.format}${r.scope === 'region_aggregate' ? ' 汇总' : ''}`))))),
    el('tbody', {},
      a.metrics.map((m) => el('tr', { 'data-metric': m.key }, el('th', { scope: 'row' }, m.label), years.map((r) => el('td', { class: 'num', 'data-year': r.year }, fmtNum(r.values[m.key]), change(r.change[m.key]))))),
      el('tr', {}, el('th', { scope: 'row' }, '勾稽 checks'), years.map((r) => el('td', { class: `num check-${r.checks_status}` }, CHECKS[r.checks_status] ?? r.checks_status))),
      el('tr', {}, el('th', { scope: 'row' }, '发布 published'), years.map((r) => el('td', { class: 'num' }, r.published_at ?? '—', r.days_after_deadline > 0 ? el('span', { class: 'change down' }, `逾期 ${r.days_after_deadline} 天`) : null)))));
  const byId = new Map(a.reports.map((r) => [r.report_id, r]));
  document.querySelector('#cross-year tbody').replaceChildren(...a.cross_year_checks.map((c) => el('tr', { 'data-status': c.status },
    el('td', {}, el('a', { href: reportHref(c.report_id) }, String(byId.get(c.report_id)?.year ?? c.report_id))),
    el('td', {}, c.check_id), el('td', {}, c.column ?? ''),
    el('td', { class: `check-${c.status}` }, CHECKS[c.status] ?? c.status),
    el('td', { class: 'num' }, fmtNum(c.left)), el('td', { class: 'num' }, fmtNum(c.right)), el('td', {}, c.detail))));
  if (!a.cross_year_checks.length) document.querySelector('#cross-year tbody').append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No two consecutive years to compare.')));
}

getJson(api).then((a) => {
  render(a);
  document.body.dataset.ready = 'true';
}, (err) => {
  document.getElementById('title').textContent = '未找到 Not found';
  showError(err);
  document.body.dataset.ready = 'true';
});
