// Arrows run one way: product code (src, crawlers, queues, storage, bin) never imports from or reads a path under
// test/, so the package works without its tests; only the CLI imports src/cli.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { parse, rel, ROOT, sourceFiles } from './sources.ts';

const PRODUCT = ['src', 'crawlers', 'queues', 'storage', 'bin'];
const TEST_DIR = path.join(ROOT, 'test') + path.sep;

/** Module specifiers of static imports, re-exports, dynamic import() and require(). */
function specifiers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** String literals that name a path under test/: 'test/…', '../test/…', or a 'test' segment passed to path.join/resolve. */
function testPaths(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteralLike(n)) {
      if (/(^|\/)test\/(fixtures|helpers)?/.test(n.text) && !/^https?:/.test(n.text)) out.push(n.text);
      else if (n.text === 'test' && ts.isCallExpression(n.parent) && /^path\.(join|resolve)$/.test(n.parent.expression.getText(sf))) out.push(n.parent.getText(sf));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test('no product file imports a module under test/', () => {
  const bad: string[] = [];
  for (const dir of PRODUCT) {
    for (const file of sourceFiles(dir)) {
      for (const s of specifiers(parse(file))) {
        if (s.startsWith('.') && (path.resolve(path.dirname(file), s) + path.sep).startsWith(TEST_DIR)) bad.push(`${rel(file)} imports ${s}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('no product file reads a path under test/', () => {
  const bad: string[] = [];
  for (const dir of PRODUCT) for (const file of sourceFiles(dir)) for (const p of testPaths(parse(file))) bad.push(`${rel(file)}: ${p}`);
  assert.deepEqual(bad, []);
});

test('the check sees a path under test/ when there is one', () => {
  const sf = ts.createSourceFile('x.ts', "import a from '../../test/helpers/x.ts'; const r = path.resolve(here, '..', 'test', 'fixtures');", ts.ScriptTarget.Latest, true);
  assert.deepEqual(specifiers(sf), ['../../test/helpers/x.ts']);
  assert.equal(testPaths(sf).length, 2);
});

test('only the CLI imports src/cli (crawlers, queues, storage, server, bin)', () => {
  const cli = path.join(ROOT, 'src', 'cli') + path.sep;
  const bad: string[] = [];
  for (const dir of ['crawlers', 'queues', 'storage', 'src/server', 'src/render', 'src/extract', 'src/report']) {
    for (const file of sourceFiles(dir)) {
      for (const s of specifiers(parse(file))) {
        if (s.startsWith('.') && (path.resolve(path.dirname(file), s) + path.sep).startsWith(cli)) bad.push(`${rel(file)} imports ${s}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('documents are extracted only in the extraction worker (crawlers/extract-worker.ts), never on the crawl thread', () => {
  const EXTRACTORS = new Set(['extractBytes', 'extractHtml', 'extractHtmlWithMethod']);
  const bad: string[] = [];
  for (const file of sourceFiles('crawlers')) {
    if (file.endsWith(path.join('crawlers', 'extract-worker.ts'))) continue;
    const visit = (n: ts.Node) => {
      if (ts.isImportSpecifier(n) && EXTRACTORS.has((n.propertyName ?? n.name).text)) bad.push(`${rel(file)} imports ${n.name.text}`);
      ts.forEachChild(n, visit);
    };
    visit(parse(file));
  }
  assert.deepEqual(bad, []);
});
