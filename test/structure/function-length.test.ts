// No function, method or arrow in crawlers/ has a body longer than 80 lines: a longer one is several steps that want
// names of their own (the crawler is made of parts, see crawlers/portal-crawler.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { parse, rel, sourceFiles } from './sources.ts';

const MAX_LINES = 80;

type FunctionLike = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

function nameOf(n: FunctionLike, sf: ts.SourceFile): string {
  if (n.name && ts.isIdentifier(n.name)) return n.name.text;
  if (ts.isConstructorDeclaration(n)) return 'constructor';
  const p = n.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return p.name.getText(sf);
  return `<anonymous at line ${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}>`;
}

/** Every function-like node whose body spans more than `max` lines, as `file:line name (N lines)`. */
export function longFunctions(sf: ts.SourceFile, max = MAX_LINES): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) && n.body) {
      const start = sf.getLineAndCharacterOfPosition(n.body.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(n.body.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max) out.push(`${rel(sf.fileName)}:${start + 1} ${nameOf(n, sf)} (${lines} lines)`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test(`no function in crawlers/ is longer than ${MAX_LINES} lines`, () => {
  const long = sourceFiles('crawlers').flatMap((f) => longFunctions(parse(f)));
  assert.deepEqual(long, []);
});

test('a long function is found and named', () => {
  const body = Array.from({ length: 90 }, (_, i) => `  const a${i} = ${i};`).join('\n');
  const sf = ts.createSourceFile('x.ts', `export function tooLong() {\n${body}\n}\nconst ok = () => 1;\nclass K { m() {\n${body}\n} }`, ts.ScriptTarget.Latest, true);
  const found = longFunctions(sf);
  assert.equal(found.length, 2);
  assert.match(found[0]!, /tooLong \(92 lines\)/);
  assert.match(found[1]!, / m \(92 lines\)/);
});
