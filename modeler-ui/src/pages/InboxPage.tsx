import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, inboxApi, type TaskChange, type TaskCounts, type TaskDetail, type TaskQuery, type TaskSummary, type User } from '../api';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePolling } from '../hooks/usePolling';
import { formatTime, t } from '../i18n';
import { InboxFilters } from '../inbox/InboxFilters';
import { inboxText } from '../inbox/messages';
import { OutboxPanel } from '../inbox/OutboxPanel';
import { TaskDetails } from '../inbox/TaskDetails';
import { TaskTable } from '../inbox/TaskTable';
import { useTaskEvents } from '../inbox/useTaskEvents';
import '../inbox/inbox.css';

/** Live events refresh the list; this slower poll only covers a stream that is down. */
const FALLBACK_REFRESH_MS = 30_000;
/** Several changes in a burst (a claim writes twice) make one refresh. */
const EVENT_DEBOUNCE_MS = 250;
const PAGE_SIZE = 25;

function elsewhereNotice(change: TaskChange, username: string): string | undefined {
  if (change.state === 'completed') return inboxText.changedElsewhere.completed;
  if (change.state === 'canceled') return inboxText.changedElsewhere.canceled;
  if (change.assignee && change.assignee !== username) return inboxText.changedElsewhere.claimed(change.assignee);
  if (!change.assignee) return inboxText.changedElsewhere.released;
  return undefined;
}

