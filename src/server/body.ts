/**
 * Reading a browser's request body without letting it hold the relay's memory or time: a size
 * limit (on `Content-Length` first, then while reading), a deadline for the whole body, one budget
 * of bytes shared by every request in flight, a nesting limit, and a client that hangs up told
 * apart from a relay failure.
 */
import { envelope } from './envelope.js';
import { isJsonObject, parseJson, type JsonValue } from './forward.js';

/** Deepest JSON nesting accepted; FinHub's bodies are a handful of levels deep. */
export const MAX_JSON_DEPTH = 32;
/** Seconds a browser is asked to wait when the relay is out of body budget or store. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** Bytes of request bodies held at once across every request of one relay. */
export interface BodyBudget {
  /** Takes `bytes` from the budget; false (nothing taken) when that would go over. */
  take(bytes: number): boolean;
  give(bytes: number): void;
  readonly inUse: number;
}

export function createBodyBudget(maxBytes: number): BodyBudget {
  let inUse = 0;
  return {
    take(bytes) {
      if (inUse + bytes > maxBytes) return false;
      inUse += bytes;
      return true;
    },
    give(bytes) {
      inUse = Math.max(0, inUse - bytes);
    },
    get inUse() {
      return inUse;
    },
  };
}

export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
  budget: BodyBudget;
}

export type BodyResult =
  | {
      ok: true;
      body: JsonValue | undefined;
      /** Bytes taken from the budget; give them back when the request is done. */
      held: number;
    }
  | { ok: false; response: Response };

const tooLarge = (maxBytes: number) =>
  envelope(413, 'payload_too_large', `The request body exceeds ${maxBytes} bytes.`);
const busy = () =>
  envelope(503, 'relay_busy', 'The relay is handling too many uploads; try again shortly.', {
    'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
  });

/** Whether `value` (an array or object) nests deeper than `limit`; iterative, so no stack overflow. */
function nestedDeeperThan(value: JsonValue, limit: number): boolean {
  const stack: [JsonValue, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) {
      if (typeof child === 'object' && child !== null) stack.push([child as JsonValue, depth + 1]);
    }
  }
  return false;
}

/**
 * Reads and parses a JSON body. Refusals: 413 `payload_too_large`, 503 `relay_busy` (budget
 * spent), 408 `body_timeout`, 499 `client_closed` (the browser hung up mid-body), 400
 * `invalid_body`, 400 `body_too_deep`. Whatever it took from the budget is given back on refusal.
 */
export async function readJsonBody(request: Request, limits: BodyLimits): Promise<BodyResult> {
  const { maxBytes, budget } = limits;
  const declared = request.headers.get('Content-Length');
  const declaredBytes = declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
  const stream = request.body;
  const refuse = async (response: Response, held: number): Promise<BodyResult> => {
    budget.give(held);
    await stream?.cancel().catch(() => undefined);
    return { ok: false, response };
  };
  if (declaredBytes !== undefined && declaredBytes > maxBytes) return refuse(tooLarge(maxBytes), 0);
  if (!stream) return { ok: true, body: undefined, held: 0 };

  // A declared length is reserved whole before reading, so a full budget refuses at once.
  let held = 0;
  if (declaredBytes !== undefined) {
    if (!budget.take(declaredBytes)) return refuse(busy(), 0);
    held = declaredBytes;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.timeoutMs);
  });
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>> | 'timeout';
      try {
        step = await Promise.race([reader.read(), deadline]);
      } catch {
        // The body stream errors only when the connection broke: the browser went away.
        return await refuse(
          envelope(499, 'client_closed', 'The client closed the connection.'),
          held,
        );
      }
      if (step === 'timeout') {
        void reader.cancel().catch(() => undefined);
        budget.give(held);
        return {
          ok: false,
          response: envelope(408, 'body_timeout', 'The request body did not arrive in time.'),
        };
      }
      if (step.done) break;
      total += step.value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => undefined);
        budget.give(held);
        return { ok: false, response: tooLarge(maxBytes) };
      }
      if (total > held) {
        if (!budget.take(total - held)) {
          void reader.cancel().catch(() => undefined);
          budget.give(held);
          return { ok: false, response: busy() };
        }
        held = total;
      }
      chunks.push(step.value);
    }
  } finally {
    clearTimeout(timer);
  }

  if (total === 0) return { ok: true, body: undefined, held };
  const raw = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks.splice(0)) {
    raw.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const parsed = parseJson(raw);
  if (parsed === undefined || (!isJsonObject(parsed) && !Array.isArray(parsed))) {
    budget.give(held);
    return { ok: false, response: envelope(400, 'invalid_body', 'The request body must be JSON.') };
  }
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
    budget.give(held);
    return {
      ok: false,
      response: envelope(400, 'body_too_deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels.`),
    };
  }
  return { ok: true, body: parsed, held };
}
