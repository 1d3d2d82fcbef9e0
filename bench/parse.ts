// Parser throughput on one core: the seed copies and real texts in test/fixtures, parsed repeatedly.
// Target: ≥ 500 reports/s. Run: npx tsx bench/parse.ts [rounds]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyTitle, parseReport } from '../src/report/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
const files = [
  ...fs.readdirSync(path.join(root, 'seeds')).map((f) => path.join(root, 'seeds', f)),
  ...fs.readdirSync(path.join(root, 'texts')).filter((f) => f.endsWith('.txt')).map((f) => path.join(root, 'texts', f)),
];
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const rounds = Number(process.argv[2] ?? 300);

// Warm-up: V8 tiers regexes and hot functions up over the first rounds; measure the steady state.
for (let r = 0; r < 30; r++) for (const t of texts) parseReport({ text: t });

const perFile = texts.map(() => 0);
const t0 = performance.now();
let n = 0;
for (let r = 0; r < rounds; r++) {
  texts.forEach((t, i) => {
    const s = performance.now();
    parseReport({ text: t });
    perFile[i]! += performance.now() - s;
    n++;
  });
}
const ms = performance.now() - t0;
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) * rounds;
console.log(`parseReport: ${n} reports in ${ms.toFixed(0)} ms → ${(n / (ms / 1000)).toFixed(0)} reports/s (${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s), target ≥ 500/s`);
files.forEach((f, i) => console.log(`  ${path.basename(f).padEnd(40)} ${(perFile[i]! / rounds).toFixed(2)} ms`));

const titles = ['2022年上海市政府信息公开工作年度报告', '关于做好2020年度政府信息公开工作年度报告编制发布工作的通知', '2021年部门预算', '龙湾区审计局2019政务信息公开年报', '首页 > 政务公开 > 政府信息公开年报'];
const c0 = performance.now();
let c = 0;
for (let r = 0; r < 20000; r++) for (const t of titles) { classifyTitle(t); c++; }
const cms = performance.now() - c0;
console.log(`classifyTitle: ${(c / (cms / 1000)).toFixed(0)} titles/s`);
