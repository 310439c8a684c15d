import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { api, type DraftConflictCopy } from '../api';
import { formatDateTime, t } from '../i18n';
import { download } from './diagram-actions';

interface ConflictCopiesProps {
  processKey?: string;
  /** Changes when the copies may have changed (a conflict came or went). */
  refresh: unknown;
}

/**
 * The draft's conflict copies: saves refused because someone had saved first. Each can be
 * downloaded (then opened as a file, which offers to keep it over the draft) or dropped.
 */
export function ConflictCopies({ processKey, refresh }: ConflictCopiesProps) {
  const [copies, setCopies] = useState<DraftConflictCopy[]>([]);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!processKey) return setCopies([]);
    let current = true;
    api.draft(processKey).then(
      (draft) => current && setCopies(draft.conflicts ?? []),
      // No draft (404) or no answer: nothing to list; the page reports load problems itself.
      () => current && setCopies([]),
    );
    return () => {
      current = false;
    };
  }, [processKey, refresh]);

  if (!processKey || copies.length === 0) return null;
  const act = async (copy: DraftConflictCopy, action: 'download' | 'drop') => {
    setProblem(undefined);
    try {
      if (action === 'download') download(new Blob([(await api.conflictCopy(processKey, copy.id)).bpmnXml], { type: 'application/xml' }), `${processKey}-copie-${copy.savedBy}.bpmn`);
      else {
        await api.dropConflictCopy(processKey, copy.id);
        setCopies(copies.filter((other) => other.id !== copy.id));
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section className="conflict-copies fr-mb-2w" aria-labelledby="conflict-copies-title">
      <h2 id="conflict-copies-title" className="fr-h6 fr-mb-1w">
        {t.modeler.copies.title(copies.length)}
      </h2>
      <p className="fr-text--sm fr-mb-1w">{t.modeler.copies.intro}</p>
      <ul className="conflict-copies__list">
        {copies.map((copy) => (
          <li key={copy.id}>
            <span>{t.modeler.copies.item(copy.savedBy, formatDateTime(copy.savedAt), copy.baseRevision)}</span>
            <Button size="small" priority="secondary" onClick={() => void act(copy, 'download')}>
              {t.modeler.copies.download}
            </Button>
            <Button size="small" priority="tertiary" onClick={() => void act(copy, 'drop')}>
              {t.modeler.copies.drop}
            </Button>
          </li>
        ))}
      </ul>
      {problem && <p className="fr-message fr-message--error">{problem}</p>}
    </section>
  );
}