export function InboxPage({ user }: { user: User }) {
  const [query, setQuery] = useState<TaskQuery>({ view: 'all', sort: 'created' });
  const [tasks, setTasks] = useState<TaskSummary[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<TaskCounts>();
  const [refreshedAt, setRefreshedAt] = useState<Date>();
  const [loadError, setLoadError] = useState<unknown>();
  // A link from a notification opens its task: /taches?tache=<id>.
  const [selectedId, setSelectedId] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('tache') ?? undefined);
  const [detail, setDetail] = useState<TaskDetail>();
  const [detailError, setDetailError] = useState<unknown>();
  const [changedElsewhere, setChangedElsewhere] = useState<string>();
  const [outcome, setOutcome] = useState<{ success: string } | { error: unknown; refreshed: boolean }>();
  const [refreshing, setRefreshing] = useState(false);
  const queryRef = useRef(query);
  queryRef.current = query;
  const detailRef = useRef(detail);
  detailRef.current = detail;
  /** How many tasks the list shows: a refresh reloads as many (up to 200), not just the first page. */
  const tasksShown = useRef(0);
  tasksShown.current = tasks?.length ?? 0;

  /** Reloads the first page (and as many more as were shown) and the counters. */
  const refresh = useCallback(async () => {
    const current = queryRef.current;
    try {
      const [page, counters] = await Promise.all([inboxApi.list({ ...current, cursor: undefined }, Math.max(PAGE_SIZE, Math.min(200, tasksShown.current))), inboxApi.counts(current)]);
      if (queryRef.current !== current) return; // the filters changed meanwhile: that load wins
      setTasks(page.items);
      setNextCursor(page.nextCursor);
      setCounts(counters);
      setRefreshedAt(new Date());
      setLoadError(undefined);
    } catch (error) {
      setLoadError(error);
    }
  }, []);
  useEffect(() => {
    tasksShown.current = 0;
    void refresh();
  }, [query, refresh]);

  const loadDetail = useCallback(async (id: string) => {
    try {
      setDetail(await inboxApi.task(id));
      setDetailError(undefined);
      setChangedElsewhere(undefined);
    } catch (error) {
      setDetail(undefined);
      setDetailError(error);
    }
  }, []);
  useEffect(() => {
    if (selectedId) void loadDetail(selectedId);
    else setDetail(undefined);
  }, [selectedId, loadDetail]);

  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);
  const live = useTaskEvents((change) => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void refresh(), EVENT_DEBOUNCE_MS);
    const shown = detailRef.current;
    // The task on screen changed through someone else: say so, but leave the page as it is (a
    // half-filled form is not wiped); the agent reloads it, or the server answers 409.
    if (shown && change.id === shown.id && change.revision > shown.revision) {
      const notice = elsewhereNotice(change, user.username);
      if (notice) setChangedElsewhere(notice);
    }
  });
  // Polling only stands in for a live stream that is down.
  usePolling(refresh, FALLBACK_REFRESH_MS, !live);

  const refreshNow = async () => {
    setRefreshing(true);
    await refresh();
    setRefreshing(false);
  };

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await inboxApi.list({ ...query, cursor: nextCursor }, PAGE_SIZE);
      setTasks((shown) => [...(shown ?? []), ...page.items.filter((item) => !shown?.some((other) => other.id === item.id))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      setLoadError(error);
    }
  };

  /** Returns the error, or undefined when the call succeeded. */
  const act = async (call: () => Promise<unknown>, success: string): Promise<unknown> => {
    setOutcome(undefined);
    let failure: unknown;
    try {
      const result = (await call()) as TaskDetail | { task: TaskDetail } | undefined;
      const updated = result && 'task' in result ? result.task : result;
      if (updated && updated.id === selectedId) {
        setDetail(updated);
        setChangedElsewhere(undefined);
      }
      setOutcome({ success });
    } catch (error) {
      failure = error;
      const invalidForm = error instanceof ApiError && error.problemType === 'invalid-form';
      // 409: someone else took or finished the task; 403/404: it is no longer ours to see. The list is out of date either way.
      setOutcome({ error, refreshed: error instanceof ApiError && [403, 404, 409].includes(error.status) });
      if (!invalidForm && selectedId) void loadDetail(selectedId);
    }
    await refresh();
    return failure;
  };

  const select = (id: string) => {
    setOutcome(undefined);
    setSelectedId(id);
  };

  return (
    <div className="fr-container fr-container--fluid fr-px-2w fr-my-4w">
      <PageHeading title={t.inbox.title} />
      <InboxFilters query={query} counts={counts} onChange={setQuery} />
      <div className="inbox-toolbar">
        <Button priority="secondary" iconId="fr-icon-refresh-line" disabled={refreshing} onClick={() => void refreshNow()}>
          {refreshing ? t.inbox.refreshing : t.inbox.refresh}
        </Button>
        <p className="fr-hint-text fr-mb-0" aria-live="polite">
          {live ? inboxText.live : inboxText.liveLost}
          {refreshedAt && ` · ${formatTime(refreshedAt)}`}
        </p>
      </div>
      {loadError !== undefined && <ProblemAlert error={loadError} />}
      <div aria-live="polite">
        {outcome && 'success' in outcome && (
          <Alert className="fr-mb-3w" severity="success" small role="status" description={outcome.success} closable onClose={() => setOutcome(undefined)} />
        )}
      </div>
      {outcome && 'error' in outcome && (
        <>
          <ProblemAlert error={outcome.error} />
          {outcome.refreshed && <p className="fr-text--sm">{t.inbox.conflictRefreshed}</p>}
        </>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          {tasks ? <TaskTable tasks={tasks} selectedId={selectedId} onSelect={select} /> : <p>{t.app.loading}</p>}
          {tasks && tasks.length > 0 && <p className="fr-hint-text">{inboxText.shown(tasks.length)}</p>}
          {nextCursor && (
            <Button priority="tertiary" iconId="fr-icon-arrow-down-line" onClick={() => void loadMore()}>
              {inboxText.more}
            </Button>
          )}
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          {detailError !== undefined && <ProblemAlert error={detailError} />}
          {detail ? (
            <TaskDetails key={detail.id} task={detail} user={user} changedElsewhere={changedElsewhere} onReload={() => void loadDetail(detail.id)} onAction={act} />
          ) : (
            <p className="task-details task-details--empty">{t.inbox.noSelection}</p>
          )}
        </div>
      </div>
      {user.roles.includes('admin') && <OutboxPanel />}
    </div>
  );
}
