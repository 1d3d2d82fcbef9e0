import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText } from '../../src/extract/index.ts';
import { fixtureText, seed } from './helpers.ts';
import { decodeUriSafe } from '../../src/extract/text/uri.ts';

const CHROME = ['扫一扫', '相关推荐', '相关文章', '返回顶部', '责任编辑', '字号', '附件下载', '扫码关注'];
const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** Every report line of the seed that the cleaner kept or lifted into title/meta, i.e. nothing else was lost. */
function assertKeepsAllBut(input: string, out: ReturnType<typeof cleanText>, dropped: string[]): void {
  const kept = new Set(lines(out.text));
  for (const l of lines(input)) {
    if (kept.has(l) || l === out.title || dropped.includes(l)) continue;
    assert.fail(`line lost: ${l}`);
  }
}

test('seed 004: none of the nineteen trailing headlines survive, the report does', () => {
  const input = seed(4);
  const out = cleanText(input);
  const heads = out.removed.filter((r) => r.kind === 'trailing-headlines').map((r) => r.text);
  // Everything after the report's last sentence in the seed is the headline list (it repeats the title, too).
  const all = lines(input);
  const expected = all.slice(all.findIndex((l) => l.endsWith('切实提高信息公开工作水平。')) + 1);
  assert.ok(expected.length >= 19);
  assert.deepEqual(heads, expected);
  for (const h of ['大亚湾再动员再部署扫黑除恶专项斗争工作', '中共湖州市水利局委员会关于林祖滨等同志职务任免的通知', '开足马力生产']) {
    assert.ok(!out.text.includes(h), h);
  }
  assert.ok(out.text.endsWith('切实提高信息公开工作水平。'));
  assert.equal(out.title, '襄阳市2017年政府信息公开年度工作报告');
  assertKeepsAllBut(input, out, heads);
});

test('seed 001: 附件下载 / 扫一扫 / 相关文章 go; bar becomes published_at and 来源; the 附表 and signature stay', () => {
  const input = seed(1);
  const out = cleanText(input);
  for (const c of ['附件下载', '扫一扫', '相关文章', '发布时间']) assert.ok(!out.text.includes(c), c);
  assert.equal(out.published_at, '2018-01-19 11:51');
  assert.equal(out.meta['来源'], '三元区政府办');
  assert.ok(out.text.endsWith('三元区政府信息公开工作领导小组办公室\n2018年1月12日'));
  assertKeepsAllBut(input, out, out.removed.map((r) => r.text));
  assert.deepEqual(out.removed.map((r) => r.kind).sort(), ['attachment-label', 'meta-bar', 'qr', 'related']);
});

test('seed 002: 相关推荐 / 扫码关注 / 返回顶部 / 责任编辑 / 字号 go; published_at 2018-03-20', () => {
  const input = seed(2);
  const out = cleanText(input);
  for (const c of CHROME) assert.ok(!out.text.includes(c), c);
  assert.equal(out.published_at, '2018-03-20');
  assert.equal(out.published_at_source, 'text-bar');
  assert.equal(out.meta['来源'], '土右旗政府');
  assert.equal(out.meta['责任编辑'], '康康');
  assert.equal(out.meta['字号'], undefined);
  assert.ok(out.text.includes('增强工作透明度。'));
});

test('seeds 000 and 003 carry no chrome: nothing is removed', () => {
  for (const n of [0, 3]) {
    const input = seed(n);
    const out = cleanText(input);
    assert.deepEqual(out.removed, [], `seed ${n}`);
    assertKeepsAllBut(input, out, []);
  }
});

test('every seed comes out without chrome lines', () => {
  for (const n of [0, 1, 2, 3, 4]) {
    const out = cleanText(seed(n));
    // Seed 004's report itself mentions “扫一扫” in a sentence; only short, chrome-like lines count here.
    for (const l of lines(out.text)) {
      if (l.length > 40) continue;
      for (const c of CHROME) assert.ok(!l.includes(c), `seed ${n}: ${l}`);
    }
  }
});

