/**
 * Structured logging. Entries carry only what an operator needs (event, method, path template,
 * status, duration, onboarding/jti prefixes); callers never pass bodies, tokens, passwords or
 * secrets, and paths are logged as templates so ids stay out too. Default: silent (no logger),
 * because a library should not write to a partner's console uninvited.
 */
import type { RelayLogger } from './types.js';

export type Log = (
  level: 'info' | 'warn' | 'error',
  event: string,
  fields?: Record<string, string | number | boolean | undefined>,
) => void;

export function createLog(logger: RelayLogger | undefined): Log {
  if (!logger) return () => undefined;
  return (level, event, fields = {}) => {
    try {
      logger({ ...fields, level, event });
    } catch {
      // A failing logger must not fail the request.
    }
  };
}

/** First 8 characters: enough to correlate log lines, too few to replay anything. */
export const idPrefix = (id: string | undefined) => id?.slice(0, 8);

/** Mutable per-request facts for the single log line written when the request ends. */
export interface RequestContext {
  route: string;
  jti?: string;
  oid?: string;
  upstreamStatus?: number;
  auth?: 'admin' | 'customer';
  retried?: boolean;
  reissued?: boolean;
}
