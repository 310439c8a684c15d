import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState } from 'react';
import { api, type ProcessSummary, type User } from '../api';
import { AppLink } from '../components/AppLink';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartInstanceForm } from '../components/StartInstanceForm';
import { formatDateTime, t } from '../i18n';
import { canModel } from '../session';

export function ProcessesPage({ user }: { user: User }) {
  const [processes, setProcesses] = useState<ProcessSummary[]>();
  const [error, setError] = useState<unknown>();
  const [startingKey, setStartingKey] = useState<string>();

  useEffect(() => {
    let current = true;
    api.processes().then(
      ({ items }) => current && setProcesses(items),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, []);

  const columns = t.processes.columns;
  return (
    <div className="fr-container fr-my-4w">
      <PageHeading title={t.processes.title} />
      {error !== undefined && <ProblemAlert error={error} />}
      {processes?.length === 0 && <p>{t.processes.empty}</p>}
      {processes && processes.length > 0 && (
        <Table
          caption={t.processes.caption}
          headers={[columns.key, columns.name, columns.version, columns.deployed, columns.by, columns.actions]}
          data={processes.map((process) => [
            <code>{process.processKey}</code>,
            process.name,
            process.latestVersion,
            formatDateTime(process.deployedAt),
            process.deployedBy,
            <div className="process-actions">
              {canModel(user) && (
                <AppLink className="fr-link" href={`/modeler?processus=${encodeURIComponent(process.processKey)}&version=${process.latestVersion}`}>
                  {t.processes.openInModeler}
                  <span className="fr-sr-only"> : {process.processKey}</span>
                </AppLink>
              )}
              <Button
                size="small"
                priority="secondary"
                nativeButtonProps={{ 'aria-expanded': startingKey === process.processKey }}
                onClick={() => setStartingKey(startingKey === process.processKey ? undefined : process.processKey)}
              >
                {t.processes.start}
                <span className="fr-sr-only"> : {process.processKey}</span>
              </Button>
            </div>,
          ])}
        />
      )}
      {startingKey && <StartInstanceForm key={startingKey} processKey={startingKey} title={t.instance.startTitle(startingKey)} />}
    </div>
  );
}
