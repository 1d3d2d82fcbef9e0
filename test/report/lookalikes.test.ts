// Pages that share the report's vocabulary but are not reports, and real reports that lost their title or their end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';

const parse = (text: string) => parseReport({ text, kind: 'txt' });
const PARTS = '本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。';

test('look-alikes stay out, with or without their title line', () => {
  const cases: Array<[string, string]> = [
    ['format notice repost', '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知\n各省、自治区、直辖市人民政府办公厅：\n现将《中华人民共和国政府信息公开工作年度报告格式》印发给你们，请从2021年度报告起按此格式编制。主动公开政府信息情况、收到和处理政府信息公开申请情况按附表填写，依申请公开情况同步报告。'],
    ['format notice repost without title', '各省、自治区、直辖市人民政府办公厅：\n现将《中华人民共和国政府信息公开工作年度报告格式》印发给你们，请从2021年度报告起按此格式编制。主动公开政府信息情况、收到和处理政府信息公开申请情况按附表填写，依申请公开情况同步报告。'],
    ['rules on the annual report', '某某市政府信息公开工作年度报告制度\n第一条 为规范政府信息公开工作年度报告的编制和发布，制定本制度。\n第二条 行政机关应当在每年1月31日前向本级政府信息公开工作主管部门提交本机关上一年度政府信息公开工作年度报告并向社会公布。年度报告包括主动公开政府信息情况、依申请公开情况。'],
    ['news with title', '某某省发布2023年政府信息公开工作年度报告\n2024-03-28 来源：某某日报\n27日，某某省人民政府正式向社会发布2023年政府信息公开工作年度报告。报告显示，全省主动公开政府信息65万条，依申请公开办理量同比增长3%。'],
    ['news without title', '27日，某某省人民政府正式向社会发布2023年政府信息公开工作年度报告。报告显示，全省主动公开政府信息65万条，依申请公开办理量同比增长3%，各级行政机关收到政府信息公开申请1.2万件。'],
    ['interpretation', '图解：某某区2023年政府信息公开工作年度报告\n一图读懂某某区2023年政府信息公开工作，主动公开政府信息3200条，收到依申请公开申请45件。'],
    ['half-year statistics', '某某县2023年上半年政府信息公开工作情况\n2023年上半年，全县主动公开政府信息1600条，收到政府信息公开申请12件，依申请公开均已按时答复。'],
    ['key points notice', '某某市人民政府办公室关于印发2023年政务公开工作要点的通知\n各县（市、区）人民政府，市政府各部门：\n《2023年政务公开工作要点》已经市政府同意，现印发给你们，请认真贯彻落实。各单位落实情况纳入政府信息公开工作年度报告。'],
    ['letter', '某某县财政局关于2022年政务公开工作要点落实情况的函\n县政府办公室：\n现将我局2022年政务公开工作要点落实情况报告如下：主动公开政府信息86条，依申请公开办理2件。'],
  ];
  for (const [what, text] of cases) {
    const r = parse(text);
    assert.equal(r.is_report, false, `${what}: ${r.title} / ${r.not_report_reason}`);
  }
});

test('a real report cut off early, or without its title, is still a report of its year and body', () => {
  const a = parse(`根据《中华人民共和国政府信息公开条例》规定，现公布某某市人民政府办公室2023年政府信息公开工作年度报告。${PARTS}`);
  assert.equal(a.is_report, true, a.not_report_reason ?? '');
  assert.equal(a.year, 2023);
  assert.equal(a.agency, '某某市人民政府办公室');
  const b = parse(`本报告由某某县统计局根据《中华人民共和国政府信息公开条例》编制。${PARTS}报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。`);
  assert.equal(b.is_report, true, b.not_report_reason ?? '');
  assert.equal(b.year, 2022);
  assert.equal(b.agency, '某某县统计局');
  // A report that cites last year's report keeps its own year.
  const c = parse(`根据《中华人民共和国政府信息公开条例》有关规定，编制本报告。\n一、总体情况\n2022年，某某局坚持以人民为中心，深入推进政府信息公开工作，公开发布《某某局2021年政府信息公开工作年度报告》。主动公开政府信息120条。`);
  assert.equal(c.is_report, true);
  assert.equal(c.year, 2022);
  assert.equal(c.agency, '某某局');
});

