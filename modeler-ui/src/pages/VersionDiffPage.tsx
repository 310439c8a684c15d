import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useMemo, useState } from 'react';
import { api, type ProcessVersion } from '../api';
import { AppLink } from '../components/AppLink';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { t } from '../i18n';
import { DiffDiagram } from '../modeler/DiffDiagram';
import { diffDefinitions, type ChangeKind, type ElementChange } from '../modeler/version-diff';
import { historyPath } from './process-paths';

interface VersionDiffPageProps {
  processKey: string;
  from: number;
  to: number;
}

const KINDS: ChangeKind[] = ['added', 'removed', 'changed', 'layout'];

/**
 * Two versions side by side: removed elements marked on the older, added ones on the newer,
 * changed and moved ones on both; below, every change with its changed properties.
 */
export function VersionDiffPage({ processKey, from, to }: VersionDiffPageProps) {
  const [versions, setVersions] = useState<[ProcessVersion, ProcessVersion]>();
  const [error, setError] = useState<unknown>();
  const [definitions, setDefinitions] = useState<{ before?: object; after?: object }>({});
  const [focusId, setFocusId] = useState<string>();

  useEffect(() => {
    let current = true;
    Promise.all([api.processVersion(processKey, from), api.processVersion(processKey, to)]).then(
      (found) => current && setVersions(found),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [processKey, from, to]);

  const changes = useMemo<ElementChange[] | undefined>(
    () => (definitions.before && definitions.after ? diffDefinitions(definitions.before, definitions.after) : undefined),
    [definitions],
  );
  const onBefore = useMemo(() => new Map(changes?.filter((c) => c.kind !== 'added').map((c) => [c.id, c.kind])), [changes]);
  const onAfter = useMemo(() => new Map(changes?.filter((c) => c.kind !== 'removed').map((c) => [c.id, c.kind])), [changes]);
  const name = versions?.[1].name ?? processKey;
  const columns = t.diff.columns;

  return (
    <div className="diff-page">
      <PageHeading title={t.diff.title(name, from, to)} />
      <p>
        <AppLink className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={historyPath(processKey)}>
          {t.diff.back(name)}
        </AppLink>
      </p>
      {error !== undefined && <ProblemAlert error={error} />}
      {versions && (
        <>
          <ul className="diff-legend" aria-label={t.diff.legend}>
            {KINDS.map((kind) => (
              <li key={kind} className={`diff-legend__item diff-legend__item--${kind}`}>
                {t.diff.kinds[kind]}
              </li>
            ))}
          </ul>
          <div className="diff-diagrams">
            <DiffDiagram xml={versions[0].bpmnXml} label={t.diff.before(from)} changes={onBefore} focusId={focusId} onImported={(before) => setDefinitions((d) => ({ ...d, before }))} />
            <DiffDiagram xml={versions[1].bpmnXml} label={t.diff.after(to)} changes={onAfter} focusId={focusId} onImported={(after) => setDefinitions((d) => ({ ...d, after }))} />
          </div>
        </>
      )}
      <section aria-labelledby="diff-changes-title" className="fr-mt-4w">
        <h2 id="diff-changes-title" className="fr-h4">
          {t.diff.changesTitle}
        </h2>
        {!changes && !error && <p role="status">{t.diff.loading}</p>}
        {changes?.length === 0 && <p role="status">{t.diff.none}</p>}
        {changes && changes.length > 0 && (
          <Table
            className="diff-changes"
            caption={t.diff.caption}
            headers={[columns.change, columns.element, columns.properties]}
            data={changes.map((change) => [
              <span className={`fr-badge fr-badge--sm diff-kind diff-kind--${change.kind}`}>{t.diff.kinds[change.kind]}</span>,
              <button type="button" className="fr-link diff-element" onClick={() => setFocusId(change.id)}>
                <span className="fr-sr-only">{t.diff.showElement} </span>
                {change.name ? `${change.name} ` : ''}
                <code>{change.id}</code> <span className="fr-hint-text">{change.type}</span>
              </button>,
              change.properties.length > 0 ? (
                <ul className="diff-properties">
                  {change.properties.map((property) => (
                    <li key={property.path}>{t.diff.property(property.path, property.before ?? t.diff.absent, property.after ?? t.diff.absent)}</li>
                  ))}
                </ul>
              ) : (
                ''
              ),
            ])}
          />
        )}
      </section>
    </div>
  );
}
