// The registry of report formats. Adding a format = one file exporting a FormatSpec + one entry here.
import { format2019 } from './2019.ts';
import { format2021 } from './2021.ts';
import { formatPre2019 } from './pre2019.ts';
import type { FormatSpec } from './types.ts';

export const FORMAT_SPECS: readonly FormatSpec[] = [format2021, format2019, formatPre2019];

export function specFor(id: string): FormatSpec | null {
  return FORMAT_SPECS.find((f) => f.id === id) ?? null;
}
