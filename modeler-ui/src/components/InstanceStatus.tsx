import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useState } from 'react';
import { api, type Instance } from '../api';
import { usePolling } from '../hooks/usePolling';
import { formatDateTime, t } from '../i18n';
import { instancePath } from '../monitor/instance-path';
import { AppLink } from './AppLink';
import { INSTANCE_REFRESH_MS, STATUS_SEVERITY } from './instance-status';
import { ProblemAlert } from './ProblemAlert';
import { VariablesView } from './VariablesView';

/** An instance's live state, re-read every 2 s until it ends. */
export function InstanceStatus({ instanceId }: { instanceId: string }) {
  const [instance, setInstance] = useState<Instance>();
  const [error, setError] = useState<unknown>();
  const running = instance === undefined || instance.status === 'running';

  usePolling(
    async () => {
      try {
        setInstance(await api.instance(instanceId));
        setError(undefined);
      } catch (failure) {
        setError(failure);
      }
    },
    INSTANCE_REFRESH_MS,
    running,
  );

  return (
    <div className="instance-status fr-mt-3w">
      <dl className="variables">
        <div className="variables__row">
          <dt>{t.instance.id}</dt>
          <dd>
            <code data-testid="instance-id">{instanceId}</code>
          </dd>
        </div>
        {instance && (
          <div className="variables__row">
            <dt>{t.instance.statusLabel}</dt>
            <dd>
              <Badge as="span" severity={STATUS_SEVERITY[instance.status]} small>
                {t.instance.status[instance.status]}
              </Badge>
            </dd>
          </div>
        )}
        {instance?.status === 'running' && (
          <div className="variables__row">
            <dt>{t.instance.activeElements}</dt>
            <dd>
              {instance.activeElements.length === 0 ? (
                t.instance.noActiveElements
              ) : (
                <ul className="fr-mb-0">
                  {instance.activeElements.map((active) => (
                    <li key={`${active.elementId}-${active.since}`}>
                      <code>{active.elementId}</code> {t.instance.since(formatDateTime(active.since))}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        )}
        {instance?.failure && (
          <div className="variables__row">
            <dt>{t.instance.failure}</dt>
            <dd>{instance.failure}</dd>
          </div>
        )}
      </dl>
      <p className="fr-mb-1w">
        <AppLink className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={instancePath(instanceId)}>
          {t.monitor.open}
        </AppLink>
      </p>
      {error !== undefined && <ProblemAlert error={error} />}
      {instance && (
        <details className="fr-mt-2w">
          <summary>{t.instance.variablesTitle}</summary>
          <VariablesView variables={instance.variables} />
        </details>
      )}
      {running && <p className="fr-hint-text fr-mt-1w">{t.instance.refreshedEvery}</p>}
    </div>
  );
}
