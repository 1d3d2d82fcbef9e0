import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * An answer the client may read: status and a message written for it, never a path or a stack. Anything
 * else thrown in a handler is logged on the server and answered with a bare "internal error" and an id
 * that finds the log line.
 */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function logServerError(what: string, err?: unknown): void {
  const detail = err === undefined ? '' : `: ${(err as Error)?.stack ?? String(err)}`;
  process.stderr.write(`ogi serve: ${what}${detail}\n`);
}

export function errorHandler(err: Error & { status?: number; statusCode?: number }, req: Request, res: Response, _next: NextFunction): void {
  let status = 500;
  let message = 'internal error';
  if (err instanceof HttpError) {
    status = err.status;
    message = err.message;
  } else {
    // express and its parsers raise 4xx errors for bad requests (a malformed %-escape…); their text can
    // quote the request, so only the status is passed on.
    const s = err.status ?? err.statusCode;
    if (s && s >= 400 && s < 500) {
      status = s;
      message = STATUS_CODES[s] ?? 'bad request';
    }
  }
  if (status >= 500) {
    const id = randomBytes(4).toString('hex');
    logServerError(`[${id}] ${req.method} ${req.originalUrl}`, err);
    message = `${message} (logged as ${id})`;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json({ error: message });
}
