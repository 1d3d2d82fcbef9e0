// The arrows of the repo run one way: the CLI sits on top (nothing below it imports src/cli), and product code
// never imports the tests. Import specifiers are read with TypeScript's own pre-processor (static, dynamic and
// type-only imports, re-exports), so a new file is covered without listing it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRODUCT_DIRS = ['src', 'crawlers', 'queues', 'storage', 'scripts', 'bin'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') out.push(...sourceFiles(p)); }
    else if (/\.(?:ts|mts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every relative import of a file, resolved to a repo-relative path (`src/cli/table.ts`). */
function imports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)).split(path.sep).join('/'));
}

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');
const edges = PRODUCT_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d))).flatMap((f) => imports(f).map((to) => ({ from: rel(f), to })));

test('the scan sees the repo (a scan that finds nothing proves nothing)', () => {
  assert.ok(edges.length > 200, `only ${edges.length} imports found`);
  assert.ok(edges.some((e) => e.from.startsWith('src/cli/') && e.to.startsWith('src/cli/')), 'the CLI imports its own modules');
});

test('nothing outside src/cli imports from src/cli', () => {
  const bad = edges.filter((e) => !e.from.startsWith('src/cli/') && e.to.startsWith('src/cli/') && e.from !== 'bin/ogi.mjs');
  assert.deepEqual(bad, []);
});

test('product code imports nothing from test/', () => {
  assert.deepEqual(edges.filter((e) => e.to.startsWith('test/')), []);
});
