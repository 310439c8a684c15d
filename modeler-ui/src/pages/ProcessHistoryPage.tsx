import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState, type FormEvent } from 'react';
import { api, type ProcessHistory } from '../api';
import { AppLink } from '../components/AppLink';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime, t } from '../i18n';
import { navigate } from '../router';
import { diffPath, libraryPath, modelerPath } from './process-paths';

type Version = ProcessHistory['versions'][number];

/** The versions of a process, newest first (paged), each with its deploy message, and a choice of two to compare. */
export function ProcessHistoryPage({ processKey, canModel }: { processKey: string; canModel: boolean }) {
  const [history, setHistory] = useState<{ name: string | null; versions: Version[]; nextCursor: number | null }>();
  const [error, setError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let current = true;
    api.processHistory(processKey).then(
      (found) => current && setHistory(found),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [processKey]);

  const loadOlder = async () => {
    if (!history?.nextCursor) return;
    setLoadingMore(true);
    try {
      const older = await api.processHistory(processKey, history.nextCursor);
      setHistory({ ...history, versions: [...history.versions, ...older.versions], nextCursor: older.nextCursor });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const name = history?.name ?? processKey;
  const columns = t.history.columns;
  return (
    <div className="fr-container fr-my-4w">
      <PageHeading title={t.history.title(name)} />
      <p>
        <AppLink className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={libraryPath}>
          {t.history.back}
        </AppLink>
      </p>
      {error !== undefined && <ProblemAlert error={error} />}
      {history?.versions.length === 0 && <p>{t.history.empty}</p>}
      {history && history.versions.length > 0 && (
        <>
          <Table
            caption={t.history.caption}
            headers={[columns.version, columns.date, columns.author, columns.message, columns.actions]}
            data={history.versions.map((v) => [
              v.version,
              formatDateTime(v.deployedAt),
              v.deployedBy,
              v.message ? v.message : <span className="fr-hint-text">{t.history.noMessage}</span>,
              <div className="process-actions">
                {canModel && (
                  <AppLink className="fr-link" href={modelerPath(processKey, v.version)}>
                    {t.history.open(v.version)}
                  </AppLink>
                )}
                {v.version > 1 && (
                  <AppLink className="fr-link" href={diffPath(processKey, v.version - 1, v.version)}>
                    {t.history.compareWithPrevious(v.version)}
                  </AppLink>
                )}
              </div>,
            ])}
          />
          {history.nextCursor && (
            <Button priority="secondary" disabled={loadingMore} onClick={() => void loadOlder()}>
              {t.history.older}
            </Button>
          )}
          {history.versions.length > 1 && <CompareForm processKey={processKey} versions={history.versions.map((v) => v.version)} />}
        </>
      )}
    </div>
  );
}

function CompareForm({ processKey, versions }: { processKey: string; versions: number[] }) {
  const [from, setFrom] = useState(versions[1]!);
  const [to, setTo] = useState(versions[0]!);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(diffPath(processKey, from, to));
  };
  const options = versions.map((version) => (
    <option key={version} value={version}>
      {version}
    </option>
  ));
  return (
    <form className="compare-form fr-mt-4w" onSubmit={submit} aria-labelledby="compare-title">
      <h2 id="compare-title" className="fr-h5">
        {t.history.compareTitle}
      </h2>
      <div className="compare-form__fields">
        <Select label={t.history.from} nativeSelectProps={{ value: String(from), onChange: (event) => setFrom(Number(event.target.value)) }}>
          {options}
        </Select>
        <Select label={t.history.to} nativeSelectProps={{ value: String(to), onChange: (event) => setTo(Number(event.target.value)) }}>
          {options}
        </Select>
        <Button type="submit">{t.history.compare}</Button>
      </div>
    </form>
  );
}
