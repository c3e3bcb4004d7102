import { useCallback, useState } from 'react';
// A partner writes `from 'finhub-onboarding/react'`; the demo uses the source.
import { FinHubOnboarding } from '../../src/react.js';
import { BareTagExample } from './BareTagExample.js';
import { DevInbox } from './DevInbox.js';

export interface LoggedEvent {
  id: number;
  type: string;
  detail: unknown;
}

type Mode = 'wrapper' | 'bare';
type Flow = 'individual' | 'organization';

let nextId = 0;

/** The event log both examples write to. */
export function useEventLog() {
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const log = useCallback((event: Event) => {
    const entry = { id: nextId++, type: event.type, detail: (event as CustomEvent).detail };
    setEvents((previous) => [entry, ...previous]);
  }, []);
  return { events, log, clear: () => setEvents([]) };
}

export function App() {
  const [mode, setMode] = useState<Mode>('wrapper');
  const [flow, setFlow] = useState<Flow>('individual');
  const { events, log, clear } = useEventLog();

  return (
    <>
      <header className="demo-header">
        <h1>React 19</h1>
        <p>
          <code>&lt;FinHubOnboarding&gt;</code> from <code>finhub-onboarding/react</code> inside{' '}
          <code>&lt;StrictMode&gt;</code>, or the bare <code>&lt;finhub-onboarding&gt;</code> tag,
          which React 19 supports natively. <a href="/">Main demo</a> · <a href="/vue/">Vue</a> ·{' '}
          <a href="/script-tag.html">Script tag</a>
        </p>
        <nav aria-label="Example">
          <button
            type="button"
            aria-pressed={mode === 'wrapper'}
            onClick={() => setMode('wrapper')}
          >
            With the wrapper
          </button>{' '}
          <button type="button" aria-pressed={mode === 'bare'} onClick={() => setMode('bare')}>
            Bare tag
          </button>{' '}
          <label>
            Flow{' '}
            <select value={flow} onChange={(event) => setFlow(event.target.value as Flow)}>
              <option value="individual">Individual (B2C)</option>
              <option value="organization">Organization (B2B)</option>
            </select>
          </label>
        </nav>
      </header>
      <div className="demo-layout">
        <main>
          {mode === 'wrapper' ? (
            <FinHubOnboarding
              tokenUrl="/onboarding/token"
              apiBase="/onboarding/api"
              flow={flow}
              onReady={log}
              onStepChange={log}
              onStepComplete={log}
              onComplete={log}
              onError={log}
              onSignInRequest={(event) => {
                log(event);
                alert('The host would show its own sign-in page here.');
              }}
            />
          ) : (
            <BareTagExample flow={flow} onEvent={log} />
          )}
        </main>
        <aside>
          <DevInbox />
          <section aria-labelledby="events-title">
            <h2 id="events-title">Events</h2>
            <p className="hint">
              Each <code>finhub-*</code> event React received, newest first.
            </p>
            <button type="button" onClick={clear}>
              Clear
            </button>
            <ol className="events">
              {events.map((event) => (
                <li key={event.id}>
                  <strong>{event.type}</strong>
                  <pre>{JSON.stringify(event.detail ?? null, null, 2)}</pre>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </>
  );
}
