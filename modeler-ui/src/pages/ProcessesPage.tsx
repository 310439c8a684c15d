import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState } from 'react';
import { api, type ProcessSummary, type User } from '../api';
import { AppLink } from '../components/AppLink';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartInstanceForm } from '../components/StartInstanceForm';
import { formatDateTime, t } from '../i18n';
import { useLocation } from '../router';
import { canModel } from '../session';
import { historyPath, libraryViewOf, modelerPath } from './process-paths';
import { ProcessHistoryPage } from './ProcessHistoryPage';
import { VersionDiffPage } from './VersionDiffPage';

/** `/processus`: the library, or (by its query) one process's history or the diff of two of its versions. */
export function ProcessesPage({ user }: { user: User }) {
  const view = libraryViewOf(useLocation().searchParams);
  if (view.page === 'history') return <ProcessHistoryPage key={view.processKey} processKey={view.processKey} canModel={canModel(user)} />;
  if (view.page === 'diff') return <VersionDiffPage key={`${view.processKey}-${view.from}-${view.to}`} {...view} />;
  return <ProcessLibrary user={user} />;
}

/** Every process, deployed or only drafted, by key, a page at a time. */
function ProcessLibrary({ user }: { user: User }) {
  /** The cursors of the pages seen, so « back to the start » and « next » need no total count. */
  const [cursor, setCursor] = useState<string>();
  const [page, setPage] = useState<{ items: ProcessSummary[]; nextCursor: string | null }>();
  const [error, setError] = useState<unknown>();
  const [startingKey, setStartingKey] = useState<string>();

  useEffect(() => {
    let current = true;
    api.processes(cursor).then(
      (found) => current && setPage(found),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [cursor]);

  const columns = t.processes.columns;
  const processes = page?.items;
  return (
    <div className="fr-container fr-my-4w">
      <PageHeading title={t.processes.title} />
      {error !== undefined && <ProblemAlert error={error} />}
      {processes?.length === 0 && <p>{t.processes.empty}</p>}
      {processes && processes.length > 0 && (
        <Table
          caption={t.processes.caption}
          headers={[columns.key, columns.name, columns.state, columns.version, columns.owner, columns.deployed, columns.actions]}
          data={processes.map((process) => [
            <code>{process.processKey}</code>,
            process.name ?? '',
            <div className="process-state">
              <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${process.state === 'deployed' ? 'fr-badge--success' : 'fr-badge--new'}`}>{t.processes.state[process.state]}</span>
              {process.draft && process.state === 'deployed' && <span className="fr-hint-text">{t.processes.pendingDraft(process.draft.revision, process.draft.savedBy)}</span>}
            </div>,
            process.latestVersion ?? '—',
            process.owner,
            process.deployedAt ? `${formatDateTime(process.deployedAt)} (${process.deployedBy})` : t.processes.never,
            <div className="process-actions">
              {canModel(user) && (
                <AppLink className="fr-link" href={modelerPath(process.processKey)}>
                  {t.processes.openInModeler}
                  <span className="fr-sr-only"> : {process.processKey}</span>
                </AppLink>
              )}
              {process.latestVersion !== null && (
                <AppLink className="fr-link" href={historyPath(process.processKey)}>
                  {t.processes.history}
                  <span className="fr-sr-only"> : {process.processKey}</span>
                </AppLink>
              )}
              {process.latestVersion !== null && (
                <Button
                  size="small"
                  priority="secondary"
                  nativeButtonProps={{ 'aria-expanded': startingKey === process.processKey }}
                  onClick={() => setStartingKey(startingKey === process.processKey ? undefined : process.processKey)}
                >
                  {t.processes.start}
                  <span className="fr-sr-only"> : {process.processKey}</span>
                </Button>
              )}
            </div>,
          ])}
        />
      )}
      {(cursor || page?.nextCursor) && (
        <nav className="library-pages" aria-label={t.processes.pageLabel}>
          {cursor && (
            <Button priority="secondary" onClick={() => setCursor(undefined)}>
              {t.processes.firstPage}
            </Button>
          )}
          {page?.nextCursor && (
            <Button priority="secondary" iconId="fr-icon-arrow-right-line" iconPosition="right" onClick={() => setCursor(page.nextCursor!)}>
              {t.processes.nextPage}
            </Button>
          )}
        </nav>
      )}
      {startingKey && <StartInstanceForm key={startingKey} processKey={startingKey} title={t.instance.startTitle(startingKey)} />}
    </div>
  );
}
