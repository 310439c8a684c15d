import type { TaskHistoryEntry } from '../api';
import { formatDateTime } from '../i18n';
import { inboxText } from './messages';

export function TaskHistory({ history }: { history: TaskHistoryEntry[] }) {
  return (
    <section aria-labelledby="task-history-title" className="fr-mt-3w">
      <h3 id="task-history-title" className="fr-h6">
        {inboxText.history}
      </h3>
      <ol className="task-history fr-text--sm">
        {history.map((entry, index) => (
          <li key={index}>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> — {inboxText.historyAction(entry)}
          </li>
        ))}
      </ol>
    </section>
  );
}
