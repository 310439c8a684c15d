import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { api, ApiError, type Task, type User } from '../api';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePolling } from '../hooks/usePolling';
import { formatTime, t } from '../i18n';
import { TaskDetails } from '../inbox/TaskDetails';
import { TaskTable } from '../inbox/TaskTable';

const REFRESH_MS = 5000;

export function InboxPage({ user }: { user: User }) {
  const [tasks, setTasks] = useState<Task[]>();
  const [refreshedAt, setRefreshedAt] = useState<Date>();
  const [loadError, setLoadError] = useState<unknown>();
  const [selectedId, setSelectedId] = useState<string>();
  const [outcome, setOutcome] = useState<{ success: string } | { error: unknown; refreshed: boolean }>();
  const [refreshing, setRefreshing] = useState(false);

  const refresh = async () => {
    try {
      setTasks((await api.openTasks()).items);
      setRefreshedAt(new Date());
      setLoadError(undefined);
    } catch (error) {
      setLoadError(error);
    }
  };
  usePolling(refresh, REFRESH_MS);

  const refreshNow = async () => {
    setRefreshing(true);
    await refresh();
    setRefreshing(false);
  };

  const act = async (call: () => Promise<unknown>, success: string) => {
    setOutcome(undefined);
    try {
      await call();
      setOutcome({ success });
    } catch (error) {
      // 409: someone else took or finished the task; 403/404: it is no longer ours to see. The list is out of date either way.
      setOutcome({ error, refreshed: error instanceof ApiError && [403, 404, 409].includes(error.status) });
    }
    await refresh();
  };

  const selected = tasks?.find((task) => task.id === selectedId);

  return (
    <div className="fr-container fr-my-4w">
      <PageHeading title={t.inbox.title} />
      <div className="inbox-toolbar">
        <Button priority="secondary" iconId="fr-icon-refresh-line" disabled={refreshing} onClick={() => void refreshNow()}>
          {refreshing ? t.inbox.refreshing : t.inbox.refresh}
        </Button>
        {refreshedAt && <p className="fr-hint-text fr-mb-0">{t.inbox.lastRefresh(formatTime(refreshedAt))}</p>}
      </div>
      {loadError !== undefined && <ProblemAlert error={loadError} />}
      {outcome && 'success' in outcome && (
        <Alert className="fr-mb-3w" severity="success" small role="status" description={outcome.success} closable onClose={() => setOutcome(undefined)} />
      )}
      {outcome && 'error' in outcome && (
        <>
          <ProblemAlert error={outcome.error} />
          {outcome.refreshed && <p className="fr-text--sm">{t.inbox.conflictRefreshed}</p>}
        </>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">{tasks ? <TaskTable tasks={tasks} selectedId={selected?.id} onSelect={setSelectedId} /> : <p>{t.app.loading}</p>}</div>
        <div className="fr-col-12 fr-col-lg-5">
          {selected ? <TaskDetails key={selected.id} task={selected} user={user} onAction={act} /> : <p className="task-details task-details--empty">{t.inbox.noSelection}</p>}
        </div>
      </div>
    </div>
  );
}