test('the title under accessibility residue, split over two lines, spaced or in traditional characters', () => {
  const body = `\n${PARTS}主动公开政府信息120条，收到政府信息公开申请3件，均已按时答复。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。`;
  for (const [head, agency] of [
    ['无障碍 | 关怀版\n当前位置：首页 > 政府信息公开 > 年报\n某某县人民政府2024年政府信息公开工作年度报告', '某某县人民政府'],
    ['某某县人民政府2024年\n政府信息公开工作年度报告', '某某县人民政府'],
    ['某某县人民政府\n2024 年政府信息公开工作年度报告', '某某县人民政府'],
    ['某某縣人民政府2024年政府信息公開工作年度報告', '某某縣人民政府'],
  ] as const) {
    const r = parse(head + body);
    assert.equal(r.is_report, true, head);
    assert.equal(r.year, 2024, head);
    assert.equal(r.agency, agency, head);
  }
});

test('the opening that publishes with 公开, compiles 《…年度报告》 or says what it reports on names year and body', () => {
  // “现向社会公开《…》”: 公开 is a publishing verb like 公布/发布; the body's full name is in the quoted title.
  const a = parse(`根据《中华人民共和国政府信息公开条例》要求，现向社会公开《某某区人民政府2022年度政府信息公开工作年度报告》。\n一、总体情况\n2022年，某某区坚持以人民为中心，深入推进政府信息公开工作，主动公开政府信息449条。`);
  assert.equal(a.is_report, true, a.not_report_reason ?? '');
  assert.equal(a.agency, '某某区人民政府');
  // No title, the report's name only as what was compiled.
  const b = parse(`2020年，我区坚持以公开为常态、不公开为例外的原则，大力推进政府信息公开工作。结合我区2020年政府信息公开工作开展情况，编制《某某区2020年度政府信息公开工作报告》并向社会公开发布。\n一、总体情况\n(一)主动公开情况\n2020年，通过区政府网站发布信息11829条。`);
  assert.equal(b.is_report, true, b.not_report_reason ?? '');
  assert.equal(b.year, 2020);
  assert.equal(b.agency, '某某区');
  // No title, no statistics period: the year of the work the text reports on.
  const c = parse(`一、总体情况\n本报告是根据《中华人民共和国政府信息公开条例》要求，结合我镇实际，从总体情况、主动公开政府信息情况等六个方面汇报我镇2023年政府信息公开工作。\n二、主动公开政府信息情况\n第二十条第(一)项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0`);
  assert.equal(c.is_report, true, c.not_report_reason ?? '');
  assert.equal(c.year, 2023);
});

test('a portal menu label “政府信息公开年报” does not make a guide page a report', () => {
  const guide = `政府信息公开指南\n\n政府信息公开制度\n\n法定主动公开内容\n\n政府信息公开年报\n\n依申请公开\n\n某某县人民政府信息公开指南(2024年)\n\n为了更好地提供政府信息公开服务，编制本指南。\n\n一、政府信息公开范围\n\n县政府信息公开坚持“公开为常态、不公开为例外”的原则。\n\n二、主动公开\n\n(一)县政府办公室公开的政府信息\n\n三、依申请公开\n\n公民、法人或者其他组织可以向县政府申请获取政府信息。`;
  const r = parse(guide);
  assert.equal(r.is_report, false, `${r.title} / ${r.not_report_reason}`);
  // The same menu over a report's own opening is still a report.
  const report = parse(`政府信息公开年报\n\n依申请公开\n\n本报告根据《中华人民共和国政府信息公开条例》编制。${PARTS}报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。`);
  assert.equal(report.is_report, true, report.not_report_reason ?? '');
});

