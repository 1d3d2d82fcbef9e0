// Agency (机关全称 as printed) when the title does not carry it: the metadata table, then the opening paragraph.
import { findDivisions } from './divisions.ts';

export interface AgencyGuess { agency: string | null; source: 'title' | 'text' | 'meta' | 'portal' | null }

const META_KEYS = ['发布机构', '发文机关', '发文机构', '发布单位', '来源', '信息来源'];

/** Opening-paragraph phrasings that name the body: "现将安化县人民政府2021年政府信息公开…", "本报告是XX局…". */
const TEXT_PATTERNS: RegExp[] = [
  /现将([^,，。；;、“”《》()（）\s]{2,40}?)(?:(?:19|20)\d{2}年度?)(?:政府|政务)?信息公开/,
  /^([^,，。；;、“”《》()（）\s]{2,40}?)(?:(?:19|20)\d{2}年度?)(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度报告|年报|工作报告)/m,
  /本(?:年度)?报告(?:是|由)([^,，。；;、“”《》()（）\s]{2,30}?)(?:根据|依据|按照|编制|编写)/,
];

function clean(name: string): string | null {
  const n = name.replace(/^(?:关于|根据|按照|现将)/, '').replace(/(?:的|关于|现将)$/, '');
  if (n.length < 2 || /^(本|我|全|各)/.test(n)) return null;
  return n;
}

export function agencyFromMeta(meta: Record<string, string> | undefined): string | null {
  if (!meta) return null;
  for (const k of META_KEYS) {
    const v = meta[k]?.trim();
    if (v && v.length >= 2 && v.length <= 60 && !/^(本站|本网|原创|网站|未知)/.test(v)) return v;
  }
  return null;
}

export function agencyFromText(text: string): string | null {
  const head = text.slice(0, 3000);
  for (const re of TEXT_PATTERNS) {
    const m = re.exec(head);
    const n = m?.[1] ? clean(m[1]) : null;
    if (n) return n;
  }
  // "我县…新邵县门户网站…": the division of the kind the text calls "我X" that it names most.
  const self = /我(县|区|市|旗)/.exec(head)?.[1];
  if (self) {
    const counts = new Map<string, number>();
    for (const h of findDivisions(text.slice(0, 8000))) {
      if (h.name.endsWith(self) || (self === '县' && h.name.endsWith('旗'))) counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1])) return ranked[0]![0];
  }
  return null;
}
