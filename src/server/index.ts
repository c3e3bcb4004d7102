/**
 * `finhub-onboarding/server`: the relay that holds every FinHub secret so the browser never sees one
 * (docs/architecture.md#relay). Web APIs only, so it runs in Node (see `./node.ts`), Deno, Bun,
 * edge and serverless runtimes.
 */
export type * from './types.js';
export { createOnboardingHandler } from './handler.js';
export { createMemoryStore, type MemoryStoreOptions } from './store.js';
// Structural client type only: nothing here imports the `redis` package at run time.
export {
  createRedisStore,
  type RedisClientLike,
  type RedisMultiLike,
  type RedisStoreOptions,
} from './redis-store.js';
export type { RelayErrorCode } from './envelope.js';
export { ROUTES, type RouteDef } from './routes.js';
// The phone hand-off's wire format (docs/handoff.md#endpoints), for hosts writing their own client.
export type {
  HandoffCreateBody,
  HandoffCreated,
  HandoffRefusalCode,
  HandoffSession,
  HandoffState,
  HandoffStatus,
} from '../api/handoff-protocol.js';
export { REISSUED_TOKEN_EXPIRES_HEADER, REISSUED_TOKEN_HEADER } from '../api/types.js';
