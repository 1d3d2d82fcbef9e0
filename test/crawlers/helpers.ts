// Shared set-up of the crawler tests: a replica server, a data dir, and a crawl of one portal that collects docs.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crawlPortal, type CrawlPortalOptions } from '../../crawlers/crawl-portal.ts';
import type { ReplicaServer } from '../../crawlers/replica/server.ts';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { Archive } from '../../storage/archive.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';

export const tmpData = () => mkdtemp(path.join(os.tmpdir(), 'ogi-crawl-test-'));

export async function crawlReplica(server: ReplicaServer, portalId: string, dataDir: string, runId: string, extra: Partial<CrawlPortalOptions> = {}) {
  const { portals, ...settings } = replicaPortalsFile(server.baseUrl);
  const portal = portals.find((p) => p.id === portalId);
  if (!portal) throw new Error(`no replica portal ${portalId}`);
  const docs: { doc: CleanDocument; sha: string }[] = [];
  const report = await crawlPortal({
    portal, settings, runId, dataDir, archive: new Archive(dataDir), politeness: false,
    onDocument: async (doc, sha) => void docs.push({ doc, sha }),
    ...extra,
  });
  return { report, docs, paths: docs.map((d) => { const u = new URL(d.doc.url); return u.pathname + u.search; }) };
}

/**
 * One crawl of a test server's portal, robots off and politeness off, into a fresh data dir: for the tests that
 * serve a few hand-written pages of their own rather than the replica.
 */
export async function crawlSite(startUrl: string, runId = 'test-run') {
  const dataDir = await tmpData();
  const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'site', name: 'site', start_urls: ['http://x/'] }], respect_robots: false });
  const portal = Portal.parse({ id: 'site', name: 'site', start_urls: [startUrl], allowed_hosts: [new URL(startUrl).host] });
  const docs: CleanDocument[] = [];
  const report = await crawlPortal({ portal, settings, runId, dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void docs.push(d) });
  return { report, docs };
}
