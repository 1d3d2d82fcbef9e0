import { parsePortalsFile, readPortalsText } from '../src/config/load.ts';
import type { Portal, PortalsFile } from '../src/schema/config.ts';

interface Parsed { text: string; settings: Omit<PortalsFile, 'portals'>; byId: Map<string, Portal> }

/** Files kept parsed: a worker serves one portals file, or a few; the least recently used beyond these is dropped. */
const MAX_FILES = 8;

/**
 * The portals file as each crawl job reads it: every job reads the file again, so an edit between runs is seen, but a
 * text already parsed in this process is not parsed again. Parsing and validating a file of thousands of portals
 * costs far more than a crawl of one small column; done per job, a run's CPU grew with the square of its portals.
 */
export class PortalConfigCache {
  /** The portal and the file's settings, each a copy the caller may change; null when the file has no such portal. */
  async portal(file: string, portalId: string): Promise<{ portal: Portal; settings: Omit<PortalsFile, 'portals'> } | null> {
    const text = await readPortalsText(file);
    let parsed = this.files.get(file);
    this.files.delete(file); // re-inserted below: the map's order is the order of use
    if (parsed?.text !== text) {
      const { portals, ...settings } = parsePortalsFile(text, file);
      parsed = { text, settings, byId: new Map(portals.map((p) => [p.id, p])) };
      this.parses++;
    }
    this.files.set(file, parsed);
    while (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value!);
    const portal = parsed.byId.get(portalId);
    return portal ? { portal: structuredClone(portal), settings: structuredClone(parsed.settings) } : null;
  }

  /** How many times a file was parsed: what the tests check. */
  parses = 0;
  private files = new Map<string, Parsed>();
}
