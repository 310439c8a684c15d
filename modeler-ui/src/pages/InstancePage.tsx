import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, monitorApi, type InstanceDetail, type User } from '../api';
import { INSTANCE_REFRESH_MS, STATUS_SEVERITY } from '../components/instance-status';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { VariablesView } from '../components/VariablesView';
import { usePolling } from '../hooks/usePolling';
import { formatDateTime, t } from '../i18n';
import { ElementLabel } from '../monitor/ElementLabel';
import { IncidentsPanel } from '../monitor/IncidentsPanel';
import { InstanceDiagram } from '../monitor/InstanceDiagram';
import type { InstanceAddress } from '../monitor/instance-path';
import { describeActive, marksOf } from '../monitor/instance-marks';
import { PathTable } from '../monitor/PathTable';
import '../monitor/monitor.css';

type VersionView = Awaited<ReturnType<typeof monitorApi.version>>;

/**
 * Where an instance is and where it has been: its version's diagram with the state on the
 * elements, the path with durations, the variables of each scope and the open incidents, which
 * owners, supervisors and admins resolve here. Re-read every 2 s while the instance runs.
 */
export function InstancePage({ address, user }: { address: InstanceAddress; user: User }) {
  const { instanceId } = address;
  const [instance, setInstance] = useState<InstanceDetail>();
  const [error, setError] = useState<unknown>();
  const [now, setNow] = useState(() => new Date());
  const [version, setVersion] = useState<VersionView>();
  const [versionError, setVersionError] = useState<unknown>();
  // No instance (yet): keep trying through network hiccups, not when it does not exist or is not ours to see.
  const gone = error instanceof ApiError && (error.status === 404 || error.status === 403);
  const running = instance === undefined ? !gone : instance.status === 'running';

  const refresh = useCallback(async () => {
    try {
      setInstance(await monitorApi.instance(instanceId));
      setNow(new Date());
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  }, [instanceId]);
  usePolling(refresh, INSTANCE_REFRESH_MS, running);

  const processKey = instance?.processKey ?? undefined;
  const versionNumber = instance?.version ?? undefined;
  useEffect(() => {
    if (!processKey || !versionNumber) return;
    let current = true;
    monitorApi.version(processKey, versionNumber).then(
      (found) => current && setVersion(found),
      (failure: unknown) => current && setVersionError(failure),
    );
    return () => {
      current = false;
    };
  }, [processKey, versionNumber]);

  const nameOf = useCallback((elementId: string) => version?.graph.nodes[elementId]?.name, [version]);
  const marks = useMemo(() => (instance ? marksOf(instance, now) : undefined), [instance, now]);
  const canResolve = user.roles.some((role) => role === 'owner' || role === 'supervisor' || role === 'admin');
  const scopes = Object.entries(instance?.scopes ?? {});

  return (
    <div className="fr-container fr-my-4w monitor-page">
      <PageHeading title={t.monitor.title(version?.name ?? processKey ?? instanceId)} />
      {error !== undefined && <ProblemAlert error={error} />}
      <dl className="variables monitor-summary" aria-label={t.monitor.summary}>
        <div className="variables__row">
          <dt>{t.instance.id}</dt>
          <dd>
            <code data-testid="instance-id">{instanceId}</code>
          </dd>
        </div>
        <div className="variables__row">
          <dt>{t.monitor.process}</dt>
          <dd>{processKey ? <code>{processKey}</code> : t.monitor.none}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.monitor.version}</dt>
          <dd>{versionNumber ?? t.monitor.none}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.monitor.businessKey}</dt>
          <dd>{instance?.businessKey ?? t.monitor.none}</dd>
        </div>
        {instance && (
          <>
            <div className="variables__row">
              <dt>{t.instance.statusLabel}</dt>
              <dd data-testid="instance-status">
                <Badge as="span" severity={STATUS_SEVERITY[instance.status]} small>
                  {t.instance.status[instance.status]}
                </Badge>
                {instance.incidents.length > 0 && (
                  <Badge as="span" severity="error" small className="fr-ml-1w">
                    {t.monitor.incidentBadge(instance.incidents.length)}
                  </Badge>
                )}
              </dd>
            </div>
            <div className="variables__row">
              <dt>{t.monitor.startedAt}</dt>
              <dd>{formatDateTime(instance.startedAt)}</dd>
            </div>
            {instance.closedAt && (
              <div className="variables__row">
                <dt>{t.monitor.closedAt}</dt>
                <dd>{formatDateTime(instance.closedAt)}</dd>
              </div>
            )}
            {instance.failure && (
              <div className="variables__row">
                <dt>{t.instance.failure}</dt>
                <dd>{instance.failure}</dd>
              </div>
            )}
          </>
        )}
      </dl>
      {running && <p className="fr-hint-text">{t.monitor.refreshedEvery}</p>}

      <section aria-labelledby="monitor-diagram-title" className="fr-mt-4w">
        <h2 id="monitor-diagram-title" className="fr-h4">
          {t.monitor.diagramTitle}
        </h2>
        {versionError !== undefined && <ProblemAlert error={versionError} title={t.monitor.diagramFailed} />}
        {instance && (!processKey || !versionNumber) && <p>{t.monitor.diagramUnavailable}</p>}
        {version && marks && <InstanceDiagram xml={version.bpmnXml} marks={marks} />}
      </section>

      {instance && (
        <>
          <section aria-labelledby="monitor-active-title" className="fr-mt-4w">
            <h2 id="monitor-active-title" className="fr-h4">
              {t.monitor.activeTitle}
            </h2>
            {instance.activeElements.length === 0 ? (
              <p>{t.monitor.noActive}</p>
            ) : (
              <ul data-testid="active-elements">
                {instance.activeElements.map((active, index) => (
                  <li key={`${active.elementId}-${active.since}-${index}`}>
                    <ElementLabel elementId={active.elementId} name={nameOf(active.elementId)} /> : {describeActive(active, now)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="monitor-incidents-title" className="fr-mt-4w">
            <h2 id="monitor-incidents-title" className="fr-h4">
              {t.monitor.incidentsTitle}
            </h2>
            <IncidentsPanel instanceId={instanceId} incidents={instance.incidents} nameOf={nameOf} canResolve={canResolve} onChanged={refresh} />
          </section>

          <section aria-labelledby="monitor-path-title" className="fr-mt-4w">
            <h2 id="monitor-path-title" className="fr-h4">
              {t.monitor.pathTitle}
            </h2>
            <PathTable path={instance.path} nameOf={nameOf} now={now} />
          </section>

          <section aria-labelledby="monitor-variables-title" className="fr-mt-4w">
            <h2 id="monitor-variables-title" className="fr-h4">
              {t.monitor.variablesTitle}
            </h2>
            <VariablesView variables={instance.variables} />
            {scopes.length > 0 && (
              <>
                <h3 className="fr-h6 fr-mt-3w">{t.monitor.scopesTitle}</h3>
                {scopes.map(([key, scope]) => (
                  <details key={key} className="fr-mb-2w" open>
                    <summary>{t.monitor.scopeTitle(nameOf(scope.elementId) ?? scope.elementId, key)}</summary>
                    <VariablesView variables={scope.variables} />
                  </details>
                ))}
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
