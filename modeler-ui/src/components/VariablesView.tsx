import { t } from '../i18n';
import { AiOutput, isAiResult } from './AiOutput';
import { VariableValue } from './VariableValue';

export function VariablesView({ variables }: { variables: Record<string, unknown> }) {
  const entries = Object.entries(variables);
  if (entries.length === 0) return <p>{t.inbox.noVariables}</p>;
  return (
    <dl className="variables">
      {entries.map(([name, value]) => (
        <div key={name} className="variables__row">
          <dt>{name}</dt>
          <dd>{isAiResult(value) ? <AiOutput result={value} /> : <VariableValue value={value} />}</dd>
        </div>
      ))}
    </dl>
  );
}
