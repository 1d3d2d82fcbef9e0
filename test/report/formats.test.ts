// Each format and each table serialization. Serialization variants are generated from 003's own table text so the
// same numbers must come out however the rows are laid out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';
import { fixture, seed } from './helpers.ts';

function tableBlock(text: string): { before: string; table: string; after: string } {
  const a = text.indexOf('二、主动公开政府信息情况');
  const b = text.indexOf('五、存在的主要问题');
  return { before: text.slice(0, a), table: text.slice(a, b), after: text.slice(b) };
}

/** 003's tables re-laid: cells of one printed row joined by `sep`, rows by newline. */
function relayout(table: string, sep: string, rowSep = '\n'): string {
  const lines = table.split('\n').map((l) => l.replace(/\s*\|\s*$/, '').trim());
  const out: string[] = [];
  let row: string[] = [];
  for (const l of lines) {
    if (l === '' || /^\|+$/.test(l)) continue;
    if (/^\d+(\.\d+)?$/.test(l)) { row.push(l); continue; }
    if (row.length) { out.push(row.join(sep)); row = []; }
    out.push(l);
  }
  if (row.length) out.push(row.join(sep));
  // attach each run of numbers to the label before it
  return out.join(rowSep).replace(new RegExp(`\\n(?=\\d)`, 'g'), sep);
}

function expect003(r: ReturnType<typeof parseReport>, how: string) {
  assert.equal(r.format, '2021', how);
  assert.equal(r.tables.t2?.normative_documents?.in_force, 88, how);
  assert.equal(r.tables.t2?.penalties?.decisions, 77236, how);
  assert.equal(r.tables.t3?.new_received?.total, 36, how);
  assert.equal(r.tables.t3?.denied_enforcement_files?.natural_person, 2, how);
  assert.equal(r.tables.t3?.other_overdue_correction?.total, 3, how);
  assert.equal(r.tables.t4?.reconsideration?.total, 42, how);
  assert.equal(r.tables.t4?.litigation_after_reconsideration?.pending, 1, how);
}

test('2021 tables read the same from " | " rows, space-separated rows, markdown and one-line text', () => {
  const { before, table, after } = tableBlock(seed('003'));
  expect003(parseReport({ text: seed('003') }), 'one cell per line');
  expect003(parseReport({ text: before + relayout(table, ' ') + '\n' + after }), 'space separated (PDF style)');
  expect003(parseReport({ text: before + relayout(table, ' | ').split('\n').map((l) => `| ${l} |`).join('\n') + '\n' + after }), 'markdown');
  expect003(parseReport({ text: before + relayout(table, ' ', ' ') + after }), 'flattened to one line');
  // Labels wrapped over lines and spaced inside ("商业 企业", "大量反复 申请").
  const wrapped = table.replace('无正当理由大量反复申请', '无正当理由大量反复\n申请').replace('(二)部分公开(区分处理的,只计这一情形,不计其他情形)', '(二)部分公开(区分处理的,只计这一情 形,不\n计其他情形)');
  expect003(parseReport({ text: before + wrapped + after }), 'wrapped labels');
});

test('2021 format with run-together digits (pingtan-2021): identities pick the only consistent split', () => {
  const r = parseReport({ text: fixture('texts/pingtan-2021.txt') });
  assert.equal(r.format, '2021');
  assert.equal(r.year, 2021);
  const t3 = r.tables.t3!;
  assert.deepEqual(Object.values(t3.new_received!), [64, 0, 0, 2, 0, 4, 70]);
  assert.deepEqual(Object.values(t3.granted!), [27, 0, 0, 2, 0, 1, 30]);
  // "220000325" splits two ways by its own row (22/0/0/0/0/3/25 and 2/20/0/0/0/3/25); the column identities decide.
  assert.deepEqual(Object.values(t3.unable_not_held!), [22, 0, 0, 0, 0, 3, 25]);
  assert.deepEqual(Object.values(t3.total!), [63, 0, 0, 2, 0, 4, 69]);
  assert.deepEqual(Object.values(r.tables.t4!.litigation_direct!), [12, 0, 0, 0, 12]);
  assert.ok(r.warnings.some((w) => w.includes('run-together')));
  // 表二 has no identities: ambiguous run-together cells stay empty with a warning, raw text kept.
  assert.equal(r.tables.t2!.normative_documents!.issued, null);
  assert.equal(r.raw.t2!.normative_documents!.issued, '693665');
  assert.equal(r.tables.t2!.licensing!.decisions, 2293);
  assert.ok(r.checks.filter((c) => c.id.startsWith('T3')).every((c) => c.status === 'PASS'));
});