// One fragment per rule, as such lines appear in crawled texts.
const RULES: Array<[string, string]> = [
  ['【字体：大 中 小】', 'font-size'],
  ['字号：[ 大 中 小 ]', 'font-size'],
  ['【打印本页】 【关闭窗口】', 'toolbar'],
  ['分享到：', 'toolbar'],
  ['浏览次数：1024', 'views'],
  ['当前位置：首页 > 政务公开 > 政府信息公开年报', 'breadcrumb'],
  ['上一篇：关于印发2019年政务公开工作要点的通知', 'prev-next'],
  ['网站标识码：4305220001', 'footer'],
  ['湘ICP备05008536号', 'footer'],
  ['【我要纠错】', 'toolbar'],
  ['点击收听年报语音朗读', 'toolbar'],
  ['退出老年人模式', 'a11y-mode'],
];
const BODY = '本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自2021年1月1日至2021年12月31日止，如有疑问请与本机关联系。';

for (const [line, kind] of RULES) {
  test(`rule ${kind}: “${line}” is removed and reported`, () => {
    const out = cleanText(`${line}\n${BODY}`);
    assert.equal(out.text, BODY);
    assert.equal(out.removed[0]?.kind, kind);
    assert.equal(out.removed[0]?.text, line);
  });
}

test('prose that merely mentions chrome words is kept', () => {
  const prose = [
    '网站标识码、ICP备案号和公安机关备案标识均已在页面底部展示，版权所有信息规范统一，全年网站运行平稳，未发生安全事故。',
    '打印机3台',
    '政务微信 | 35',
  ];
  const out = cleanText(prose.join('\n'));
  assert.equal(out.text, prose.join('\n'));
});

test('a footer at the end takes the short lines after it, not the report before it', () => {
  const out = cleanText(`${BODY}\n版权所有：某某县人民政府\n地址：某某路1号\n电话：0000-1234567`);
  assert.equal(out.text, BODY);
  assert.equal(out.removed.length, 3);
});

test('a related list stops at the next section heading', () => {
  const out = cleanText(`相关链接：\n国务院\n省政府\n一、总体情况\n${BODY}`);
  assert.equal(out.text, `一、总体情况\n${BODY}`);
});

test('two short closing lines (signature and date) are not a headline run', () => {
  const text = `${BODY}\n某某县人民政府办公室\n2022年1月20日`;
  assert.equal(cleanText(text).text, text);
});

test('metadata table lines become meta; a date in 成文日期 is used only without a 发布 date', () => {
  const out = cleanText(`索引号： | 000226181/2022-13221 | 主题分类： | 政务公开\n发文机关： | 某某县人民政府 | 成文日期： | 2022-01-20\n${BODY}`);
  assert.equal(out.meta['索引号'], '000226181/2022-13221');
  assert.equal(out.meta['主题分类'], '政务公开');
  assert.equal(out.meta['发布机构'], '某某县人民政府');
  assert.equal(out.published_at, '2022-01-20');
  assert.equal(out.published_at_source, 'metadata-table');
  assert.equal(out.text, BODY);
});

test('a lone 来源： inside the body is prose, not a bar', () => {
  const text = `${BODY}\n${BODY}\n来源：本报告数据由各乡镇人民政府和县直各部门报送的年度报告汇总整理后形成，涵盖全县范围内各行政机关。`;
  const out = cleanText(text);
  assert.equal(out.text, text);
});

test('empty input gives an empty text and a warning', () => {
  const out = cleanText('  \n \n');
  assert.equal(out.text, '');
  assert.ok(out.warnings.some((w) => w.includes('empty')));
});

