import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { t } from '../i18n';
import { parseVariablesJson } from '../variables';
import { InstanceStatus } from './InstanceStatus';
import { ProblemAlert } from './ProblemAlert';

interface StartInstanceFormProps {
  title: string;
  processKey: string;
  /** The version to run; the latest when absent. */
  version?: number;
}

export function StartInstanceForm({ title, processKey, version }: StartInstanceFormProps) {
  const titleId = useId();
  const [variablesText, setVariablesText] = useState('{}');
  const [businessKey, setBusinessKey] = useState('');
  const [jsonError, setJsonError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const [instanceId, setInstanceId] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseVariablesJson(variablesText);
    setJsonError(parsed.ok ? undefined : parsed.message);
    if (!parsed.ok) return;
    setPending(true);
    setError(undefined);
    try {
      const started = await api.startInstance(processKey, { variables: parsed.variables, businessKey: businessKey.trim() || undefined, version });
      setInstanceId(started.instanceId);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby={titleId} className="start-instance fr-mt-4w">
      <h2 id={titleId} className="fr-h5">
        {title}
      </h2>
      <form onSubmit={submit} noValidate>
        <Input
          textArea
          label={t.instance.variables}
          hintText={t.instance.variablesHint}
          state={jsonError ? 'error' : 'default'}
          stateRelatedMessage={jsonError}
          classes={{ nativeInputOrTextArea: 'monospace' }}
          nativeTextAreaProps={{ rows: 4, spellCheck: false, value: variablesText, onChange: (e) => setVariablesText(e.target.value) }}
        />
        <Input
          label={t.instance.businessKey}
          hintText={t.instance.businessKeyHint}
          nativeInputProps={{ value: businessKey, onChange: (e) => setBusinessKey(e.target.value), maxLength: 200 }}
        />
        <Button type="submit" iconId="fr-icon-play-line" disabled={pending}>
          {pending ? t.instance.starting : t.instance.start}
        </Button>
      </form>
      {error !== undefined && <ProblemAlert error={error} />}
      {instanceId && <InstanceStatus key={instanceId} instanceId={instanceId} />}
    </section>
  );
}
