// The registered list idioms. Every list page is offered to each; adding a CMS idiom = one file + one line here.
import { aspnet } from './aspnet.ts';
import { gkmlpt } from './gkmlpt.ts';
import { hanweb } from './hanweb.ts';
import { indexN } from './index-n.ts';
import { nextLink } from './next-link.ts';
import { pageParam } from './page-param.ts';
import { scriptData } from './script-data.ts';
import { trs } from './trs.ts';
import { trsScriptPager } from './trs-pager.ts';
import type { CmsIdiom } from './types.ts';

export const IDIOMS: readonly CmsIdiom[] = [hanweb, gkmlpt, trs, trsScriptPager, nextLink, indexN, pageParam, scriptData, aspnet];
export type { BudgetCut, CmsIdiom, IdiomOutput, NextPage, FoundLink } from './types.ts';
