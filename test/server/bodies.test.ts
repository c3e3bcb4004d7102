/**
 * Request bodies cannot hold the relay's memory or time (issue 16, findings 3 and 5): a refused
 * token costs no body read, only document uploads may be large, all bodies in flight share one
 * budget, a body must arrive in time, deep JSON is a 400, and a browser hanging up is logged as
 * that. Bodies here are streams, so the tests see exactly how much of them the relay read.
 */
import { expect } from '@open-wc/testing';
import {
  REGISTRATION_BODY,
  RELAY,
  api,
  createTestRelay,
  json,
  mint,
  registerIndividual,
  withServerHeaders,
  refusal,
} from './helpers.js';
import type { OnboardingHandler, OnboardingHandlerOptions } from '../../src/server/types.js';

const encoder = new TextEncoder();

/** A streamed body that records how many chunks the relay pulled; `hold` keeps it open at the end. */
function streamedBody(chunks: string[], options: { hold?: boolean; failAfter?: number } = {}) {
  let pulls = 0;
  let release: () => void = () => undefined;
  let holding: () => void = () => undefined;
  /** Resolves once every chunk was read and the stream is being held open. */
  const held = new Promise<void>((resolve) => (holding = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pulls += 1;
        if (options.failAfter !== undefined && pulls > options.failAfter) {
          controller.error(new TypeError('network error: connection reset'));
          return;
        }
        const chunk = chunks[pulls - 1];
        if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
        else {
          if (options.hold) {
            holding();
            await new Promise<void>((resolve) => (release = resolve));
          }
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, held, pulls: () => pulls, release: () => release() };
}

function streamRequest(
  path: string,
  token: string,
  stream: ReadableStream<Uint8Array>,
  contentLength?: number,
): Request {
  const request = new Request(`${RELAY}/api/v2.1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return contentLength === undefined
    ? request
    : withServerHeaders(request, { 'Content-Length': String(contentLength) });
}

/** A registered person with one verification: the route that takes documents. */
async function uploader(options: Partial<OnboardingHandlerOptions> = {}) {
  const setup = createTestRelay(options);
  const registered = await registerIndividual(setup.relay);
  const created = await api(
    setup.relay,
    'POST',
    `/customer/individual/${registered.customerId}/verification`,
    { token: registered.token, body: {} },
  );
  const token = created.headers.get('X-Onboarding-Token')!;
  const { verificationId } = ((await created.json()) as { data: { verificationId: string } }).data;
  return { ...setup, token, documents: `/verifications/${verificationId}/documents` };
}

const send = (relay: OnboardingHandler, request: Request) =>
  relay(request, { remoteAddress: '203.0.113.7' });

describe('relay: nothing of a body is read before the token, binding and single use pass', () => {
  it('a token whose registration is spent gets 401 without a byte of its body read', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    finhub.on('POST', /registration$/, () => json({ code: 400, message: 'Bad' }, 400));
    const failed = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: REGISTRATION_BODY,
    });
    expect(failed.status).to.equal(400);
    const body = streamedBody([JSON.stringify(REGISTRATION_BODY)]);
    const again = await send(
      relay,
      streamRequest('/customer/individual/registration', accessToken, body.stream),
    );
    expect(await refusal(again)).to.deep.equal({ status: 401, error: 'onboarding_token_revoked' });
    expect(body.pulls()).to.equal(0);
  });

  it('a bad token, a foreign id and spent sign-in attempts are refused unread too', async () => {
    const { relay } = createTestRelay({ maxSignInAttempts: 1 });
    const { token, customerId, userId } = await registerIndividual(relay);
    const refused = [
      streamRequest(
        `/customer/individual/${customerId}/verification`,
        'not.a-token',
        streamedBody(['{}']).stream,
      ),
      streamRequest(
        '/customer/individual/someone-else/verification',
        token,
        streamedBody(['{}']).stream,
      ),
    ];
    const signIn = `/customer/individual/${customerId}/users/${userId}/sessions`;
    await api(relay, 'POST', signIn, { token, body: { username: 'a', password: 'b' } });
    const overLimit = streamedBody(['{}']);
    refused.push(streamRequest(signIn, token, overLimit.stream));
    const statuses = [];
    for (const request of refused) statuses.push((await send(relay, request)).status);
    expect(statuses).to.deep.equal([401, 403, 429]);
    expect(overLimit.pulls()).to.equal(0);
  });
});

describe('relay: body size per route', () => {
  it('takes a large body only on the document upload; a form body over 256 KiB is 413', async () => {
    const { relay, token, documents, finhub } = await uploader();
    const big = JSON.stringify({ note: 'x'.repeat(300 * 1024) });
    const cid = finhub
      .apiCalls()
      .find((c) => c.path.endsWith('/verification'))!
      .path.split('/')[5]!;
    // Declared: refused on the header alone.
    const declared = streamedBody([big]);
    const form = await send(
      relay,
      streamRequest(
        `/customer/individual/${cid}/consents/terms`,
        token,
        declared.stream,
        big.length,
      ),
    );
    expect(form.status).to.equal(413);
    expect(declared.pulls()).to.equal(0);
    // Chunked: cut off once it passes the limit.
    const chunked = streamedBody([big.slice(0, 200_000), big.slice(200_000), '}']);
    const cut = await send(
      relay,
      streamRequest(`/customer/individual/${cid}/consents/terms`, token, chunked.stream),
    );
    expect(cut.status).to.equal(413);
    expect(chunked.pulls()).to.equal(2);
    const upload = await api(relay, 'POST', documents, { token, body: JSON.parse(big) });
    expect(upload.status).to.equal(200);
  });
});

describe('relay: bytes held across all requests', () => {
  it('refuses a body with 503 relay_busy while others hold the budget, and takes it again after', async () => {
    const { relay, token, documents } = await uploader({ maxBufferedBytes: 1024 * 1024 });
    // Two uploads of 600 KiB: the first holds its bytes open, the second would go over 1 MiB.
    const part = 'A'.repeat(600 * 1024);
    const first = streamedBody(['{"content":"', part], { hold: true });
    const pending = send(relay, streamRequest(documents, token, first.stream));
    await first.held;

    const declared = streamedBody([`{"content":"${part}"}`]);
    const second = await send(
      relay,
      streamRequest(documents, token, declared.stream, part.length + 14),
    );
    expect(await refusal(second)).to.deep.equal({ status: 503, error: 'relay_busy' });
    expect(second.headers.get('Retry-After')).to.equal('5');
    expect(declared.pulls()).to.equal(0);

    const chunked = streamedBody(['{"content":"', part, '"}']);
    const third = await send(relay, streamRequest(documents, token, chunked.stream));
    expect(third.status).to.equal(503);

    first.release(); // the first upload ends (without its closing quote: invalid JSON)
    await pending;
    const after = await api(relay, 'POST', documents, { token, body: { content: part } });
    expect(after.status).to.equal(200);
  });
});

describe('relay: body deadline, depth and hang-ups', () => {
  it('answers 408 body_timeout when the body does not arrive in time', async () => {
    const { relay, token, documents, finhub } = await uploader({ bodyTimeoutMs: 100 });
    const before = finhub.apiCalls().length;
    const trickle = streamedBody(['{"content":"AAAA'], { hold: true });
    const started = performance.now();
    const response = await send(relay, streamRequest(documents, token, trickle.stream));
    expect(await refusal(response)).to.deep.equal({ status: 408, error: 'body_timeout' });
    expect(performance.now() - started).to.be.below(2000);
    expect(finhub.apiCalls()).to.have.length(before);
  });

  it('answers JSON nested 20 000 deep with 400 body_too_deep (not 500)', async () => {
    const { relay, token, documents, logs } = await uploader();
    const deep = `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const response = await send(
      relay,
      streamRequest(documents, token, streamedBody([deep]).stream),
    );
    expect(await refusal(response)).to.deep.equal({ status: 400, error: 'body_too_deep' });
    // 32 levels are fine.
    const ok = `{"a":${'['.repeat(31)}${']'.repeat(31)}}`;
    expect(
      (await send(relay, streamRequest(documents, token, streamedBody([ok]).stream))).status,
    ).to.equal(200);
    expect(logs.some((entry) => entry.event === 'relay.failed')).to.be.false;
  });

  it('logs a browser that hangs up mid-upload as client_closed at info, not as a relay failure', async () => {
    const { relay, token, documents, logs, finhub } = await uploader();
    const before = finhub.apiCalls().length;
    const dropped = streamedBody(['{"content":"AAAA', 'BBBB'], { failAfter: 2 });
    const response = await send(relay, streamRequest(documents, token, dropped.stream));
    expect(response.status).to.equal(499);
    const entry = logs.filter((e) => e.event === 'relay.request').at(-1)!;
    expect(entry).to.include({ level: 'info', status: 499, reason: 'client_closed' });
    expect(logs.some((e) => e.event === 'relay.failed' || e.level === 'error')).to.be.false;
    expect(finhub.apiCalls()).to.have.length(before);
  });
});
