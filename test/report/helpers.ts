import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.resolve(here, '../fixtures');

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
}

export function seed(prefix: string): string {
  const dir = path.join(FIXTURES, 'seeds');
  const f = fs.readdirSync(dir).find((n) => n.startsWith(prefix));
  if (!f) throw new Error(`no seed ${prefix}`);
  return fs.readFileSync(path.join(dir, f), 'utf8');
}

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, rel)));
}