test('metadata rows printed without colons are no title; the 标题 row gives the title without its label', () => {
  // “索引号 … 组配分类 政府信息公开工作年度报告”: a field label, a number with a year in it, and the column name.
  const a = parse(`当前位置:首页>信息公开专栏 >行政审批局\n索引号 113209280143685278/2023-00047 组配分类 政府信息公开工作年度报告\n发布机构 某某区行政审批局 发文日期 2023-01-05\n\n某某区行政审批局2022年政府信息公开工作年度报告\n\n本报告是根据《中华人民共和国政府信息公开条例》要求编制而成。${PARTS}报告中所列数据的统计期限为2022年1月1日到2022年12月31日止。`);
  assert.equal(a.title, '某某区行政审批局2022年政府信息公开工作年度报告');
  assert.equal(a.agency, '某某区行政审批局');
  const b = parse(`索引号 | E00000/2024-03778 | 发布机构 | 某某县政府办 | |\n标题 | 某某县2023年政府信息公开工作年度报告 | |||\n本报告依据《中华人民共和国政府信息公开条例》要求编制。${PARTS}`);
  assert.equal(b.title, '某某县2023年政府信息公开工作年度报告');
  assert.equal(b.agency, '某某县');
});

test('a spaced 名　称 label broken over two lines leaves no 称: on the title or the agency', () => {
  const r = parse(`号: abc001/2026-00011 信息分类: 政务公开\n发布机构: 某某镇\n称: 某某县某某镇人民政府2025年政府信息公开工作年度报告\n号:\n\n某某县某某镇人民政府2025年政府信息公开工作年度报告\n本报告依据《中华人民共和国政府信息公开条例》要求编制。${PARTS}`);
  assert.equal(r.title, '某某县某某镇人民政府2025年政府信息公开工作年度报告');
  assert.equal(r.agency, '某某县某某镇人民政府');
});

test('the compiling sentence names the body without 《》 and before 结合', () => {
  const a = parse(`根据《中华人民共和国政府信息公开条例》规定，我局编制了某某市民政局2018年度政府信息公开工作年度报告。本年报由基本工作情况、主动公开政府信息情况、依申请公开政府信息情况等部分组成。\n一、基本工作情况\n我局及时完善了局政府信息公开工作领导小组。`);
  assert.equal(a.is_report, true, a.not_report_reason ?? '');
  assert.equal(a.year, 2018);
  assert.equal(a.agency, '某某市民政局');
  const b = parse(`本报告依据《中华人民共和国政府信息公开条例》要求，由某某县人民政府办公室结合有关统计数据编制。本年度报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n2023年，在县委县政府的正确领导下，政府信息公开工作稳步推进。`);
  assert.equal(b.agency, '某某县人民政府办公室');
});

test('a summary report compiled “在…基础上,由X编制” names X, not the office in the contact sentence', () => {
  const r = parse(`本报告根据《中华人民共和国政府信息公开条例》要求，在2017年各市政府、省直有关部门政府信息公开年度报告基础上，由某某省人民政府办公厅编制。\n\n全文包括概述、主动公开政府信息情况、依申请公开政府信息情况等七个方面。本报告中所列数据统计期限自2017年1月1日至2017年12月31日。如对本报告有任何疑问，请与省政府办公厅信息办公室联系。\n\n一、概述\n\n2017年，某某省各级、各部门深入推进政务公开。`);
  assert.equal(r.agency, '某某省人民政府办公厅');
  assert.equal(r.year, 2017);
});

test('the office a contact sentence names does not replace the title’s body; a 标题 cell row loses its bars', () => {
  const a = parse(`2016年某某乡政府信息公开工作年度报告\n来源:某某乡\n发布日期:2017-03-21\n根据《中华人民共和国政府信息公开条例》规定，特向社会公开某某乡2016年度政府信息公开工作年度报告。本年报所列数据的统计期限自2016年1月1日起至2016年12月31日止。如对本年报有任何疑问，请与某某乡政府信息公开办公室联系。\n一、概述\n2016年我乡加大政府信息主动公开力度。`);
  assert.equal(a.agency, '某某乡');
  const b = parse(`标 题 | 某某自治区政府国资委2020政府信息公开工作年度报告 | ||\n索引号 | 000014349/2021-00008 | 文 号 | |\n发布机构 | 自治区政府办公厅 | 发布日期 | 2021-04-09 17:05:00 |\n某某自治区政府国资委2020政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限为2020年1月1日—2020年12月31日。`);
  assert.equal(b.title, '某某自治区政府国资委2020政府信息公开工作年度报告');
  assert.equal(b.agency, '某某自治区政府国资委');
});
