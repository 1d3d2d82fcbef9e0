// ASP.NET WebForms pagers (AspNetPager and the like, on older .aspx county platforms): 下一页 is
// `javascript:__doPostBack('ctl00$…$AspNetPager1','3')`, which posts the page's form back with its hidden state
// (__VIEWSTATE, __EVENTVALIDATION …) plus the event target and argument. We build that POST. Only the next and
// last links are followed: every answer carries a new __VIEWSTATE, so numbered links would never repeat a task key,
// and the trap rule (a later page that brings no new links ends the chain) needs a chain, not a fan.
import { tagAttr } from '../links.ts';
import { tags } from '../html-scan.ts';
import { LAST_TEXT, NEXT_TEXT } from '../rules/vocabulary.ts';
import type { CmsIdiom, NextPage } from './types.ts';

const POSTBACK = /__doPostBack\(\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\)/;


export const aspnet: CmsIdiom = {
  name: 'aspnet-postback',
  discover(page) {
    if (page.task.kind !== 'list' || !page.body.includes('__doPostBack') || !page.body.includes('__VIEWSTATE')) return null;
    const hidden = new URLSearchParams();
    let formAttrs = '';
    for (const t of tags(page.body, ['input', 'form'])) {
      if (t.name === 'form') {
        formAttrs ||= t.attrs;
        continue;
      }
      if ((tagAttr(t.attrs, 'type') ?? '').toLowerCase() !== 'hidden') continue;
      const name = tagAttr(t.attrs, 'name');
      if (name && name !== '__EVENTTARGET' && name !== '__EVENTARGUMENT') hidden.set(name, tagAttr(t.attrs, 'value') ?? '');
    }
    const action = tagAttr(formAttrs, 'action');
    let url: string;
    try {
      url = new URL(action || page.url, page.url).toString();
    } catch {
      return null;
    }
    const next: NextPage[] = [];
    for (const a of page.anchors()) {
      const label = a.text || a.title;
      if (!NEXT_TEXT.test(label) && !LAST_TEXT.test(label)) continue;
      const pb = POSTBACK.exec(a.href ?? '');
      if (!pb) continue;
      const form = new URLSearchParams(hidden);
      form.set('__EVENTTARGET', pb[1]!);
      form.set('__EVENTARGUMENT', pb[2]!);
      next.push({ url, method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, kind: 'list' });
    }
    return next.length ? { links: [], next } : null;
  },
};
