import type { Diagnostic } from '../../../compiler';
import { t } from '../i18n';
import { DiagnosticText } from './DiagnosticText';

interface DiagnosticsListProps {
  diagnostics: readonly Diagnostic[];
  pending: boolean;
  /** The diagnostics are the server's answer to a deploy, not the live check. */
  fromServer: boolean;
  onShowElement: (elementId: string) => void;
}

export function DiagnosticsList({ diagnostics, pending, fromServer, onShowElement }: DiagnosticsListProps) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const valid = !pending && errors === 0;
  const summary = pending ? t.diagnostics.validating : errors > 0 || warnings > 0 ? t.diagnostics.summary(errors, warnings) : '';
  return (
    <section aria-labelledby="diagnostics-title" className="diagnostics">
      <h2 id="diagnostics-title" className="fr-h5">
        {t.diagnostics.title}
      </h2>
      <p role="status" className={`diagnostics__status fr-mb-2w${valid ? ' diagnostics__status--valid' : ''}`}>
        {[summary, valid ? t.diagnostics.valid : ''].filter(Boolean).join(' — ')}
      </p>
      {fromServer && <p className="fr-text--sm">{t.diagnostics.fromServer}</p>}
      {diagnostics.length > 0 && (
        <ul className="diagnostics__list">
          {diagnostics.map((diagnostic, index) => (
            <li key={`${diagnostic.ruleId}-${diagnostic.elementId ?? index}-${index}`}>
              {diagnostic.elementId ? (
                <button type="button" className="diagnostic" onClick={() => onShowElement(diagnostic.elementId!)}>
                  <DiagnosticText diagnostic={diagnostic} />
                </button>
              ) : (
                <div className="diagnostic">
                  <DiagnosticText diagnostic={diagnostic} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
