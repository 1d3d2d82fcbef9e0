// Admin level and scope (本级政府汇总 vs the body's own work).
import type { AdminLevel } from '../../schema/config.ts';
import type { Division } from './divisions.ts';

const CENTRAL = /^(?:国务院|中华人民共和国|国家(?!.{0,6}(?:省|市|县|区)))|^(?:外交部|国防部|教育部|科学技术部|工业和信息化部|公安部|民政部|司法部|财政部|自然资源部|生态环境部|交通运输部|水利部|农业农村部|商务部|文化和旅游部|应急管理部|审计署|海关总署|中国人民银行)/;
const TOWNSHIP = /(?:乡|镇|街道|苏木|街道办事处)(?:人民政府|办事处|党委|政府)?$|(?:乡|镇)人民政府|街道办事处/;

/** An agency name of a 乡/镇/街道 body (its 人民政府, 办事处 or party committee). */
export function isTownshipAgency(agency: string): boolean {
  return TOWNSHIP.test(agency);
}

/**
 * 综合实验区, 开发区, 新区, 保税区…: run by the government its name starts with (天津港保税区 → 天津市), one level
 * below it; the region stays that body's. Province-level municipalities' zones are county-level like their districts.
 */
const ZONE = /(?:综合实验区|综合试验区|开发区|新区|保税区|高新区|经开区|示范区|实验区|试验区|工业园区|产业园区)(?:管理委员会|管委会|党工委)?$|(?:综合实验区|开发区|新区|保税区|高新区|经开区|示范区)(?:管理委员会|管委会)/;
const MUNICIPALITY = new Set(['11', '12', '31', '50']);

export function inferAdminLevel(agency: string | null, division: Division | null): AdminLevel | null {
  if (agency && TOWNSHIP.test(agency)) return 'township';
  if (agency && CENTRAL.test(agency) && !division) return 'central';
  if (agency && division && ZONE.test(agency.replace(/\s+/g, ''))) {
    if (division.level === 'province') return MUNICIPALITY.has(division.provinceCode) ? 'county' : 'prefecture';
    if (division.level === 'prefecture') return 'county';
    return division.level;
  }
  if (division) return division.level;
  return null;
}

/** The opening paragraph of a 本级政府 report says it compiles the region's departments and lower governments. */
const AGGREGATE: RegExp[] = [
  /(?:综合|汇总|汇集|结合|根据|在).{0,40}(?:各(?:县|市|区|乡|镇|街道|部门|单位|地)|县直|市直|区直|省直|省级|市级|县级).{0,50}(?:年度报告|年报|报告|报表|统计).{0,20}(?:编制|汇总|基础上)/,
  /(?:编制而成|汇总编制|综合编制|汇编而成)/,
  /(?:全省|全市|全县|全区|全旗|全州)(?:各级)?(?:各)?(?:行政机关|政府部门|各部门|各地)/,
];

/**
 * A government's own report often says it sums its departments and lower governments in other words: “汇总…各单位”,
 * or it counts for the whole area (“全县主动公开…”, “全区各乡镇”). Read only for government bodies: a department's
 * “全县” is the area it serves, not a sum of reports.
 */
const GOVERNMENT_AGGREGATE: RegExp[] = [
  /汇总.{0,40}?各(?:单位|部门|乡镇|镇|乡|街道|县|区|市)/,
  /全(?:省|市|县|区|旗|州|盟)(?:各级)?(?:各)?(?:单位|部门|乡镇|镇街|街道|行政机关)/,
  /全(?:省|市|县|区|旗|州|盟)(?:共|累计|全年)?(?:主动公开|受理|收到|新收|办理)/,
];

export function inferScope(text: string, isGovernment = false): { scope: 'agency_only' | 'region_aggregate'; evidence: string } {
  const head = text.slice(0, 1500);
  for (const re of isGovernment ? [...AGGREGATE, ...GOVERNMENT_AGGREGATE] : AGGREGATE) {
    const m = re.exec(head);
    if (m) return { scope: 'region_aggregate', evidence: m[0].slice(0, 60) };
  }
  return { scope: 'agency_only', evidence: 'no aggregation wording in the opening paragraph' };
}
