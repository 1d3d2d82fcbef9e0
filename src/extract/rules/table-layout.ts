// How the standard tables of the annual report announce themselves on a printed page, for rebuilding their grids
// from positioned words (src/extract/layout/grid.ts). Matched on a line's text with all whitespace removed.

export type LayoutTableKind = 't2' | 't3' | 't4';

/**
 * Headings above the tables: “表二 …”, “二、主动公开政府信息情况”, “（三）收到和处理政府信息公开申请情况”,
 * “四、政府信息公开行政复议、行政诉讼情况”, “因政府信息公开被申请行政复议、提起行政诉讼情况” (2019/2021 formats),
 * with or without the 表N/ordinal prefix, and with a unit note after them (“（单位：件）”).
 */
const PREFIX = '^(?:表[一二三四五1-5][:：、.．]?|[（(]?[一二三四五六七八九十1-9]{1,2}[)）、.．]{1,2})?';
const NOTE = '(?:[（(][^（()）]{0,16}[)）])?$';
export const TABLE_HEADINGS: Array<{ kind: LayoutTableKind; re: RegExp }> = [
  { kind: 't2', re: new RegExp(`${PREFIX}主动公开政府信息(?:的)?情况${NOTE}`) },
  { kind: 't3', re: new RegExp(`${PREFIX}收到和处理政府信息公开申请(?:的)?情况${NOTE}`) },
  { kind: 't4', re: new RegExp(`${PREFIX}(?:(?:政府信息公开)?行政复议[、和及]?行政诉讼|(?:因政府信息公开(?:工作)?)?(?:被申请)?行政复议[、和及]?提起行政诉讼)(?:的)?情况${NOTE}`) },
];

/**
 * Header labels that identify a table when its heading is missing or unreadable (a scan, a heading set as an
 * image): every pattern of one entry must occur in the same header line.
 */
export const TABLE_HEADER_LABELS: Array<{ kind: LayoutTableKind; all: RegExp[] }> = [
  { kind: 't2', all: [/信息内容/, /本年(?:制发|新制作|新公开)/] },
  { kind: 't3', all: [/申请人情况/] },
  { kind: 't4', all: [/行政复议/, /行政诉讼/] },
];

/** Section headings of the report (“五、存在的主要问题…”): a table never runs past one set in body type. */
export const SECTION_HEADING = /^(?:[一二三四五六七八九十]+[、.．]|表[一二三四五六七八九十\d])/;

/** Page furniture printed alone at the top or bottom of a page (“- 4 -”, “第4页 共10页”, “4/10”, “4”). */
export const PAGE_NUMBER = /^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|\d{1,3})$/;

/** A value cell: a count, an amount (with its unit when printed in the cell), a share, or a dash/slash for “none”. */
export const VALUE_CELL = /^(?:[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|万元|亿元|元|件|条|个|项|次|人次|人)?|[-—–－/／]|无)$/;

/** The first ordinal of an enumerated list (“1.”, “（1）”, “（一）”, “一、”): a rowspan group of rows starts here. */
export const FIRST_ORDINAL = /^(?:1[.．、]|[（(]1[）)]|[（(]一[）)]|一、)/;

/** Any ordinal that opens a row label: a new label starts here, it does not continue the one above. */
export const ORDINAL_START = /^(?:\d{1,2}[.．、](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])/;
