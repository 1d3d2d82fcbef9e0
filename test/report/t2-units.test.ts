// Money fields of 表二 have a fixed unit in the record, declared in the format file (`unit` of a field): what the
// report printed is converted and the conversion is said in a warning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format2019 } from '../../src/report/formats/2019.ts';
import { format2021 } from '../../src/report/formats/2021.ts';
import { normalizeForTables } from '../../src/report/normalize.ts';
import { readT2 } from '../../src/report/tables/t2.ts';

const t2019 = (header: string, cells: string) => normalizeForTables([
  '第二十条第（九）项', `信息内容 | 采购项目数量 | ${header}`, `政府集中采购 | ${cells}`, '三、收到和处理政府信息公开申请情况',
].join('\n'));

test('2019 procurement amounts are kept in 元: a 万元 column header is converted', () => {
  const byHeader = readT2(t2019('采购总金额（单位：万元）', '3 | 12.5'), format2019);
  assert.deepEqual(byHeader.nums.procurement, { projects: 3, amount_yuan: 125000 });
  assert.match(byHeader.warnings.join('\n'), /t2\.procurement\.amount_yuan: printed in 万元, converted to 元/);
  const plain = readT2(t2019('采购总金额', '3 | 125000'), format2019);
  assert.equal(plain.nums.procurement?.amount_yuan, 125000);
  assert.deepEqual(plain.warnings, []);
});

test('a unit printed in the cell is kept when the next label follows without a space', () => {
  const text = normalizeForTables([
    '第二十条第（八）项', '信息内容 | 本年收费金额（单位：万元）', '行政事业性收费 | 62600元', '第二十条第（九）项', '三、收到和处理政府信息公开申请情况',
  ].join('\n'));
  const r = readT2(text, format2021);
  assert.equal(r.nums.fees?.amount_10k_yuan, 6.26);
  assert.match(r.warnings.join('\n'), /t2\.fees\.amount_10k_yuan: printed in 元, converted to 万元/);
  const wan = readT2(t2019('采购总金额', '3 | 12.5万元'), format2019);
  assert.equal(wan.nums.procurement?.amount_yuan, 125000);
});
