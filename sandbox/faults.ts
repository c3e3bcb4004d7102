/**
 * Fault injection for tests and the demo: answer matching FinHub calls with an error status,
 * a delay, a `Retry-After`, a body stream that breaks mid-way (a dropped connection), or a body
 * of the test's choosing (an answer shaped in a way the docs never show).
 * Rules apply in insertion order, each `times` times (default 1), optionally only for requests
 * carrying a given `deviceId` header so parallel tests do not disturb each other.
 */
import { isObject, json } from './http.js';

export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Substring of the path, or a regex (a RegExp, or in JSON a string written `/…/flags`). */
  path: string | RegExp;
  /** Only requests whose `deviceId` header equals this. */
  deviceId?: string;
  /** Status to answer with. Defaults to 429 when `retryAfter` is set. */
  status?: number;
  /** How many matching requests the rule affects. Default 1. */
  times?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Wait this long first (then answer normally unless `status`/`drop` is set). */
  delayMs?: number;
  /** Answer with a body stream that errors, like a connection dropped mid-response. */
  drop?: boolean;
  /**
   * Carry the request out, then break its answer's body: FinHub acted, the caller never hears
   * (a lost answer). The relay turns the broken answer into a 502.
   */
  loseAnswer?: boolean;
  /** Overrides the envelope message. */
  message?: string;
  /** Answer with this JSON body instead (status `status`, default 200); nothing is carried out. */
  body?: unknown;
}

export interface FaultSummary {
  id: string;
  method?: string;
  path: string;
  deviceId?: string;
  status?: number;
  remaining: number;
  retryAfter?: number;
  delayMs?: number;
  drop?: boolean;
  loseAnswer?: boolean;
  body?: unknown;
}

interface StoredFault extends FaultRule {
  id: string;
  remaining: number;
  matcher: (path: string) => boolean;
}

const MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  408: 'Request timeout',
  409: 'Conflict',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

function matcherFor(path: string | RegExp): (path: string) => boolean {
  if (path instanceof RegExp) return (p) => path.test(p);
  const regex = /^\/(.+)\/([a-z]*)$/.exec(path);
  if (regex) {
    const compiled = new RegExp(regex[1] ?? '', (regex[2] ?? '').replace('g', ''));
    return (p) => compiled.test(p);
  }
  return (p) => p.includes(path);
}

/** Checks a rule (from TS or the control API's JSON); throws an Error naming the problem. */
export function parseFaultRule(input: unknown): FaultRule {
  if (!isObject(input)) throw new Error('Body must be a JSON object');
  const {
    method,
    path,
    deviceId,
    status,
    times,
    retryAfter,
    delayMs,
    drop,
    loseAnswer,
    message,
    body,
  } = input;
  if (!(path instanceof RegExp) && (typeof path !== 'string' || !path)) {
    throw new Error('path is required (substring or /regex/)');
  }
  const int = (value: unknown, name: string, min: number, max: number): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const str = (value: unknown, name: string): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value) throw new Error(`${name} must be a non-empty string`);
    return value;
  };
  if (drop !== undefined && typeof drop !== 'boolean') throw new Error('drop must be a boolean');
  if (loseAnswer !== undefined && typeof loseAnswer !== 'boolean') {
    throw new Error('loseAnswer must be a boolean');
  }
  const rule: FaultRule = {
    path,
    method: str(method, 'method')?.toUpperCase(),
    deviceId: str(deviceId, 'deviceId'),
    status: int(status, 'status', 200, 599),
    times: int(times, 'times', 1, 1_000_000),
    retryAfter: int(retryAfter, 'retryAfter', 0, 86_400),
    delayMs: int(delayMs, 'delayMs', 0, 120_000),
    drop: drop === true ? true : undefined,
    loseAnswer: loseAnswer === true ? true : undefined,
    message: str(message, 'message'),
    ...(body !== undefined ? { body } : {}),
  };
  if (rule.body !== undefined && (rule.drop || rule.loseAnswer)) {
    throw new Error('body is an answer: it takes no drop or loseAnswer');
  }
  if (rule.body !== undefined && rule.status === undefined) rule.status = 200;
  if (rule.loseAnswer && (rule.status !== undefined || rule.drop)) {
    throw new Error('loseAnswer carries the request out: it takes no status, retryAfter or drop');
  }
  if (rule.status === undefined && rule.retryAfter !== undefined) rule.status = 429;
  if (rule.status === undefined && !rule.drop && !rule.loseAnswer && rule.delayMs === undefined) {
    throw new Error('A fault needs status, retryAfter, delayMs, drop or loseAnswer');
  }
  try {
    matcherFor(rule.path);
  } catch {
    throw new Error('path is not a valid regular expression');
  }
  return rule;
}

export class Faults {
  private rules: StoredFault[] = [];
  private seq = 0;

  add(input: FaultRule): string {
    const rule = parseFaultRule(input);
    const id = `fault-${++this.seq}`;
    this.rules.push({ ...rule, id, remaining: rule.times ?? 1, matcher: matcherFor(rule.path) });
    return id;
  }

  /** Removes all rules, or only those scoped to `deviceId`. Returns how many went. */
  clear(deviceId?: string): number {
    const before = this.rules.length;
    this.rules = deviceId === undefined ? [] : this.rules.filter((r) => r.deviceId !== deviceId);
    return before - this.rules.length;
  }

  list(): FaultSummary[] {
    return this.rules.map(({ matcher: _m, times: _t, path, ...rest }) => ({
      ...rest,
      path: path instanceof RegExp ? String(path) : path,
    }));
  }

  /** The first live rule matching the request, with one use consumed. */
  take(method: string, path: string, deviceId: string | undefined): StoredFault | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.method === undefined || r.method === method) &&
        (r.deviceId === undefined || r.deviceId === deviceId) &&
        r.matcher(path),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An answer whose body breaks after a few bytes, like a connection dropped mid-response. */
export function droppedAnswer(status: number, headers: Record<string, string> = {}): Response {
  const partial = new TextEncoder().encode('{"code":');
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(partial);
      controller.error(new TypeError('sandbox: connection dropped (injected fault)'));
    },
  });
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Plays a rule: waits `delayMs` (abortable by the request's signal), then answers with the
 * broken stream or the error envelope; `undefined` means "carry on and answer normally".
 */
export async function playFault(
  rule: FaultRule,
  signal: AbortSignal | undefined,
): Promise<Response | undefined> {
  if (rule.delayMs) await sleep(rule.delayMs, signal);
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
  if (rule.drop) return droppedAnswer(rule.status ?? 200, headers);
  if (rule.status === undefined) return undefined;
  if (rule.body !== undefined) return json(rule.status, rule.body, headers);
  const message = rule.message ?? MESSAGES[rule.status] ?? 'Injected fault';
  return json(
    rule.status,
    { code: rule.status, message, data: { error: 'INJECTED_FAULT', details: message } },
    headers,
  );
}
