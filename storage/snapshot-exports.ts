// Machine-readable descriptions of a snapshot and loaders for Stata and R, all made from storage/snapshot-files.ts.
import { CODEBOOK, type ColumnType } from '../src/schema/codebook.ts';
import { MEASURES } from '../src/schema/measures.ts';
import { SCHEMA_VERSION } from '../src/schema/record.ts';
import { DIVISION_SOURCE } from '../src/report/identity/region-names.ts';
import { DATA_LICENSE } from './snapshot-license.ts';
import { SNAPSHOT_FILES, type FieldDoc, type FieldType } from './snapshot-files.ts';

/**
 * Stata names: at most 32 characters. Table columns (t2_, t3_, t4_, fig_), where most names are too long, all
 * have their parts shortened by this table (applied in order), so one family reads alike; other names fit and
 * stay. A name still too long or taken is cut and numbered.
 */
const STATA_ABBREVIATIONS: ReadonlyArray<[string, string]> = [
  ['litigation_after_reconsideration', 'lit_after_recon'],
  ['litigation_direct', 'lit_direct'],
  ['reconsideration', 'recon'],
  ['other_overdue_correction', 'oth_corr'],
  ['other_overdue_fee', 'oth_fee'],
  ['other_other', 'oth_oth'],
  ['natural_person', 'natper'],
  ['commercial', 'comm'],
  ['research', 'resrch'],
  ['social_org', 'socorg'],
  ['legal_service', 'legal'],
  ['other_org', 'othorg'],
  ['partially_granted', 'partial'],
  ['new_received', 'new'],
  ['carried_over', 'cover'],
  ['carried_forward', 'cfwd'],
  ['denied_', 'den_'],
  ['unable_', 'unab_'],
  ['unprocessed_', 'unpr_'],
  ['state_secret', 'secret'],
  ['law_forbidden', 'lawforb'],
  ['three_safeties', 'safety'],
  ['third_party', 'thirdpty'],
  ['internal_affairs', 'internal'],
  ['process_info', 'process'],
  ['enforcement_files', 'enforce'],
  ['admin_query', 'query'],
  ['needs_creation', 'create'],
  ['publication', 'pub'],
  ['confirmation', 'confirm'],
  ['normative_documents', 'normdocs'],
  ['coercive_measures', 'coercive'],
  ['other_services', 'othsvc'],
  ['_cumulative', '_cum'],
  ['proactive', 'proact'],
  ['new_published', 'newpub'],
  ['total_published', 'totpub'],
];

export function stataNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    let s = name;
    if (s.length > 32 || /^(t2|t3|t4|fig)_/.test(s)) for (const [long, short] of STATA_ABBREVIATIONS) s = s.split(long).join(short);
    if (s.length > 32 || used.has(s)) {
      const base = s.slice(0, 28);
      let k = 1;
      while (used.has((s = `${base}_${k}`))) k++;
    }
    used.add(s);
    out.set(name, s);
  }
  return out;
}

export const REPORT_STATA_NAMES = stataNames(CODEBOOK.map((c) => c.name));

const TABLE_SCHEMA_TYPES: Record<FieldType, string> = { string: 'string', integer: 'integer', double: 'number', boolean: 'boolean', date: 'date', timestamp: 'datetime', object: 'object', array: 'array' };

