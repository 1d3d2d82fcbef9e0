import type { AddressInfo } from 'node:net';
import { createApp, type ServerOptions } from './app.ts';

/** Listens on host:port (loopback and an ephemeral port by default); `url` is where it can be reached. */
export async function startServer(opts: ServerOptions & { port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const { app, close } = createApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}
