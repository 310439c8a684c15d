import { t } from '../i18n';

/** Text and numbers inline; objects and lists folded, as indented JSON, so they do not flood the page. */
export function VariableValue({ value }: { value: unknown }) {
  if (typeof value === 'string') return <>{value}</>;
  if (typeof value !== 'object' || value === null) return <code>{JSON.stringify(value)}</code>;
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  return (
    <details>
      <summary>{t.variables.structured(size)}</summary>
      <pre className="variable-json">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
