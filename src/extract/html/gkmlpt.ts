// Guangdong 政府信息公开目录平台 (gkmlpt) detail pages render the article from a JSON object embedded in a
// script (`window._CONFIG = {… DETAIL: {…}}` or `_CONFIG.DETAIL = {…}`); the static HTML may hold no body.
// We find the object by brace matching and read its fields by name, tolerating the few naming variants seen.

export interface GkmlptDetail {
  title: string | null;
  contentHtml: string | null;
  date: string | null;
  fields: Record<string, string>;
  /** Set when the marker was present but the object could not be read. */
  error?: string;
}

function balancedObject(src: string, from: number): string | null {
  const start = src.indexOf('{', from);
  if (start < 0 || start - from > 20) return null;
  let depth = 0;
  let inStr: string | null = null;
  for (let i = start; i < src.length; i++) {
    const ch = src[i]!;
    if (inStr) {
      if (ch === '\\') i++;
      else if (ch === inStr) inStr = null;
      continue;
    }
    if (ch === '"' || ch === "'") inStr = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return src.slice(start, i + 1);
  }
  return null;
}

// Field names of the gkmlpt post object, as public crawlers of the platform read them (GitHub: a Shenzhen
// gkmlpt crawler storing identifier / publisher / document_number / keywords / classify_main_name /
// classify_genre_name / classify_theme_name / date (as date_written, integer) / created_at (as date_published)
// / display_publish_time (integer); a Guangdong list crawler mapping identifier→索引号, publisher→发布机构).
// classify_main_name is the catalogue column (e.g. 政府公报), not the theme: it is not 主题分类. The theme
// wins over the genre (体裁分类) for the one 主题分类 key.
const FIELD_KEYS: Array<[string, string]> = [
  ['identifier', '索引号'], ['index_no', '索引号'], ['document_number', '文号'], ['doc_no', '文号'],
  ['publisher', '发布机构'], ['source', '来源'], ['classify_theme_name', '主题分类'], ['classify_genre_name', '主题分类'],
  ['keywords', '关键词'],
];

/** Integer epoch times (seconds, or milliseconds) as China wall-clock “YYYY-MM-DD HH:mm:ss”. */
function epochToChina(v: unknown): string | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{9,13}$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = n > 1e11 ? n : n * 1000;
  const d = new Date(ms + 8 * 3600 * 1000);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export function readGkmlptDetail(html: string): GkmlptDetail | null {
  const m = /(?:_CONFIG\.DETAIL\s*=|\bDETAIL\s*:)\s*/.exec(html);
  if (!m) return null;
  const obj = balancedObject(html, m.index + m[0].length);
  const broken = (error: string): GkmlptDetail => ({ title: null, contentHtml: null, date: null, fields: {}, error });
  if (!obj) return broken('gkmlpt DETAIL object is not closed');
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(obj) as Record<string, unknown>;
  } catch (e) {
    return broken(`gkmlpt DETAIL is not JSON: ${(e as Error).message}`);
  }
  const str = (k: string) => (typeof data[k] === 'string' && (data[k] as string).trim() ? (data[k] as string).trim() : null);
  const fields: Record<string, string> = {};
  for (const [k, label] of FIELD_KEYS) {
    const v = str(k);
    if (v && !(label in fields)) fields[label] = v;
  }
  // `date` is the document's written date (成文日期), an epoch integer or a string; it is not the posting time.
  const written = epochToChina(data['date']) ?? str('date');
  if (written) fields['成文日期'] = written.slice(0, 10);
  return {
    title: str('title'),
    contentHtml: str('content'),
    date: str('publish_time') ?? str('publishedTime') ?? str('created_at') ?? epochToChina(data['display_publish_time']) ?? str('display_publish_time') ?? epochToChina(data['publish_time']),
    fields,
  };
}