function tableSchema(fields: readonly FieldDoc[]) {
  return {
    fields: fields.map((f) => ({
      name: f.name,
      type: TABLE_SCHEMA_TYPES[f.type],
      // fetched_at carries milliseconds, which the default datetime format (%Y-%m-%dT%H:%M:%SZ) does not.
      ...(f.type === 'timestamp' ? { format: 'any' } : {}),
      ...(f.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
      description: f.zh ? `${f.zh}. ${f.en}` : f.en,
    })),
    missingValues: [''],
    ...(fields[0]?.name === 'report_id' && fields === SNAPSHOT_FILES[0]!.fields ? { primaryKey: ['report_id'] } : {}),
  };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * Frictionless Data Package (v1 profile, readable by v2 tools): every table as a tabular resource with its
 * Table Schema; the other files as plain resources. `files` gives sizes and SHA-256 of the files written so far.
 */
export function renderDatapackage(created: Date, files: Record<string, { sha256: string; bytes: number }>): string {
  const resources = SNAPSHOT_FILES.filter((f) => f.name !== 'datapackage.json' && f.name !== 'manifest.json').map((f) => {
    const meta = files[f.name];
    const common = {
      name: slug(f.name),
      path: f.name,
      format: f.format === 'jsonl.gz' ? 'jsonl' : f.format.toLowerCase(),
      mediatype: f.mediatype,
      ...(f.format === 'jsonl.gz' ? { compression: 'gz' } : {}),
      encoding: 'utf-8',
      description: f.en,
      ...(meta ? { bytes: meta.bytes, hash: `sha256:${meta.sha256}` } : {}),
    };
    if (f.format === 'csv') {
      return { ...common, profile: 'tabular-data-resource', dialect: { delimiter: ',', doubleQuote: true, quoteChar: '"', header: true, lineTerminator: '\n' }, schema: tableSchema(f.fields!) };
    }
    if (f.format === 'parquet') return { ...common, profile: 'data-resource', schema: tableSchema(f.fields!) };
    return { ...common, profile: 'data-resource' };
  });
  return `${JSON.stringify({
    profile: 'data-package',
    name: 'ogi-harvest',
    title: 'ogi-harvest: Chinese government information-disclosure annual reports (政府信息公开工作年度报告)',
    description: 'One row per report with the standard tables (requests and their outcomes, reconsiderations and lawsuits, rules issued, fees), harmonised measures, region names and consistency checks.',
    version: SCHEMA_VERSION,
    created: created.toISOString(),
    licenses: [{ name: DATA_LICENSE.id, path: DATA_LICENSE.url, title: DATA_LICENSE.name }],
    resources,
  }, null, 2)}\n`;
}

/** The codebook as data: files, fields, harmonised measures and their sources, code list vintage. */
export function renderCodebookJson(): string {
  return `${JSON.stringify({
    schema_version: SCHEMA_VERSION,
    license: DATA_LICENSE,
    region_codes: DIVISION_SOURCE,
    files: SNAPSHOT_FILES.map((f) => ({
      name: f.name,
      format: f.format,
      description: f.en,
      fields: f.fields?.map((fd) => {
        const col = f.fields === SNAPSHOT_FILES[0]!.fields ? CODEBOOK.find((c) => c.name === fd.name) : undefined;
        return {
          name: fd.name,
          type: fd.type,
          zh: fd.zh,
          en: fd.en,
          ...(col ? { source_label: col.source_label, stata_name: REPORT_STATA_NAMES.get(fd.name), ...(col.derived_from ? { derived_from: col.derived_from } : {}) } : {}),
        };
      }) ?? null,
    })),
    measures: MEASURES.map((m) => ({ name: m.name, zh: m.zh, en: m.en, sources: m.sources, note: m.note })),
  }, null, 2)}\n`;
}

/** Stata variable labels hold 80 bytes; cut on a character boundary. */
function label80(s: string): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > 80) break;
    out += ch;
  }
  return out;
}

const STATA_STRING: ReadonlySet<ColumnType> = new Set(['string', 'boolean', 'date', 'timestamp']);

