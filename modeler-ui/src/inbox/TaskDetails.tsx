import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent } from 'react';
import { api, type Task, type User } from '../api';
import { VariablesView } from '../components/VariablesView';
import { formatDateTime, t } from '../i18n';
import { parseFieldValue } from '../variables';
import { PseudonymsPanel } from './PseudonymsPanel';
import { mayClaim, mayComplete, mayRelease } from './task-permissions';
import { VariablesEditor, type VariableRow } from './VariablesEditor';

interface TaskDetailsProps {
  task: Task;
  user: User;
  /** Runs an API call on the task; the inbox reports its outcome and refreshes. */
  onAction: (call: () => Promise<unknown>, success: string) => Promise<void>;
}

export function TaskDetails({ task, user, onAction }: TaskDetailsProps) {
  const [rows, setRows] = useState<VariableRow[]>([{ key: 1, name: '', value: '' }]);
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<unknown>, success: string) => {
    setBusy(true);
    await onAction(call, success);
    setBusy(false);
  };

  const complete = (event: FormEvent) => {
    event.preventDefault();
    const variables = Object.fromEntries(rows.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), parseFieldValue(row.value)]));
    void run(() => api.complete(task.id, variables), t.inbox.completed(task.name));
  };

  return (
    <section aria-labelledby="task-details-title" className="task-details">
      <p className="fr-text--sm fr-mb-1v">{t.inbox.details}</p>
      <h2 id="task-details-title" className="fr-h4">
        {task.name}
      </h2>
      <dl className="variables">
        <div className="variables__row">
          <dt>{t.inbox.columns.process}</dt>
          <dd>{t.inbox.processVersion(task.processKey, task.processVersion)}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.inbox.columns.businessKey}</dt>
          <dd>{task.businessKey ?? '—'}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.inbox.stateLabel}</dt>
          <dd>{t.inbox.state[task.state]}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.inbox.columns.assignee}</dt>
          <dd>{task.assignee ?? t.inbox.unassigned}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.inbox.columns.created}</dt>
          <dd>{formatDateTime(task.createdAt)}</dd>
        </div>
      </dl>

      <h3 className="fr-h6 fr-mt-3w">{t.inbox.caseVariables}</h3>
      <VariablesView variables={task.variables} />
      <PseudonymsPanel key={task.instanceId} instanceId={task.instanceId} />

      <div className="task-actions fr-mt-2w">
        {mayClaim(user, task) && (
          <Button iconId="fr-icon-user-add-line" disabled={busy} onClick={() => void run(() => api.claim(task.id), t.inbox.claimed)}>
            {t.inbox.claim}
          </Button>
        )}
        {mayRelease(user, task) && (
          <Button priority="secondary" iconId="fr-icon-arrow-go-back-line" disabled={busy} onClick={() => void run(() => api.unclaim(task.id), t.inbox.unclaimed)}>
            {t.inbox.unclaim}
          </Button>
        )}
      </div>

      {mayComplete(user, task) && (
        <form onSubmit={complete} className="fr-mt-2w">
          <h3 className="fr-h6">{t.inbox.resultTitle}</h3>
          <VariablesEditor rows={rows} onChange={setRows} />
          <Button type="submit" iconId="fr-icon-check-line" disabled={busy}>
            {t.inbox.complete}
          </Button>
        </form>
      )}
    </section>
  );
}
