import { useEffect, useState } from 'react';

interface InboxMessage {
  id: string;
  to: string;
  subject: string;
  code?: string;
  sentAt: string;
}

/** Activation codes the in-memory sandbox "emailed" (GET /__sandbox/inbox), newest first. */
export function DevInbox() {
  const [messages, setMessages] = useState<InboxMessage[] | 'real-finhub'>([]);
  useEffect(() => {
    const controller = new AbortController();
    const refresh = async () => {
      try {
        const response = await fetch('/__sandbox/inbox', { signal: controller.signal });
        if (response.status === 404) return setMessages('real-finhub');
        setMessages(((await response.json()) as { messages: InboxMessage[] }).messages);
      } catch {
        // aborted, or the dev server restarted: the next tick tries again
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), 2000);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);

  return (
    <section aria-labelledby="inbox-title">
      <h2 id="inbox-title">Dev inbox</h2>
      <p className="hint">Activation codes FinHub would email. Newest first.</p>
      <ol className="inbox" aria-live="polite">
        {messages === 'real-finhub' ? (
          <li className="hint">Real FinHub in use: activation codes arrive by email.</li>
        ) : messages.length === 0 ? (
          <li className="hint">No messages yet.</li>
        ) : (
          messages.map((message) => (
            <li key={message.id}>
              <div>
                To {message.to} · {new Date(message.sentAt).toLocaleTimeString()}
              </div>
              <strong>{message.subject}</strong>
              {message.code ? <code className="code">{message.code}</code> : null}
            </li>
          ))
        )}
      </ol>
    </section>
  );
}
