// Shared helpers of the pages: DOM building (text only, never HTML strings), JSON fetches, number formats.
'use strict';

/** An element with attributes and children; null and undefined children are skipped. */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function getJson(url) {
  const res = await fetch(url);
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new Error(body?.error ? `${body.error} (HTTP ${res.status})` : `${url}: HTTP ${res.status}`);
  return body;
}

const fmtNum = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('zh-CN'));
const fmtBytes = (n) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} kB` : `${n} B`);
const fmtTime = (s) => (s ? s.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC') : '—');
const LEVELS = { central: '中央 central', province: '省级 province', prefecture: '市级 prefecture', county: '县级 county', township: '乡镇 township' };
const CHECKS = { PASS: '通过 pass', FAIL: '不通过 fail', UNCERTAIN: '不确定 uncertain', NOT_ASSESSABLE: '无法判断 not assessable' };

/** "逾期 5 天 · 5 days late" and friends; null when the date is unknown. */
function lateness(days) {
  if (days === null || days === undefined) return '发布日期不详 · exact date unknown';
  if (days > 0) return `逾期 ${days} 天 · ${days} day(s) after the deadline`;
  if (days === 0) return '期限当日 · on the deadline';
  return `按期（提前 ${-days} 天）· ${-days} day(s) before the deadline`;
}

const reportHref = (id) => `/reports/${encodeURIComponent(id)}`;
const agencyHref = (key) => `/agencies/${encodeURIComponent(key)}`;

function showError(err) {
  const p = el('p', { class: 'status-failed', role: 'alert' }, `无法加载 Could not load: ${err.message}`);
  (document.querySelector('main') ?? document.body).prepend(p);
  document.body.dataset.error = 'true';
}

/** Copies text to the clipboard, with a fallback where the Clipboard API is not allowed (plain http). */
async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const t = el('textarea', { readonly: true, style: 'position:fixed;opacity:0' });
    t.value = text;
    document.body.append(t);
    t.select();
    document.execCommand('copy');
    t.remove();
  }
  const was = button.textContent;
  button.textContent = '已复制 copied';
  setTimeout(() => { button.textContent = was; }, 1500);
}
