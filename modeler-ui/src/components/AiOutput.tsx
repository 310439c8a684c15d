import { t } from '../i18n';
import { VariableValue } from './VariableValue';

interface Provenance {
  provider: string;
  model: string;
  promptVersion?: string;
}

/** What an AI activity wrote: its result fields plus `provenance` (and usually `confidence`). */
export type AiResult = Record<string, unknown> & { provenance: Provenance; confidence?: number };

export function isAiResult(value: unknown): value is AiResult {
  const provenance = (value as { provenance?: Partial<Provenance> } | null)?.provenance;
  return typeof provenance?.provider === 'string' && typeof provenance.model === 'string';
}

/** An AI proposal, said to be one: who proposed it, how sure it was, then the proposed fields. */
export function AiOutput({ result }: { result: AiResult }) {
  const { provenance, confidence, ...fields } = result;
  const origin = [
    t.ai.proposedBy(provenance.provider, provenance.model),
    typeof confidence === 'number' ? t.ai.confidence(Math.round(confidence * 100)) : undefined,
  ].filter(Boolean);
  return (
    <div className="ai-output">
      <p className="ai-output__origin">
        <span className="fr-badge fr-badge--sm fr-badge--new">{t.ai.badge}</span> {origin.join(', ')}
        {provenance.promptVersion && <span className="fr-hint-text">{t.ai.promptVersion(provenance.promptVersion)}</span>}
      </p>
      <dl className="variables variables--nested">
        {Object.entries(fields).map(([name, value]) => (
          <div key={name} className="variables__row">
            <dt>{name}</dt>
            <dd>
              <VariableValue value={value} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
