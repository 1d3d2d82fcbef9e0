import path from 'node:path';

/** `--data-dir`, else `OGI_DATA_DIR`, else `./data`; always absolute so workers agree on it. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.OGI_DATA_DIR ?? 'data');
}

export const DEFAULT_CONFIG = 'config/portals.yaml';
