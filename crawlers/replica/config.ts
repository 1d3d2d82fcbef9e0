// The portals file of the replica: one portal per folder of ./site, all on the replica's host:port. Adding a replica
// portal is a folder under ./site and one line here (and its expected results in the tests' fixtures).
import { PortalsFile } from '../../src/schema/config.ts';

/** One portal per fixture site, all on the replica's host:port; politeness is the caller's choice. */
export function replicaPortalsFile(baseUrl: string): PortalsFile {
  const host = new URL(baseUrl).host;
  const u = (p: string) => new URL(p, baseUrl).toString();
  const portal = (id: string, name: string, start: string, extra: Record<string, unknown> = {}) => ({
    id, name, start_urls: [u(start)], allowed_hosts: [host], max_pages: 60, ...extra,
  });
  return PortalsFile.parse({
    user_agent: 'ogi-harvest/0.1 (replica test crawl)',
    contact_url: 'https://example.org/ogi-harvest/contact',
    rate: 50,
    respect_robots: true,
    request_timeout_secs: 10,
    portals: [
      portal('replica-trs', '平潭综合实验区（TRS 样式）', '/trs/zwgk/zfxxgknb/', { agency: '平潭综合实验区管理委员会' }),
      portal('replica-hanweb', '三元区（大汉 JCMS 样式）', '/hw/col/col1234/index.html'),
      portal('replica-gbk', '土右旗（GBK 站点）', '/gbk/xxgk/ndbg/index.htm'),
      portal('replica-gkmlpt', '安化县（gkmlpt 样式）', '/gd/gkmlpt/index#2731'),
      portal('replica-js', '某县（脚本生成列表）', '/js/xxgk/nb/index.html'),
      portal('replica-attach', '洪泽区（附件年报）', '/att/zfxxgk/ndbg/index.html'),
      portal('replica-robots', '三元区政务公开网（robots.txt）', '/rb/xxgk/gknb/index.html'),
      portal('replica-blocked', '某市（412 挑战）', '/blk/xxgk/ndbg/index.html'),
      portal('replica-soft404', '安化县政务公开网（软 404）', '/s404/xxgk/nb/index.html'),
      portal('replica-trap', '土右旗政务服务网（翻页陷阱）', '/trap/list.html', { max_pages: 40 }),
    ],
  });
}
