// V-1: impossible figures (negative counts, fractional or absurd 表三/表四 counts) fail a check and are named in the
// record's warnings; ordinary figures, fee amounts with decimals and blank cells pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueChecks } from '../../src/report/checks.ts';

test('negative and impossible counts fail V-1 with a warning per cell', () => {
  const r = valueChecks({
    t2: { fees: { amount: 1.5 } },
    t3: { new_received: { natural_person: -3, total: 12 }, granted: { natural_person: 2.5, total: null } },
    t4: { review: { total: 20_000_000 } },
  });
  assert.deepEqual(r.checks.map((c) => [c.column, c.status, c.left]), [['t2', 'PASS', 0], ['t3', 'FAIL', 2], ['t4', 'FAIL', 1]]);
  assert.match(r.checks[1]!.detail, /new_received\.natural_person=-3/);
  assert.deepEqual(r.warnings, [
    't3 new_received/natural_person: -3 is negative for a count',
    't3 granted/natural_person: 2.5 is not a whole number for a count',
    't4 review/total: 20000000 is implausibly large for a count',
  ]);
});

test('a table not read gives no V-1 check; a negative fee amount fails', () => {
  const r = valueChecks({ t2: { fees: { amount: -1 } }, t3: null, t4: {} });
  assert.deepEqual(r.checks.map((c) => [c.column, c.status]), [['t2', 'FAIL']]);
});