test('a 相关链接 label with its links run into one line goes; a report sentence that starts the same way stays', () => {
  const report = [
    '某某县2022年政府信息公开工作年度报告',
    '一、总体情况。2022年，我县全年主动公开政府信息3456条，收到申请58件，均已按时答复。',
    '相关文件：本年度制发的规范性文件已全部在政府网站公开，并同步更新政策文件库。',
    '相关链接：某某市人民政府 某某省人民政府',
    '【返回顶部】',
  ].join('\n');
  const out = cleanText(report);
  assert.ok(!out.text.includes('相关链接'), out.text);
  assert.ok(!out.text.includes('返回顶部'), 'a bracketed back-to-top control goes too');
  assert.ok(out.text.includes('相关文件：本年度制发的规范性文件已全部在政府网站公开'), out.text);
  assert.ok(out.removed.some((r) => r.kind === 'related' && r.text.includes('相关链接')));
});

test('a page flattened into one line (another tool’s dump): header chrome, trailing 附件下载 and dump residue go', () => {
  const raw = fixtureText('texts', 'pingtan-2021.txt');
  const out = cleanText(raw);
  assert.equal(out.title, '平潭综合实验区2021年度政府信息公开工作年度报告');
  assert.ok(out.text.startsWith('根据《中华人民共和国政府信息公开条例》'), out.text.slice(0, 80));
  for (const c of ['当前位置', '微信 微博', '附件下载', '原文链接', '本地目录', '====', '栏目:']) assert.ok(!out.text.includes(c), c);
  assert.ok(out.text.endsWith('无收取信息处理费情况。'), out.text.slice(-40));
  const kinds = out.removed.map((r) => r.kind);
  for (const k of ['run-on-header', 'run-on-trailer', 'dump-separator', 'dump-header']) assert.ok(kinds.includes(k), k);
  // A long line that is prose from its first character is left whole.
  const prose = `根据《中华人民共和国政府信息公开条例》规定，${'本机关认真做好政府信息公开工作，'.repeat(30)}全年无收费。`;
  assert.equal(cleanText(prose).text, prose);
});

test('decodeUriSafe decodes escapes and leaves a malformed one as written', () => {
  assert.equal(decodeUriSafe('%E5%B9%B4%E6%8A%A5.pdf'), '年报.pdf');
  assert.equal(decodeUriSafe('%E5%B9%B4%E6%8A.pdf'), '%E5%B9%B4%E6%8A.pdf');
});

test('a dump header is whatever stands above its body mark, in any words; its fields are still metadata', () => {
  const out = cleanText(['标题: 某县2021年政府信息公开工作年度报告', '发布时间: 2022-01-20', '保存位置: D:/crawl/某县/nb/1.html', '抓取备注 第3批',
    '======== 正文 ========', '根据《中华人民共和国政府信息公开条例》规定，现公布本县2021年政府信息公开工作年度报告。'].join('\n'));
  assert.equal(out.text, '根据《中华人民共和国政府信息公开条例》规定，现公布本县2021年政府信息公开工作年度报告。');
  assert.equal(out.published_at, '2022-01-20');
  assert.ok(out.removed.some((r) => r.kind === 'dump-header' && r.text.includes('保存位置')));
});

test('the trailing-headline cut keeps a report’s closing contact block and dated sign-off', () => {
  const ending = ['新邵县人民政府办公室', '二〇二二年一月二十日', '联系单位：新邵县政务公开办', '联系电话：0739-3621234', '联系地址：新邵县酿溪镇资江路1号', '邮政编码：422900'];
  const out = cleanText(['一、总体情况。2021年，我县全年主动公开政府信息3456条，收到申请58件，均已按时答复。',
    '六、其他需要报告的事项。本年度无其他需要报告的事项。如对本报告有疑问，请与我们联系。', ...ending].join('\n'));
  assert.ok(out.text.endsWith(ending.join('\n')), out.text);
  // A real “more news” run after the report still goes.
  const news = cleanText(['一、总体情况。2021年，我县全年主动公开政府信息3456条，收到申请58件，均已按时答复。',
    '我县召开春季农业生产工作推进会', '县领导调研重点项目建设情况', '全县安全生产工作会议召开'].join('\n'));
  assert.ok(!news.text.includes('春季农业'), news.text);
});
