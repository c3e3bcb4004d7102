/** Mounts the dev stack on the Vite dev server (Connect) and the test runner's server (Koa). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { DevStack } from './stack.js';

function listenerFor(stack: DevStack) {
  return getRequestListener(async (request, env) => {
    const response = await stack.handle(request, {
      remoteAddress: env.incoming.socket?.remoteAddress,
    });
    return response ?? new Response('Not found', { status: 404 });
  });
}

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';

export function connectMiddleware(stack: DevStack) {
  const listener = listenerFor(stack);
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    if (!stack.owns(pathOf(req))) return next();
    listener(req, res).catch(next);
  };
}

interface KoaLikeContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

export function koaMiddleware(stack: DevStack) {
  const listener = listenerFor(stack);
  return async (ctx: KoaLikeContext, next: () => Promise<unknown>) => {
    if (!stack.owns(pathOf(ctx.req))) return next();
    ctx.respond = false;
    await listener(ctx.req, ctx.res);
  };
}
