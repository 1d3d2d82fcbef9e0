// Checks a built snapshot against its own documentation: every column of every table file, every key of every
// JSON(L) file is in codebook.json and (for tables) in datapackage.json, with the type the file really has.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';

const PARQUET_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP WITH TIME ZONE' };
const TABLE_SCHEMA_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'object', 'array']);

interface CodebookJson { files: Array<{ name: string; fields: Array<{ name: string; type: string }> | null }> }
interface Datapackage {
  name: string;
  licenses: Array<{ name: string }>;
  resources: Array<{ name: string; path: string; profile: string; bytes?: number; hash?: string; schema?: { fields: Array<{ name: string; type: string; description: string }> } }>;
}

export async function describeParquet(file: string): Promise<Array<[string, string]>> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`)).getRows().map((r) => [String(r[0]), String(r[1])]);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export async function assertEveryFieldDocumented(dir: string): Promise<void> {
  const codebook = JSON.parse(await readFile(path.join(dir, 'codebook.json'), 'utf8')) as CodebookJson;
  const pkg = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as Datapackage;
  const doc = (name: string) => {
    const f = codebook.files.find((x) => x.name === name);
    assert.ok(f?.fields, `${name} is described with its fields in codebook.json`);
    return f.fields;
  };
  const md = await readFile(path.join(dir, 'codebook.md'), 'utf8');

  for (const name of ['reports', 'cells', 'checks']) {
    const fields = doc(`${name}.parquet`);
    // Parquet: the columns, in order, with their types.
    assert.deepEqual(await describeParquet(path.join(dir, `${name}.parquet`)), fields.map((f) => [f.name, PARQUET_TYPES[f.type]]), `${name}.parquet columns = codebook`);
    // CSV header (after the BOM; cells.csv has none) = the same names.
    const head = (await readFile(path.join(dir, `${name}.csv`), 'utf8')).split('\n', 1)[0]!;
    assert.equal(head, `${name === 'cells' ? '' : '\ufeff'}${fields.map((f) => f.name).join(',')}`, `${name}.csv header = codebook`);
    assert.deepEqual(doc(`${name}.csv`).map((f) => f.name), fields.map((f) => f.name));
    for (const f of fields) assert.ok(md.includes(`| \`${f.name}\` |`), `codebook.md documents ${name}.${f.name}`);
    // datapackage: the CSV as a tabular resource, every field typed and described.
    for (const res of [`${name}.csv`, `${name}.parquet`]) {
      const r = pkg.resources.find((x) => x.path === res);
      assert.ok(r?.schema, `datapackage.json has ${res} with a schema`);
      assert.deepEqual(r.schema.fields.map((f) => f.name), fields.map((f) => f.name), `datapackage ${res} fields`);
      for (const f of r.schema.fields) {
        assert.ok(TABLE_SCHEMA_TYPES.has(f.type), `${res}.${f.name}: Table Schema type ${f.type}`);
        assert.ok(f.description.length > 3, `${res}.${f.name} is described`);
      }
    }
  }

  // JSON lines: every key of every line is documented.
  const jsonlKeys = new Set<string>();
  for (const line of (await readFile(path.join(dir, 'reports.jsonl'), 'utf8')).split('\n')) if (line) for (const k of Object.keys(JSON.parse(line))) jsonlKeys.add(k);
  const jsonlDoc = new Set(doc('reports.jsonl').map((f) => f.name));
  for (const k of jsonlKeys) assert.ok(jsonlDoc.has(k), `reports.jsonl key ${k} is in codebook.json`);
  const textKeys = new Set<string>();
  for (const line of gunzipSync(await readFile(path.join(dir, 'texts.jsonl.gz'))).toString('utf8').split('\n')) if (line) for (const k of Object.keys(JSON.parse(line))) textKeys.add(k);
  const textDoc = new Set(doc('texts.jsonl.gz').map((f) => f.name));
  for (const k of textKeys) assert.ok(textDoc.has(k), `texts.jsonl.gz key ${k} is in codebook.json`);
  for (const name of ['stats.json', 'manifest.json']) {
    const keys = Object.keys(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
    const documented = new Set(doc(name).map((f) => f.name));
    for (const k of keys) assert.ok(documented.has(k), `${name} key ${k} is in codebook.json`);
  }

  // Every file of the snapshot is in codebook.json, and every data file is a resource of the package.
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
  for (const name of Object.keys(manifest.files)) {
    assert.ok(codebook.files.some((f) => f.name === name), `${name} is in codebook.json`);
    if (name !== 'datapackage.json') {
      const r = pkg.resources.find((x) => x.path === name);
      assert.ok(r, `${name} is a resource of datapackage.json`);
      assert.equal(r.bytes, manifest.files[name]!.bytes, `${name}: datapackage size = manifest size`);
      assert.equal(r.hash, `sha256:${manifest.files[name]!.sha256}`, `${name}: datapackage hash = manifest hash`);
    }
  }
}

/**
 * The structural rules of the Frictionless Data Package and Table Schema specs (v1) that a validator checks:
 * no validator is installed here (frictionless is a Python tool; no maintained npm validator is in the lockfile).
 */
export async function assertValidDatapackage(dir: string): Promise<void> {
  const pkg = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as Datapackage;
  const NAME = /^[a-z0-9._-]+$/;
  assert.match(pkg.name, NAME);
  assert.ok(pkg.licenses.length > 0 && pkg.licenses.every((l) => l.name));
  const names = new Set<string>();
  for (const r of pkg.resources) {
    assert.match(r.name, NAME, `resource name ${r.name}`);
    assert.ok(!names.has(r.name), `resource name ${r.name} is unique`);
    names.add(r.name);
    assert.ok(!path.isAbsolute(r.path) && !r.path.includes('..'), `resource path ${r.path} is relative and inside the package`);
    if (r.hash) assert.match(r.hash, /^sha256:[0-9a-f]{64}$/);
    if (r.profile === 'tabular-data-resource') assert.ok(r.schema, `${r.name}: a tabular resource has a schema`);
    if (r.schema) {
      const fieldNames = r.schema.fields.map((f) => f.name);
      assert.equal(new Set(fieldNames).size, fieldNames.length, `${r.name}: field names are unique`);
    }
  }
}
