import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState } from 'react';
import { ApiError, inboxApi, type OutboxMessage } from '../api';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../i18n';
import { inboxText } from './messages';

/** Admins: the last notifications, sent or waiting (without SMTP, this is where they stay). */
export function OutboxPanel() {
  const [outbox, setOutbox] = useState<{ smtpConfigured: boolean; items: OutboxMessage[] }>();
  const [error, setError] = useState<unknown>();
  const [absent, setAbsent] = useState(false);
  useEffect(() => {
    inboxApi.outbox().then(setOutbox, (failure: unknown) => {
      // An API without the notifications routes (older server): nothing to show, not an error.
      if (failure instanceof ApiError && failure.problemType === 'no-such-endpoint') setAbsent(true);
      else setError(failure);
    });
  }, []);
  if (absent) return null;
  const text = inboxText.outbox;
  return (
    <section aria-labelledby="outbox-title" className="fr-mt-6w">
      <h2 id="outbox-title" className="fr-h5">
        {text.title}
      </h2>
      {error !== undefined && <ProblemAlert error={error} />}
      {outbox && <p className="fr-text--sm">{text.intro(outbox.smtpConfigured)}</p>}
      {outbox &&
        (outbox.items.length === 0 ? (
          <p>{text.empty}</p>
        ) : (
          <Table
            caption={text.title}
            noCaption
            headers={[text.columns.subject, text.columns.to, text.columns.state, text.columns.created]}
            data={outbox.items.map((message) => [
              message.subject,
              [...message.to, ...message.unreachable.map((who) => `${who} (?)`)].join(', ') || '—',
              `${text.states[message.state] ?? message.state}${message.lastError ? ` — ${message.lastError}` : ''}`,
              formatDateTime(message.createdAt),
            ])}
          />
        ))}
    </section>
  );
}
