/**
 * Per-client-address limits in fixed windows, counted in the store so every relay instance adds
 * to the same count. Fixed windows keyed by the window's number need no TTL read-back to answer
 * `Retry-After`. An unknown address is not limited: one shared bucket would let anyone lock
 * everyone out.
 */
import { clientRateKey } from './forward.js';
import type { RelayStore } from './types.js';

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** Counts one request; returns the seconds left in the window when it is over the limit. */
export async function overRateLimit(
  store: RelayStore,
  now: number,
  name: string,
  ip: string | undefined,
  limit: RateLimit | undefined,
): Promise<number | undefined> {
  if (!limit || !ip) return undefined;
  const windowMs = limit.windowSeconds * 1000;
  const bucket = Math.floor(now / windowMs);
  const count = await store.increment(
    `${name}:${clientRateKey(ip)}:${bucket}`,
    limit.windowSeconds,
  );
  if (count <= limit.max) return undefined;
  return Math.max(1, Math.ceil(((bucket + 1) * windowMs - now) / 1000));
}
