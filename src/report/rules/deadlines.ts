// Which bodies the statutory deadlines apply to (docs/domain.md, "Deadlines and dates"). Data only; the deadline
// dates themselves are declared by each report format (src/report/formats/) and identity/deadline.ts applies them.

/** Agency names of a people's government (county and up, or a township), as opposed to one of its departments. */
export const GOVERNMENT_BODY = /(?:人民政府|(?<!办公)政府|行政公署)$|(?:乡|镇|街道)(?:人民政府|办事处)?$|街道办事处$|苏木$/;
/** A bare division name as the body (“北票市2024年度…报告”): the government of that division. */
export const DIVISION_AS_BODY = /^[\u3400-\u9fff]{1,14}(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|自治旗)$/;
/** Names of a government's departments and offices: the earlier deadline applies to them. */
export const DEPARTMENT_BODY = /(?:局|委|委员会|办|办公室|办公厅|厅|署|中心|院|所|站|队|处|部|馆|社|管委会|管理委员会)$/;
