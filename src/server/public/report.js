// One report: identity, 表二/表三/表四 laid out as the official formats print them (cells of failed checks
// marked), the checks with both sides, warnings, the source and archived copy, and the versions.
/* global el, getJson, fmtNum, fmtTime, LEVELS, CHECKS, lateness, agencyHref, reportHref, showError */
'use strict';

const id = decodeURIComponent(location.pathname.replace(/^\/reports\//, ''));
const api = `/api/reports/${encodeURIComponent(id)}`;
document.getElementById('json-link').href = api;

const RANK = { FAIL: 2, UNCERTAIN: 1 };

/** table|row|column → the non-passing checks that compared that cell. */
function markedCells(d) {
  const marks = new Map();
  const all = [
    ...d.report.checks.map((c) => ({ id: c.id, status: c.status, column: c.column, left: c.left, right: c.right, detail: c.detail })),
    ...d.cross_year_checks.map((c) => ({ id: c.check_id, status: c.status, column: c.column, left: c.left, right: c.right, detail: c.detail })),
  ];
  for (const c of all) {
    if (!RANK[c.status]) continue;
    for (const [t, r, col] of d.layout.check_cells[c.id] ?? []) {
      const key = [t, r === '$c' ? c.column : r, col === '$c' ? c.column : col].join('|');
      const list = marks.get(key) ?? [];
      list.push(c);
      marks.set(key, list);
    }
  }
  return marks;
}

function cell(marks, table, row, column, value, raw) {
  const key = `${table}|${row}|${column}`;
  const checks = marks.get(key) ?? [];
  const worst = checks.reduce((w, c) => Math.max(w, RANK[c.status]), 0);
  const title = [raw !== null && raw !== undefined && String(raw) !== String(value) ? `印为 printed: ${raw}` : null,
    ...checks.map((c) => `${c.id} ${c.status}: ${fmtNum(c.left)} vs ${fmtNum(c.right)} — ${c.detail}`)].filter(Boolean).join('\n');
  return el('td', {
    class: ['num', worst === 2 ? 'cell-fail' : worst === 1 ? 'cell-uncertain' : null].filter(Boolean).join(' '),
    'data-cell': key, 'data-value': value ?? '', title: title || null,
  }, raw !== null && raw !== undefined && raw !== '' ? String(raw) : fmtNum(value));
}

function t3Table(d, marks) {
  const t3 = d.report.tables.t3;
  const raw = d.report.raw?.t3 ?? {};
  const L = d.layout.t3;
  const fmt = d.report.format;
  // The rows of the report's own form (the server derives them from the format registry), and any row it printed.
  const own = L.format_rows[fmt] ?? L.format_rows[Object.keys(L.format_rows)[0]] ?? L.rows.map((r) => r.key);
  const rows = L.rows.filter((r) => r.key in t3 || own.includes(r.key));
  const col = (k) => L.columns.find((c) => c.key === k).label;
  const head = el('thead', {},
    el('tr', {}, el('th', { colspan: 2, rowspan: 3 }, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), el('th', { colspan: 7 }, '申请人情况')),
    el('tr', {}, el('th', { rowspan: 2 }, col('natural_person')), el('th', { colspan: 5 }, '法人或其他组织'), el('th', { rowspan: 2 }, col('total'))),
    el('tr', {}, L.org_columns.map((c) => el('th', {}, col(c)))));
  const body = el('tbody');
  const grouped = rows.filter((r) => r.group);
  for (const r of rows) {
    const values = L.columns.map((c) => cell(marks, 't3', r.key, c.key, t3[r.key]?.[c.key] ?? null, raw[r.key]?.[c.key]));
    if (!r.group) body.append(el('tr', {}, el('td', { colspan: 2, class: 'label' }, r.label), values));
    else body.append(el('tr', {}, r === grouped[0] ? el('th', { rowspan: grouped.length }, r.group) : null, el('td', { class: 'label' }, r.label), values));
  }
  return el('div', { class: 'scroll' }, el('table', { class: 'official', id: 't3-table' }, head, body));
}

function t4Table(d, marks) {
  const t4 = d.report.tables.t4;
  const raw = d.report.raw?.t4 ?? {};
  const L = d.layout.t4;
  const [rec, direct, after] = L.groups;
  const head = el('thead', {},
    el('tr', {}, el('th', { colspan: 5, rowspan: 2 }, rec.label), el('th', { colspan: 10 }, '行政诉讼')),
    el('tr', {}, el('th', { colspan: 5 }, direct.label.replace(/^行政诉讼\s*/, '')), el('th', { colspan: 5 }, after.label.replace(/^行政诉讼\s*/, ''))),
    el('tr', {}, L.groups.map(() => L.outcomes.map((o) => el('th', {}, o.label)))));
  const body = el('tbody', {}, el('tr', {}, L.groups.map((g) => L.outcomes.map((o) => cell(marks, 't4', g.key, o.key, t4[g.key]?.[o.key] ?? null, raw[g.key]?.[o.key])))));
  return el('div', { class: 'scroll' }, el('table', { class: 'official', id: 't4-table' }, head, body));
}

function t2Table(d, marks) {
  const t2 = d.report.tables.t2;
  const raw = d.report.raw?.t2 ?? {};
  const blocks = d.layout.t2[d.report.format];
  if (!blocks) return el('p', { class: 'muted' }, `表二 of a ${d.report.format} report has no standard layout; the numbers are in reports.jsonl.`);
  // Consecutive blocks with the same columns share one table, as in the printed form.
  const groups = [];
  for (const b of blocks) {
    const sig = b.fields.map((f) => f.key).join(',');
    if (groups.at(-1)?.sig === sig) groups.at(-1).blocks.push(b);
    else groups.push({ sig, blocks: [b] });
  }
  return el('div', {}, groups.map((g) => el('div', { class: 'scroll' }, el('table', { class: 'official' },
    el('thead', {}, el('tr', {}, el('th', {}, '信息内容'), g.blocks[0].fields.map((f) => el('th', {}, f.label)))),
    el('tbody', {}, g.blocks.map((b) => el('tr', {}, el('td', { class: 'label' }, b.label), b.fields.map((f) => cell(marks, 't2', b.key, f.key, t2[b.key]?.[f.key] ?? null, raw[b.key]?.[f.key])))))))));
}

function checkItem(c, other) {
  const diff = c.left !== null && c.right !== null ? c.left - c.right : null;
  return el('li', { class: `check-item status-${c.status}`, 'data-check': c.id, 'data-status': c.status },
    el('span', { class: `check-${c.status}` }, `${c.id} ${CHECKS[c.status] ?? c.status}`),
    c.column ? ` [${c.column}]` : '',
    ': ', c.detail, ' — ',
    el('span', { class: 'sides' }, `左 left ${fmtNum(c.left)} ${c.status === 'PASS' ? '=' : '≠'} 右 right ${fmtNum(c.right)}${diff ? ` (差 difference ${diff > 0 ? '+' : ''}${fmtNum(diff)})` : ''}`),
    other ? el('span', {}, ' · ', other) : null);
}

function render(d) {
  const r = d.report;
  document.title = `${r.title ?? r.report_id} · ogi-harvest`;
  document.getElementById('title').textContent = r.title ?? r.report_id;
  const row = (k, ...v) => [el('dt', {}, k), el('dd', {}, ...v)];
  document.getElementById('identity').replaceChildren(
    ...row('机关 Agency', r.agency ? el('a', { href: agencyHref(d.agency_key), id: 'agency-link' }, r.agency) : '—', r.scope === 'region_aggregate' ? ' （本级政府汇总 region-wide）' : ''),
    ...row('地区 Region', `${d.region_name ?? '—'}${r.region_code ? ` (${r.region_code})` : ''}`),
    ...row('层级 Level', LEVELS[r.admin_level] ?? r.admin_level ?? '—'),
    ...row('年度 Year', String(r.year ?? '—')),
    ...row('格式 Format', r.format),
    ...row('发布日期 Published', r.published_at ?? '—', r.published_at_source ? el('span', { class: 'muted' }, ` (${r.published_at_source})`) : ''),
    ...row('法定期限 Deadline', r.deadline ?? '—', ' · ', el('span', { class: r.days_after_deadline > 0 ? 'status-failed' : '' }, lateness(r.days_after_deadline))),
    ...row('版本 Version', `${r.version} · parser ${r.parser_version} · fetched ${fmtTime(r.fetched_at)}`),
    ...row('标识 Report id', el('code', {}, r.report_id)));

  const marks = markedCells(d);
  const checks = document.getElementById('checks');
  const bad = r.checks.filter((c) => c.status !== 'PASS');
  const counts = Object.entries(r.checks.reduce((m, c) => ({ ...m, [c.status]: (m[c.status] ?? 0) + 1 }), {})).map(([s, n]) => `${n} ${s}`).join(', ');
  checks.replaceChildren(...[
    el('p', {}, `${r.checks.length} checks within the report: ${counts || 'none'}.`),
    bad.length ? el('ul', { class: 'checks', id: 'failed-checks' }, bad.map((c) => checkItem(c))) : el('p', { class: 'check-PASS' }, '全部通过 every assessable check passes'),
    d.cross_year_checks.length ? el('h3', {}, '跨年度 Against the previous year') : null,
    d.cross_year_checks.length ? el('ul', { class: 'checks' }, d.cross_year_checks.map((c) => checkItem({ id: c.check_id, status: c.status, column: c.column, left: c.left, right: c.right, detail: c.detail },
      c.other_report_ids ? el('span', {}, '上年报告 previous: ', ...String(c.other_report_ids).split(',').map((o) => el('a', { href: reportHref(o) }, o, ' '))) : null))) : null,
  ].filter(Boolean));
  if (r.warnings.length) {
    document.getElementById('warnings-box').hidden = false;
    document.getElementById('warnings').replaceChildren(...r.warnings.map((w) => el('li', {}, w)));
  }
  const none = (what) => el('p', { class: 'muted' }, `${what} was not found in this report.`);
  document.getElementById('t2').replaceChildren(r.tables.t2 ? t2Table(d, marks) : none('表二'));
  document.getElementById('t3').replaceChildren(r.tables.t3 ? t3Table(d, marks) : none('表三'));
  document.getElementById('t4').replaceChildren(r.tables.t4 ? t4Table(d, marks) : none('表四'));

  const ext = (url) => (/^https?:\/\//.test(url) ? el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, url) : url);
  document.getElementById('sources').replaceChildren(...[
    el('li', {}, '原文 Source: ', r.url ? ext(r.url) : '—', r.final_url && r.final_url !== r.url ? [' → ', ext(r.final_url)] : null),
    r.found_via ? el('li', {}, '发现于 Found on: ', ext(r.found_via)) : null,
    el('li', {}, '存档正文 Cleaned text: ', d.archive.text ? el('a', { href: d.archive.text, id: 'archived-text' }, '纯文本 text') : 'not on this server'),
    el('li', {}, '存档原页 Archived page: ', d.archive.raw ? el('a', { href: d.archive.raw, id: 'archived-raw' }, r.source_kind === 'html' ? '原网页 page as fetched' : '原文件 file as fetched') : 'not on this server'),
    ...d.archive.attachments.map((a, i) => el('li', {}, `附件 Attachment ${i + 1}: `, ext(a.url), ' · ', a.archived ? el('a', { href: a.archived }, '存档 archived copy') : 'not archived')),
  ].filter(Boolean));

  const v = document.getElementById('versions');
  if (d.versions.length <= 1) {
    v.replaceChildren(el('p', { class: 'muted' }, d.versions.length ? 'One version: unchanged since it was first fetched.' : 'The version history is not on this server.'));
  } else {
    v.replaceChildren(el('div', { class: 'scroll' }, el('table', { id: 'versions-table', class: 'stack' },
      el('thead', {}, el('tr', {}, el('th', {}, '版本'), el('th', {}, '抓取 Fetched'), el('th', {}, '解析器 Parser'), el('th', {}, '变化 What changed'))),
      el('tbody', {}, d.versions.map((x) => el('tr', {},
        el('td', {}, String(x.version), x.in_snapshot ? el('strong', {}, ' (in this snapshot)') : ''),
        el('td', {}, fmtTime(x.fetched_at)), el('td', {}, x.parser_version),
        el('td', {}, !x.changes ? 'first seen' : [
          x.changes.text_changed ? '正文有改动 text changed. ' : '正文未变 same text (re-parsed). ',
          ...x.changes.fields.map((f) => `${f.field}: ${f.from ?? '—'} → ${f.to ?? '—'}. `),
          ...x.changes.cells.map((c) => `${c.table} ${c.row}/${c.column}: ${fmtNum(c.from)} → ${fmtNum(c.to)}. `),
        ])))))));
  }
}

getJson(api).then((d) => {
  render(d);
  document.body.dataset.ready = 'true';
}, (err) => {
  document.getElementById('title').textContent = '未找到 Not found';
  showError(err);
  document.body.dataset.ready = 'true';
});