/** reports.do: `import delimited` with every column's type fixed (region_code stays text), short names, labels. */
export function renderStataDo(): string {
  const cols = CODEBOOK.map((c, i) => ({ ...c, v: `v${i + 1}`, stata: REPORT_STATA_NAMES.get(c.name)! }));
  const strCols = cols.filter((c) => STATA_STRING.has(c.type)).map((c, _i) => cols.indexOf(c) + 1);
  const numCols = cols.filter((c) => !STATA_STRING.has(c.type)).map((c) => cols.indexOf(c) + 1);
  const lines = [
    `* ogi-harvest dataset (schema ${SCHEMA_VERSION}): load reports.csv into Stata 15 or later.`,
    '* Run in the snapshot directory:  do reports.do',
    '* Names longer than 32 characters are shortened (codebook.json gives each column\'s stata_name).',
    '* Count each report once: keep if is_primary == 1',
    'version 15',
    'clear',
    `import delimited using "reports.csv", varnames(nonames) rowrange(2) encoding("utf-8") delimiters(",") bindquotes(strict) maxquotedrows(unlimited) stringcols(${strCols.join(' ')}) numericcols(${numCols.join(' ')}) clear`,
    ...cols.map((c) => `rename ${c.v} ${c.stata}`),
    ...cols.filter((c) => c.type === 'boolean').flatMap((c) => [
      `generate byte _b = cond(${c.stata} == "true", 1, cond(${c.stata} == "false", 0, .))`,
      `drop ${c.stata}`,
      `rename _b ${c.stata}`,
    ]),
    ...cols.filter((c) => c.type === 'date').flatMap((c) => [
      `generate double _d = date(${c.stata}, "YMD")`,
      'format _d %td',
      `drop ${c.stata}`,
      `rename _d ${c.stata}`,
    ]),
    ...cols.filter((c) => c.type === 'timestamp').flatMap((c) => [
      `generate double _t = clock(subinstr(substr(${c.stata}, 1, 19), "T", " ", 1), "YMDhms")`,
      'format _t %tc',
      `drop ${c.stata}`,
      `rename _t ${c.stata}`,
    ]),
    `order ${cols.map((c) => c.stata).join(' ')}`,
    // Compound quotes; ` and $ would start a macro expansion inside them.
    ...cols.map((c) => `label variable ${c.stata} \`"${label80(`${c.name === c.stata ? '' : `${c.name}: `}${c.en}`.replace(/[`$]/g, "'").replace(/"'/g, '" \''))}"'`),
    'compress',
    '',
  ];
  return lines.join('\n');
}

const R_CLASSES: Record<ColumnType, string> = { string: 'character', integer: 'numeric', double: 'numeric', boolean: 'logical', date: 'character', timestamp: 'character' };
const rString = (s: string) => JSON.stringify(s);

/** reports.R: base R, `read.csv` with the column classes fixed and a "label" attribute per column. */
export function renderR(): string {
  const lines = [
    `# ogi-harvest dataset (schema ${SCHEMA_VERSION}): load reports.csv into R with types and labels (base R only).`,
    '# In the snapshot directory:  source("reports.R")   # creates `reports`',
    '# Count each report once: subset(reports, is_primary)',
    '# With the arrow package, arrow::read_parquet("reports.parquet") gives the same types without this script.',
    'ogi_classes <- c(',
    CODEBOOK.map((c) => `  ${rString(c.name)} = ${rString(R_CLASSES[c.type])}`).join(',\n'),
    ')',
    'ogi_labels <- c(',
    CODEBOOK.map((c) => `  ${rString(c.name)} = ${rString(`${c.zh} — ${c.en}`)}`).join(',\n'),
    ')',
    'reports <- read.csv("reports.csv", fileEncoding = "UTF-8-BOM", encoding = "UTF-8", colClasses = ogi_classes, na.strings = "", check.names = FALSE, stringsAsFactors = FALSE)',
    ...CODEBOOK.filter((c) => c.type === 'date').map((c) => `reports[[${rString(c.name)}]] <- as.Date(reports[[${rString(c.name)}]])`),
    ...CODEBOOK.filter((c) => c.type === 'timestamp').map((c) => `reports[[${rString(c.name)}]] <- as.POSIXct(substr(reports[[${rString(c.name)}]], 1, 19), format = "%Y-%m-%dT%H:%M:%S", tz = "UTC")`),
    'for (ogi_col in names(ogi_labels)) attr(reports[[ogi_col]], "label") <- ogi_labels[[ogi_col]]',
    'rm(ogi_classes, ogi_labels, ogi_col)',
    '',
  ];
  return lines.join('\n');
}
