/**
 * A second origin for the browser tests: a relay in front of the dev stack's sandbox on
 * 127.0.0.1 at a free port, behind a path prefix, mounted with the Node adapter a partner uses,
 * allowing the test page's origin. The page asks `GET /__cross-origin` where it is.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../src/server/node.js';
import type { DevStack } from './stack.js';

export const CROSS_ORIGIN_PREFIX = '/partner/onboarding';

interface KoaLikeContext {
  path: string;
  body?: unknown;
}

/** A web-test-runner plugin (starts and stops the server) and the middleware that reports it. */
export function crossOriginRelay(stack: DevStack) {
  let server: Server | undefined;
  let base: string | undefined;
  return {
    plugin: {
      name: 'cross-origin-relay',
      async serverStart({ config }: { config: { hostname?: string; port?: number } }) {
        const port = config.port ?? 8000;
        const pageOrigins = [config.hostname ?? 'localhost', 'localhost', '127.0.0.1'].map(
          (host) => `http://${host}:${port}`,
        );
        const relay = stack.createRelay({
          prefix: CROSS_ORIGIN_PREFIX,
          allowedOrigins: [...new Set(pageOrigins)],
        });
        server = createServer(toNodeListener(relay, { prefix: CROSS_ORIGIN_PREFIX }));
        const listening = server;
        await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
        const { port: relayPort } = listening.address() as AddressInfo; // TCP: an AddressInfo
        base = `http://127.0.0.1:${relayPort}${CROSS_ORIGIN_PREFIX}`;
      },
      async serverStop() {
        const listening = server;
        if (listening) await new Promise((resolve) => listening.close(resolve));
      },
    },
    async middleware(ctx: KoaLikeContext, next: () => Promise<unknown>) {
      if (ctx.path !== '/__cross-origin') return next();
      ctx.body = { relay: base };
    },
  };
}
