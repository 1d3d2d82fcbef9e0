// Accuracy of the report parser on labelled real material: `npm run eval`.
// The development material (test/fixtures/real-excerpts and the real texts/PDFs of test/fixtures) is split into a
// tuning part (rules are decided on it) and a check part (only measured); test/fixtures/real-check is held out whole.
// The last lines are a compact summary.
import { loadAll } from './accuracy/sets.ts';
import { evaluate, precision, ratio, recall, summaryLine, type PartScore } from './accuracy/score.ts';

const t0 = performance.now();
const items = loadAll();
const { parts, batches } = await evaluate(items);
const order = ['tuning', 'check', 'held-out'].filter((p) => parts[p]);
const pct = (ok: number, n: number) => `${ok}/${n}`;
for (const p of order) {
  const s = parts[p]!;
  console.log(`\n== ${p}: ${s.files} files`);
  console.log(`  is_report  precision ${pct(s.tp, s.tp + s.fp)}  recall ${pct(s.tp, s.tp + s.fn)}`);
  console.log(`  year ${pct(s.year.ok, s.year.n)}  agency ${pct(s.agency.ok, s.agency.n)}  format ${pct(s.format.ok, s.format.n)} (all reports: ${pct(s.formatAll.ok, s.formatAll.n)})  numbers ${pct(s.fields.ok, s.fields.n)}`);
  if (s.misses.length) console.log(`  misses:\n${s.misses.map((m) => `    ${m}`).join('\n')}`);
}
const score = (s: PartScore) => [precision(s), recall(s), ratio(s.year), ratio(s.agency), ratio(s.format), ratio(s.fields)];
console.log(`\naccuracy (${items.length} files, ${((performance.now() - t0) / 1000).toFixed(1)} s; tuning = rules decided on, check/held-out = only measured)`);
for (const p of order) console.log(summaryLine(p, parts[p]!));
for (const b of Object.keys(batches).sort()) console.log(summaryLine(b, batches[b]!));
const worst = Math.min(...order.flatMap((p) => score(parts[p]!)));
console.log(`lowest figure ${worst.toFixed(3)}`);
