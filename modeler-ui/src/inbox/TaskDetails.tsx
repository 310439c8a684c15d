import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent } from 'react';
import { ApiError, inboxApi, type TaskDetail, type User } from '../api';
import { VariablesView } from '../components/VariablesView';
import { formatDateTime, t } from '../i18n';
import { parseFieldValue } from '../variables';
import { AssignForm } from './AssignForm';
import { CasePath } from './CasePath';
import { CommentsPanel } from './CommentsPanel';
import { inboxText } from './messages';
import { PseudonymsPanel } from './PseudonymsPanel';
import { SlaBadge } from './SlaBadge';
import { TaskForm } from './TaskForm';
import { TaskHistory } from './TaskHistory';
import { isOverseer, mayAssign, mayClaim, mayComplete, mayRelease } from './task-permissions';
import { VariablesEditor, type VariableRow } from './VariablesEditor';

interface TaskDetailsProps {
  task: TaskDetail;
  user: User;
  /** Set when the live events say someone else changed this task since it was loaded. */
  changedElsewhere?: string;
  onReload: () => void;
  /** Runs an API call on the task; the inbox reports its outcome, refreshes, and returns whether it succeeded. */
  onAction: (call: () => Promise<unknown>, success: string) => Promise<unknown>;
}

type FieldErrors = { field: string; message: { fr: string } }[];

export function TaskDetails({ task, user, changedElsewhere, onReload, onAction }: TaskDetailsProps) {
  const [rows, setRows] = useState<VariableRow[]>([{ key: 1, name: '', value: '' }]);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>([]);

  const run = async (call: () => Promise<unknown>, success: string): Promise<unknown> => {
    setBusy(true);
    const error = await onAction(call, success);
    setBusy(false);
    return error;
  };

  const complete = async (variables: Record<string, unknown>) => {
    setFieldErrors([]);
    const error = await run(() => inboxApi.complete(task.id, variables, task.revision), t.inbox.completed(task.name));
    if (error instanceof ApiError && error.problemType === 'invalid-form') setFieldErrors((error.problem.errors as FieldErrors | undefined) ?? []);
  };

  const completeWithRows = (event: FormEvent) => {
    event.preventDefault();
    void complete(Object.fromEntries(rows.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), parseFieldValue(row.value)])));
  };

  const headers = Object.entries(task.headers ?? {});
  const schema = task.form?.schema;

  return (
    <section aria-labelledby="task-details-title" className="task-details">
      <p className="fr-text--sm fr-mb-1v">{t.inbox.details}</p>
      <h2 id="task-details-title" className="fr-h4">
        {task.name}
      </h2>
      {changedElsewhere && (
        <Alert
          className="fr-mb-2w"
          severity="warning"
          small
          description={
            <>
              {changedElsewhere}{' '}
              <button type="button" className="fr-link" onClick={onReload}>
                {t.inbox.refresh}
              </button>
            </>
          }
        />
      )}
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
          <dt>{t.inbox.columns.groups}</dt>
          <dd>{[...task.candidateGroups, ...task.candidateUsers].join(', ') || '—'}</dd>
        </div>
        <div className="variables__row">
          <dt>{inboxText.columns.due}</dt>
          <dd>
            <SlaBadge dueDate={task.dueDate} sla={task.sla} />
          </dd>
        </div>
        {task.followUpDate && (
          <div className="variables__row">
            <dt>{inboxText.followUp}</dt>
            <dd>{formatDateTime(task.followUpDate)}</dd>
          </div>
        )}
        <div className="variables__row">
          <dt>{inboxText.columns.priority}</dt>
          <dd>{inboxText.priority(task.priority)}</dd>
        </div>
        <div className="variables__row">
          <dt>{t.inbox.columns.created}</dt>
          <dd>{formatDateTime(task.createdAt)}</dd>
        </div>
      </dl>

      {headers.length > 0 && (
        <section aria-labelledby="task-instructions-title" className="fr-mt-2w">
          <h3 id="task-instructions-title" className="fr-h6">
            {inboxText.instructions}
          </h3>
          <dl className="variables">
            {headers.map(([name, value]) => (
              <div key={name} className="variables__row">
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <div className="task-actions fr-mt-2w">
        {mayClaim(user, task) && (
          <Button iconId="fr-icon-user-add-line" disabled={busy} onClick={() => void run(() => inboxApi.claim(task.id, task.revision), t.inbox.claimed)}>
            {t.inbox.claim}
          </Button>
        )}
        {mayRelease(user, task) && (
          <Button priority="secondary" iconId="fr-icon-arrow-go-back-line" disabled={busy} onClick={() => void run(() => inboxApi.unclaim(task.id, task.revision), t.inbox.unclaimed)}>
            {t.inbox.unclaim}
          </Button>
        )}
      </div>

      {mayComplete(user, task) &&
        (schema ? (
          <TaskForm key={task.id} schema={schema} data={task.variables} busy={busy} serverErrors={fieldErrors} onSubmit={(data) => void complete(data)} />
        ) : (
          <form onSubmit={completeWithRows} className="fr-mt-2w">
            <h3 className="fr-h6">{t.inbox.resultTitle}</h3>
            {task.form?.formKey && <p className="fr-text--sm">{inboxText.formUnavailable(task.form.formKey)}</p>}
            <VariablesEditor rows={rows} onChange={setRows} />
            <Button type="submit" iconId="fr-icon-check-line" disabled={busy}>
              {t.inbox.complete}
            </Button>
          </form>
        ))}

      {mayAssign(user, task) && (
        <AssignForm
          supervisor={isOverseer(user)}
          busy={busy}
          onAssign={(username) => void run(() => inboxApi.assign(task.id, username, task.revision), inboxText.delegated(username))}
        />
      )}

      <CommentsPanel comments={task.comments} busy={busy} onComment={async (text) => (await run(() => inboxApi.comment(task.id, text), inboxText.commentAdded)) === undefined} />

      <h3 className="fr-h6 fr-mt-3w">{t.inbox.caseVariables}</h3>
      <VariablesView variables={task.variables} />
      <PseudonymsPanel key={task.instanceId} instanceId={task.instanceId} />
      <CasePath instanceId={task.instanceId} />
      <TaskHistory history={task.history} />
    </section>
  );
}
