import { Button } from '@codegouvfr/react-dsfr/Button';
import { Form } from '@bpmn-io/form-js';
import { useEffect, useRef, useState } from 'react';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import type { FormSchema } from '../api';
import { t } from '../i18n';
import { rouageFormValidatorModule } from './form-validator';
import { inboxText } from './messages';

interface TaskFormProps {
  schema: FormSchema;
  /** The task's variables: the form shows the values its keys name. */
  data: Record<string, unknown>;
  busy: boolean;
  /** Field errors the server returned for the last submission (it validates against the same schema). */
  serverErrors: { field: string; message: { fr: string } }[];
  onSubmit: (data: Record<string, unknown>) => void;
}

/**
 * The task's form-js form (viewer), prefilled from the case variables. « Terminer » runs the
 * form's own validation first; the server checks again before anything reaches the instance.
 */
export function TaskForm({ schema, data, busy, serverErrors, onSubmit }: TaskFormProps) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form>(undefined);
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    const instance = new Form({ container: container.current!, additionalModules: [rouageFormValidatorModule] });
    form.current = instance;
    void instance.importSchema(schema, data);
    return () => {
      form.current = undefined;
      instance.destroy();
    };
    // Built once per task (the parent keys this component by task): re-importing would lose what the agent typed.
  }, [schema]);

  const submit = () => {
    if (!form.current) return;
    const { data: values, errors } = form.current.submit();
    const hasErrors = Object.keys(errors).length > 0;
    setInvalid(hasErrors);
    if (!hasErrors) onSubmit(values as Record<string, unknown>);
  };

  return (
    <section aria-labelledby="task-form-title" className="task-form fr-mt-3w">
      <h3 id="task-form-title" className="fr-h6">
        {inboxText.formTitle}
      </h3>
      <div ref={container} className="task-form__fields" />
      <div aria-live="polite">
        {invalid && <p className="fr-message fr-message--error">{inboxText.formInvalid}</p>}
        {serverErrors.length > 0 && (
          <div className="fr-message fr-message--error">
            <p className="fr-mb-1v">{inboxText.serverFieldErrors}</p>
            <ul>
              {serverErrors.map((error) => (
                <li key={error.field}>{error.message.fr}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <Button type="button" iconId="fr-icon-check-line" disabled={busy} onClick={submit}>
        {t.inbox.complete}
      </Button>
    </section>
  );
}
