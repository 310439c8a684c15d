import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { inboxText } from './messages';

/** Supervisors assign a task to anyone; its assignee delegates it to another candidate. */
export function AssignForm({ supervisor, busy, onAssign }: { supervisor: boolean; busy: boolean; onAssign: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim()) onAssign(username.trim());
  };
  return (
    <form onSubmit={submit} className="fr-mt-3w" aria-labelledby="task-assign-title">
      <h3 id="task-assign-title" className="fr-h6">
        {inboxText.delegateTitle(supervisor)}
      </h3>
      <Input label={inboxText.delegateLabel} hintText={inboxText.delegateHint(supervisor)} nativeInputProps={{ value: username, onChange: (e) => setUsername(e.target.value), autoComplete: 'off' }} />
      <Button type="submit" priority="secondary" size="small" iconId="fr-icon-user-line" disabled={busy || !username.trim()}>
        {inboxText.delegate(supervisor)}
      </Button>
    </form>
  );
}
