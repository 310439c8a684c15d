import { Button } from '@codegouvfr/react-dsfr/Button';
import { FormEditor } from '@bpmn-io/form-js';
import type Modeler from 'bpmn-js/lib/Modeler';
import type { Element } from 'bpmn-js/lib/model/Types';
import { useEffect, useRef, useState } from 'react';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import { t } from '../i18n';
import { readEmbeddedForm, writeEmbeddedForm, type FormSchema } from './embedded-form';

interface FormEditorDialogProps {
  modeler: Modeler;
  task: Element;
  onClose: (applied: boolean) => void;
}

/**
 * The form-js editor in a modal dialog, on the selected user task's embedded form. « Appliquer »
 * writes the schema into the diagram (see embedded-form.ts); closing otherwise changes nothing.
 */
export function FormEditorDialog({ modeler, task, onClose }: FormEditorDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor>(undefined);
  const [unreadable, setUnreadable] = useState<string>();
  const taskName = (task as unknown as { businessObject: { name?: string; id: string } }).businessObject;

  useEffect(() => {
    dialog.current?.showModal();
    const instance = new FormEditor({ container: container.current! });
    editor.current = instance;
    let schema: FormSchema;
    try {
      schema = readEmbeddedForm(task);
    } catch (error) {
      setUnreadable((error as Error).message);
      schema = { type: 'default', components: [] };
    }
    void instance.importSchema(schema);
    return () => {
      editor.current = undefined;
      instance.destroy();
    };
  }, [task]);

  const apply = () => {
    if (!editor.current) return;
    writeEmbeddedForm(modeler, task, editor.current.saveSchema() as FormSchema);
    dialog.current?.close();
    onClose(true);
  };

  return (
    <dialog ref={dialog} className="form-editor-dialog" aria-labelledby="form-editor-title" onCancel={() => onClose(false)}>
      <h2 id="form-editor-title" className="fr-h4">
        {t.formEditor.title(taskName.name ?? taskName.id)}
      </h2>
      <p className="fr-text--sm">{t.formEditor.intro}</p>
      {unreadable && <p className="fr-message fr-message--error">{t.formEditor.unreadable(unreadable)}</p>}
      <div ref={container} className="form-editor-dialog__editor" />
      <div className="form-editor-dialog__actions">
        <Button priority="secondary" onClick={() => { dialog.current?.close(); onClose(false); }}>
          {t.formEditor.cancel}
        </Button>
        <Button onClick={apply}>{t.formEditor.apply}</Button>
      </div>
    </dialog>
  );
}
