import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiError } from '../api';
import { t } from '../i18n';

/** An API problem (or any error) as a DSFR alert: French title, then the server's explanation. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const isProblem = error instanceof ApiError;
  const heading = title ?? (isProblem ? (t.problems.titles[error.problemType] ?? error.title) : t.problems.unexpectedTitle);
  const detail = isProblem ? error.detail : error instanceof Error ? error.message : String(error);
  return <Alert className="fr-mb-3w" severity="error" small={false} title={heading} description={detail || undefined} />;
}