test('2019 format (pingtan-2019): 2019 keys, single (六) row, run-together cells', () => {
  const r = parseReport({ text: fixture('texts/pingtan-2019.txt') });
  assert.equal(r.format, '2019');
  assert.ok(r.format_evidence.some((e) => e.includes('本年新制作数量')));
  assert.deepEqual(r.tables.t2!.regulations, { new_made: 0, new_published: 0, total_published: 0 });
  assert.ok('procurement' in r.tables.t2!);
  assert.ok(!('in_force' in r.tables.t2!.regulations!));
  const t3 = r.tables.t3!;
  assert.ok('other' in t3 && !('other_other' in t3));
  assert.equal(t3.new_received!.total, 23);
  assert.equal(t3.unable_unclear!.natural_person, 5);
  assert.equal(t3.total!.total, 23);
  assert.ok(r.checks.filter((c) => c.id !== 'T3-3').every((c) => c.status === 'PASS'));
});

test('pre-2019 with a run-together statistics table (pingtan-2018): the text pins the split', () => {
  const r = parseReport({ text: fixture('texts/pingtan-2018.txt') });
  assert.equal(r.format, 'pre2019');
  assert.equal(r.year, 2018);
  assert.equal(r.figures.proactive_total?.value, 2069);
  assert.equal(r.figures.proactive_total_cumulative?.value, 12106);
  assert.equal(r.figures.requests_received?.value, 0);
  assert.equal(r.figures.reconsideration_total?.value, 0);
  assert.equal(r.figures.litigation_total?.value, 0);
  assert.equal(r.tables.t3, null);
});

test('PDF-style text of 表三 with a vertical group label (huaian-city-2024 section 3)', () => {
  const text = `淮安市人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n${fixture('texts/huaian-city-2024-section3-pdftext.txt')}`;
  const r = parseReport({ text });
  assert.equal(r.format, '2021');
  assert.equal(r.tables.t2!.penalties!.decisions, 3985758);
  assert.equal(r.tables.t2!.fees!.amount_10k_yuan, 96171.6);
  const t3 = r.tables.t3!;
  assert.deepEqual(Object.values(t3.new_received!), [3001, 53, 0, 0, 61, 4, 3119]);
  assert.deepEqual(Object.values(t3.partially_granted!), [447, 7, 0, 0, 0, 0, 454]);
  assert.deepEqual(Object.values(t3.denied_admin_query!), [105, 0, 0, 0, 0, 0, 105]);
  assert.deepEqual(Object.values(t3.unable_not_held!), [746, 12, 0, 0, 10, 1, 769]);
});

test('blank cells stay null and distinguishable from 0; checks become UNCERTAIN', () => {
  const text = seed('003').replace('(一)予以公开 |\n27 |', '(一)予以公开 |\n/ |');
  const r = parseReport({ text });
  assert.equal(r.tables.t3!.granted!.natural_person, null);
  assert.equal(r.raw.t3!.granted!.natural_person, '/');
  assert.equal(r.tables.t3!.granted!.commercial, 0);
  assert.equal(r.checks.find((c) => c.id === 'T3-2' && c.column === 'natural_person')?.status, 'UNCERTAIN');
});

test('a text that is not a report gets a record with the reason', () => {
  const r = parseReport({ text: '关于做好2021年政府信息公开工作年度报告编制发布工作的通知\n各乡镇人民政府，县直各单位：请于1月20日前报送。', title: '关于做好2021年政府信息公开工作年度报告编制发布工作的通知' });
  assert.equal(r.is_report, false);
  assert.match(r.not_report_reason ?? '', /通知/);
  const list = parseReport({ text: fixture('texts/pingtan-list-page.txt') });
  assert.equal(list.is_report, false);
});

test('portal context wins for region and level', () => {
  const r = parseReport({ text: seed('003') }, { portal: { region_code: '430923', admin_level: 'county', agency: '安化县人民政府' } });
  assert.equal(r.region_code_source, 'portal');
  assert.equal(r.admin_level, 'county');
});
