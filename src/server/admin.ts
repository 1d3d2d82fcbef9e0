import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import { Redis } from 'ioredis';
import { QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT } from '../schema/queue.ts';
import { SCHEDULE_QUEUE } from '../../queues/schedule.ts';

export const ADMIN_PATH = '/admin/queues';
const COOKIE = 'ogi_admin';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function presented(req: Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  if (typeof req.query.token === 'string') return req.query.token;
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null;
}

/**
 * The token check in front of the dashboard: Bearer header, `?token=`, or the cookie set after either
 * (the dashboard's own script and API requests carry no token, so a browser needs the cookie).
 */
export function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = presented(req);
    if (!given || !same(given, token)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="ogi admin"');
      res.json({ error: 'admin token required (Authorization: Bearer <token> or ?token=<token>)' });
      return;
    }
    res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(given)}; Path=${ADMIN_PATH}; HttpOnly; SameSite=Strict`);
    next();
  };
}

/** Mounts bull-board for every ogi queue; returns the router and a close() for its Redis connection. */
export function queueDashboard(redisUrl: string): { router: Router; close(): Promise<void> } {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = [QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT, SCHEDULE_QUEUE].map((name) => new Queue(name, { connection }));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter });
  return {
    router: serverAdapter.getRouter() as Router,
    close: async () => {
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
    },
  };
}
