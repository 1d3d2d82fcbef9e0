// A portal that misbehaves: one list page linking to report pages that each fail in one way real government
// sites do, plus one good report, plus a 下一页 chain that never ends. Served on 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { fixture } from './tmp.ts';

/** Report pages of the faulty portal: path, link title and how it misbehaves. */
export const FAULTS = [
  { name: 'good', path: '/f/r/t20240115_good.html', title: '好县人民政府2023年政府信息公开工作年度报告' },
  { name: 'timeout', path: '/f/r/t20240115_timeout.html', title: '慢县人民政府2023年政府信息公开工作年度报告' },
  { name: 'reset', path: '/f/r/t20240115_reset.html', title: '断县人民政府2023年政府信息公开工作年度报告' },
  { name: '500', path: '/f/r/t20240115_500.html', title: '错县人民政府2023年政府信息公开工作年度报告' },
  { name: 'redirect-loop', path: '/f/r/t20240115_loop.html', title: '环县人民政府2023年政府信息公开工作年度报告' },
  { name: 'huge', path: '/f/r/t20240115_huge.html', title: '巨县人民政府2023年政府信息公开工作年度报告' },
  { name: 'binary', path: '/f/r/t20240115_binary.html', title: '乱县人民政府2023年政府信息公开工作年度报告' },
  { name: 'wrong-charset', path: '/f/r/t20240115_wrongcs.html', title: '码县人民政府2023年政府信息公开工作年度报告' },
  { name: 'no-charset', path: '/f/r/t20240115_nocs.html', title: '无码县人民政府2023年政府信息公开工作年度报告' },
  { name: 'truncated-pdf', path: '/f/r/P020240115_trunc.pdf', title: '残县人民政府2023年政府信息公开工作年度报告' },
] as const;

export const HUGE_BYTES = 20 * 1024 * 1024;

export interface FaultySite {
  baseUrl: string;
  startUrl: string;
  host: string;
  url(name: (typeof FAULTS)[number]['name']): string;
  /** Requests per path (to see retries and that the chain of list pages stopped). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

function reportHtml(title: string, charsetMeta: string | null): string {
  const body = readFileSync(fixture('texts', 'pingtan-2021.txt'), 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => `<p>${l.replace(/</g, '&lt;')}</p>`).join('\n');
  return `<!DOCTYPE html><html><head>${charsetMeta ? `<meta charset="${charsetMeta}">` : ''}<title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a></div><div class="article"><h1>${title}</h1><div class="TRS_Editor">${body}</div></div>
<div class="footer">版权所有</div></body></html>`;
}

export async function startFaultySite(): Promise<FaultySite> {
  const hits = new Map<string, number>();
  const held = new Set<http.ServerResponse>();
  // Deterministic junk: a fixed pseudo-random sequence, so a failure can be replayed.
  let seed = 12345;
  const junk = Buffer.alloc(200_000);
  for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const pdf = readFileSync(fixture('pdf', 'huaian-hongze-2023.pdf'));
  // A real report followed by 20 MB of further paragraphs inside the same article body.
  const [hugeHead, hugeTail] = reportHtml(FAULTS[5].title, 'utf-8').split('</div></div>') as [string, string];
  const filler = '<p>附表：本年度无其他需要报告的事项。</p>\n';
  let hugeBody: Buffer | null = null;

  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const html = (status: number, body: string | Buffer, type = 'text/html; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (p === '/f/list/index.html' || /^\/f\/list\/index_\d+\.html$/.test(p)) {
      const n = Number(/_(\d+)\.html$/.exec(p)?.[1] ?? 0);
      const items = n === 0 ? FAULTS.map((f) => `<li><a href="${f.path}">${f.title}</a><span>2024-01-15</span></li>`).join('\n') : '';
      // Endless pagination: every page links the next one and one new notice, so "new links" never run out.
      return html(200, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div><ul class="list">${items}
<li><a href="/f/notice/${n}.html">关于开展第${n}期业务培训的通知</a></li></ul>
<div class="page"><a href="index_${n + 1}.html">下一页</a></div></body></html>`);
    }
    switch (p) {
      case FAULTS[0].path:
        return html(200, reportHtml(FAULTS[0].title, 'utf-8'));
      case FAULTS[1].path:
        // Never answers: the crawler's timeout must end it. Closed when the server closes.
        held.add(res);
        res.once('close', () => held.delete(res));
        return;
      case FAULTS[2].path:
        return void req.socket.destroy();
      case FAULTS[3].path:
        return html(500, '<html><body><h1>500 Internal Server Error</h1></body></html>');
      case FAULTS[4].path:
      case '/f/r/t20240115_loop2.html':
        res.writeHead(302, { location: p === FAULTS[4].path ? '/f/r/t20240115_loop2.html' : FAULTS[4].path });
        return void res.end();
      case FAULTS[5].path: {
        hugeBody ??= Buffer.from(`${hugeHead}${filler.repeat(Math.ceil(HUGE_BYTES / Buffer.byteLength(filler)))}</div></div>${hugeTail}`);
        // Declared, as a server sends a file: the limit is decided from the header, so a loaded machine that reads the
        // body slowly cannot turn it into a timeout (the streamed case is in test/crawlers/fetch-limits.test.ts).
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': hugeBody.length });
        return void res.end(hugeBody);
      }
      case FAULTS[6].path:
        return html(200, junk);
      case FAULTS[7].path:
        // GBK bytes under a header that says UTF-8 (a common CMS misconfiguration).
        return html(200, iconv.encode(reportHtml(FAULTS[7].title, 'utf-8'), 'gbk'));
      case FAULTS[8].path:
        // GBK bytes with no charset in the header or the page.
        return html(200, iconv.encode(reportHtml(FAULTS[8].title, null), 'gbk'), 'text/html');
      case FAULTS[9].path:
        return html(200, pdf.subarray(0, Math.floor(pdf.length / 3)), 'application/pdf');
    }
    if (p.startsWith('/f/notice/')) return html(200, `<html><head><meta charset="utf-8"><title>通知</title></head><body><p>培训通知</p></body></html>`);
    html(404, '<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrl = `http://${host}`;
  return {
    baseUrl,
    host,
    startUrl: `${baseUrl}/f/list/index.html`,
    url: (name) => new URL(FAULTS.find((f) => f.name === name)!.path, baseUrl).toString(),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of held) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The faulty portal's request timeout: short enough for the silent page to fail soon, long enough that no other
 * page times out on a loaded machine (at 1 s, the connection-reset page was reported as a timeout under load).
 */
export const FAULTY_TIMEOUT_SECS = 5;

/** portals.yaml for the faulty site: one portal, FAULTY_TIMEOUT_SECS, a page budget that ends the endless pager. */
export function faultyPortalsYaml(site: FaultySite, maxPages = 30): string {
  return `user_agent: "ogi-harvest/0.1 (fault test)"
rate: 100
respect_robots: false
request_timeout_secs: ${FAULTY_TIMEOUT_SECS}
portals:
  - id: faulty
    name: 故障门户
    agency: 好县人民政府
    start_urls: ["${site.startUrl}"]
    allowed_hosts: ["${site.host}"]
    render: http
    max_pages: ${maxPages}
`;
}
