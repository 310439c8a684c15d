import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { api } from '../api';
import { ProblemAlert } from '../components/ProblemAlert';
import { t } from '../i18n';

type Replacement = { token: string; type: string; value: string };

/**
 * The originals behind ai.pseudonymize's tokens, fetched only when the agent asks (the API
 * allows the case's agents, supervisors and admins), never kept in the task list.
 */
export function PseudonymsPanel({ instanceId }: { instanceId: string }) {
  const [replacements, setReplacements] = useState<Replacement[]>();
  const [error, setError] = useState<unknown>();

  const show = async () => {
    setError(undefined);
    try {
      const { items } = await api.pseudonyms(instanceId);
      setReplacements(items.flatMap((item) => item.replacements));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="pseudonyms-title" className="fr-mt-3w">
      <h3 id="pseudonyms-title" className="fr-h6">
        {t.inbox.pseudonyms.title}
      </h3>
      <p className="fr-text--sm">{t.inbox.pseudonyms.intro}</p>
      {error !== undefined && <ProblemAlert error={error} />}
      {replacements === undefined ? (
        <Button priority="secondary" iconId="fr-icon-eye-line" onClick={() => void show()}>
          {t.inbox.pseudonyms.show}
        </Button>
      ) : replacements.length === 0 ? (
        <p>{t.inbox.pseudonyms.none}</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>{t.inbox.pseudonyms.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.inbox.pseudonyms.columns.token}</th>
                <th scope="col">{t.inbox.pseudonyms.columns.type}</th>
                <th scope="col">{t.inbox.pseudonyms.columns.value}</th>
              </tr>
            </thead>
            <tbody>
              {replacements.map((replacement) => (
                <tr key={replacement.token}>
                  <td>
                    <code>{replacement.token}</code>
                  </td>
                  <td>{t.inbox.pseudonyms.types[replacement.type] ?? replacement.type}</td>
                  <td>{replacement.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
