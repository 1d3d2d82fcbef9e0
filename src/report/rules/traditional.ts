// Traditional → simplified characters for the words the report rules match (big5 mirrors such as the State Council's
// traditional-character gateway print whole reports in them). Data only: pairs of one character each, limited to the
// vocabulary of titles, identity sentences, table labels and body names; everything else passes through unchanged.
export const TRADITIONAL_PAIRS =
  '開开報报統统計计區区縣县務务條条門门發发個个長长東东與与於于辦办處处單单網网請请資资訊讯據据實实況况總总數数' +
  '應应複复議议訴诉訟讼歲岁會会關关們们為为這这來来時时對对說说問问題题經经濟济視视聽听員员機机構构廣广業业' +
  '義义農农產产權权會会並并從从將将並并進进還还點点當当無无幾几們们頁页間间陽阳華华寧宁遼辽龍龙黑黑' +
  '蘇苏贛赣陝陕隴陇甯宁滬沪閩闽魯鲁豫豫鄂鄂湘湘粵粤瓊琼渝渝蜀蜀黔黔滇滇藏藏陝陕甘甘青青維维吾吾爾尔' +
  '雲云遠远邊边區区鎮镇鄉乡街街層层級级廳厅局局委委署署辦办屬属轄辖劃划規规範范準准則则導导' +
  '費费減减免免収收現现將将編编製制寫写載载錄录檔档號号類类項项條条款款審审查查決决定定許许罰罚強强' +
  '徵征彙汇匯汇總总結结轉转繼继續续辦办結结補补員员紀纪錄录聯联繫系絡络郵邮傳传電电話话據据庫库' +
  '訂订設设計计畫画劃划報报導导處处罰罚稅税務务財财貿贸衛卫體体醫医療疗藥药環环護护災灾擊击術术' +
  '鐵铁橋桥園园廠厂礦矿運运輸输態态質质農农積积極极濟济貴贵廳厅獨独舊旧雙双齊齐寶宝興兴豐丰慶庆' +
  '勞劳險险擴扩萬万億亿軍军黨党臺台灣湾藝艺學学習习書书歸归檢检測测驗验證证訪访稱称齡龄團团療疗援援'+
  '歷历屆届頒颁佈布發发佈布監监督督違违紀纪觀观點点禮礼樂乐圖图讀读懂懂說说議议論论詢询諮咨';

let MAP: Map<string, string> | null = null;
export function traditionalMap(): Map<string, string> {
  if (MAP) return MAP;
  const m = new Map<string, string>();
  const chars = [...TRADITIONAL_PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) m.set(chars[i]!, chars[i + 1]!);
  return (MAP = m);
}
