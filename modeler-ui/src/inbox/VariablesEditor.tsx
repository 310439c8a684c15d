import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { t } from '../i18n';

export interface VariableRow {
  key: number;
  name: string;
  value: string;
}

interface VariablesEditorProps {
  rows: VariableRow[];
  onChange: (rows: VariableRow[]) => void;
}

/** Name/value rows, for the variables a task sends back when completed. */
export function VariablesEditor({ rows, onChange }: VariablesEditorProps) {
  const update = (key: number, change: Partial<VariableRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const nextKey = Math.max(0, ...rows.map((row) => row.key)) + 1;
  return (
    <fieldset className="fr-fieldset variables-editor">
      <legend className="fr-fieldset__legend fr-text--regular">
        {t.editor.legend}
        <span className="fr-hint-text">{t.inbox.resultHint}</span>
      </legend>
      {rows.map((row, index) => (
        <div key={row.key} className="variables-editor__row">
          <Input
            label={t.editor.name(index + 1)}
            nativeInputProps={{ value: row.name, onChange: (e) => update(row.key, { name: e.target.value }), autoComplete: 'off' }}
          />
          <Input
            label={t.editor.value(index + 1)}
            nativeInputProps={{ value: row.value, onChange: (e) => update(row.key, { value: e.target.value }), autoComplete: 'off' }}
          />
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-delete-line"
            title={t.editor.remove(index + 1)}
            onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
          />
        </div>
      ))}
      <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => onChange([...rows, { key: nextKey, name: '', value: '' }])}>
        {t.editor.add}
      </Button>
    </fieldset>
  );
}
