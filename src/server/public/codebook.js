// The newest snapshot's codebook.md as a page: headings, paragraphs, tables and `code`, built as DOM nodes
// (the text is never parsed as HTML).
/* global el, showError */
'use strict';

function inline(text) {
  return text.split(/(`[^`]+`)/).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? el('code', {}, part.slice(1, -1)) : part));
}

const cells = (line) => line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|').map((c) => c.trim());

function render(md) {
  const out = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (h) {
      out.push(el(`h${Math.min(h[1].length, 3)}`, {}, ...inline(h[2])));
    } else if (line.startsWith('|') && /^\|[\s:|-]+\|?\s*$/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows = [];
      i += 2;
      while (i < lines.length && lines[i].startsWith('|')) rows.push(cells(lines[i++]));
      i--;
      out.push(el('div', { class: 'scroll' }, el('table', { class: 'stack', id: out.some((n) => n.tagName === 'DIV') ? null : 'codebook-table' },
        el('thead', {}, el('tr', {}, head.map((c) => el('th', {}, ...inline(c))))),
        el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, j) => el('td', { 'data-label': head[j] }, ...inline(c)))))))));
    } else if (line.trim()) {
      out.push(el('p', {}, ...inline(line)));
    }
  }
  document.getElementById('codebook').replaceChildren(...out);
}

fetch('/snapshots/latest/codebook.md').then(async (res) => {
  if (!res.ok) throw new Error(`the newest snapshot has no codebook (HTTP ${res.status})`);
  render(await res.text());
  document.body.dataset.ready = 'true';
}).catch((err) => {
  showError(err);
  document.body.dataset.ready = 'true';
});
