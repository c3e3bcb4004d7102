/**
 * "Use my phone", the computer's side (docs/handoff.md#what-the-element-calls): a hand-off for the
 * documents still missing, its link, then the relay's status polled on the flow's clock (so tests
 * drive it) until the phone completes, the code runs out or it is cancelled. Runs through the
 * step's `act`: its signal ends with the element (removed, reset) and with the caller's (the panel
 * left the page), and a `Retry-After` the relay sends is waited out.
 */
import { untilAborted } from '../../api/abort.js';
import {
  handoffLink,
  type HandoffDocument,
  type HandoffStatus,
} from '../../api/handoff-protocol.js';
import { FlowError, type HandoffBackend } from '../../flow/backend.js';
import type { StepContext } from '../../flow/definitions.js';
import { toFailure } from '../../flow/failure.js';

/** The step's `act`: runs an action with the step's context. */
export type Act = <T>(action: (context: StepContext<object>) => Promise<T>) => Promise<T>;

export interface StartedHandoff {
  /** The partner's hand-off page with the code in its fragment: the QR code and "Copy link". */
  link: string;
  /** When the code stops being accepted (ISO-8601). */
  expiresAt: string;
}

/** What the documents view uses; built once per element by the step's `render`. */
export interface HandoffControl {
  start(documents: HandoffDocument[], signal: AbortSignal): Promise<StartedHandoff>;
  /** Polls until the state is final (`complete`, `cancelled`, `expired`), reporting each answer. */
  watch(signal: AbortSignal, onStatus: (status: HandoffStatus) => void): Promise<HandoffStatus>;
  /** Ends the hand-off on the relay: the phone's token is refused from then on. */
  cancel(): Promise<void>;
}

/** The relay's suggestion when it gives none (docs/handoff.md#endpoints: `pollAfter` 2 s). */
const POLL_MS = 2_000;
/** Polls slow down while nothing changes (×1.5 each time), to at most this. */
const MAX_POLL_MS = 10_000;
/** After a failed poll: doubling from the poll interval, to at most this. */
const MAX_RETRY_MS = 30_000;

export const FINAL_STATES: readonly HandoffStatus['state'][] = ['complete', 'cancelled', 'expired'];

/** The backend's hand-off calls; a backend without a relay (a stand-in) has none. */
function calls(context: StepContext<object>): HandoffBackend {
  const handoff = context.backend.handoff;
  if (!handoff) throw new FlowError('not_configured', 'This backend offers no phone hand-off.');
  return handoff;
}

const within = (context: StepContext<object>, signal: AbortSignal) => ({
  ...context,
  signal: AbortSignal.any([signal, context.signal]),
});

/** A hand-off control on `act` for the partner's page `page` (the `handoff-url`). */
export function handoffControl(act: Act, page: string): HandoffControl {
  return {
    start: (documents, signal) =>
      act(async (context) => {
        const verificationId = context.data.ids.verificationId ?? '';
        const created = await calls(context).create(
          { verificationId, documents },
          within(context, signal),
        );
        return {
          link: handoffLink(page, created.code, globalThis.location?.href),
          expiresAt: created.expiresAt,
        };
      }),

    watch: (signal, onStatus) =>
      act(async (context) => {
        const call = within(context, signal);
        const sleep = (ms: number) => context.sleep(ms, call.signal);
        let delay = POLL_MS;
        let seen = -1;
        for (let failures = 0; ;) {
          let status: HandoffStatus;
          try {
            status = await calls(context).status(call);
          } catch (error) {
            // A refusal (the hand-off is gone, the token revoked) ends the wait; a network error,
            // a timeout or a 503 is tried again later, never before its Retry-After.
            if (call.signal.aborted || !toFailure(error).retryable) throw error;
            failures += 1;
            await untilAborted(context.waitOut(error), call.signal);
            await sleep(Math.min(MAX_RETRY_MS, delay * 2 ** failures));
            continue;
          }
          failures = 0;
          onStatus(status);
          if (FINAL_STATES.includes(status.state)) return status;
          const suggested = (status.pollAfter ?? POLL_MS / 1000) * 1000;
          const progress = status.received.length + (status.state === 'opened' ? 1000 : 0);
          delay = progress === seen ? Math.min(MAX_POLL_MS, delay * 1.5) : suggested;
          delay = Math.max(delay, suggested);
          seen = progress;
          await sleep(delay);
        }
      }),

    cancel: () =>
      act(async (context) => {
        // Ended even when the page is leaving: a hand-off left open would let the phone go on.
        await calls(context).cancel({ ...context, signal: AbortSignal.timeout(15_000) });
      }),
  };
}
