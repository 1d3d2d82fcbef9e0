import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const fixture = (...p: string[]) => new Uint8Array(readFileSync(join(FIXTURES, ...p)));
export const fixtureText = (...p: string[]) => readFileSync(join(FIXTURES, ...p), 'utf8');
export function seed(n: number): string {
  const f = readdirSync(join(FIXTURES, 'seeds')).find((x) => x.startsWith(String(n).padStart(3, '0')))!;
  return fixtureText('seeds', f);
}
