// Codes on a page that name a region (docs/domain.md, "Region hints on pages"). Data only; identity/page-codes.ts applies them.

/**
 * 统一社会信用代码 of a government body: `1` (registered by the 机构编制 authority), `1` (机关), six digits of the
 * registering division, nine of the organisation code. Not inside a longer run of code characters.
 */
export const CREDIT_CODE = /(?<![0-9A-Z])11(\d{6})[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])/g;

/** 网站标识码 of a local government site: ten digits whose first six are its division (ministries use `bm…`). */
export const SITE_CODE = /网站标识码[:：\s]*(\d{10})(?!\d)/;
