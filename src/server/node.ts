/**
 * Node adapter: turns the relay's Fetch handler into a `(req, res, next?)` listener for `node:http`,
 * Express or Connect. Built on `@hono/node-server` rather than hand-written stream plumbing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { OnboardingHandler } from './types.js';

export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

export interface NodeAdapterOptions {
  /** Only requests whose path starts with this prefix are handled; others go to `next()` (or 404). */
  prefix?: string;
}

export function toNodeListener(
  handler: OnboardingHandler,
  options: NodeAdapterOptions = {},
): NodeListener {
  const listener = getRequestListener((request, env) =>
    handler(request, { remoteAddress: env.incoming.socket?.remoteAddress }),
  );
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.prefix && !path.startsWith(options.prefix)) {
      if (next) next();
      else {
        res.statusCode = 404;
        res.end();
      }
      return;
    }
    listener(req, res).catch((error: unknown) => (next ? next(error) : res.destroy()));
  };
}
