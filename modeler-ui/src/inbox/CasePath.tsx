import { useEffect, useState } from 'react';
import { inboxApi, type InstancePathStep } from '../api';
import { formatDateTime } from '../i18n';
import { inboxText } from './messages';

/** The path the case took so far (GET /instances/:id): elements in order, with their times. */
export function CasePath({ instanceId }: { instanceId: string }) {
  const [path, setPath] = useState<InstancePathStep[]>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    inboxApi.instancePath(instanceId).then(
      (instance) => setPath(instance.path),
      () => setFailed(true),
    );
  }, [instanceId]);
  return (
    <section aria-labelledby="case-path-title" className="fr-mt-3w">
      <h3 id="case-path-title" className="fr-h6">
        {inboxText.path}
      </h3>
      {failed && <p className="fr-text--sm">{inboxText.pathUnavailable}</p>}
      {path && (
        <ol className="case-path fr-text--sm">
          {path.map((step, index) => (
            <li key={`${step.elementId}-${index}`}>
              <code>{step.elementId}</code> · {formatDateTime(step.enteredAt)}
              {step.canceled ? ` (${inboxText.pathCanceled})` : step.leftAt ? '' : ` (${inboxText.pathCurrent})`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
