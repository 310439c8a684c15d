import type { Diagnostic } from '../../../compiler';
import { localized, t } from '../i18n';

/** One diagnostic's content: phrasing elements only, as it may sit inside a button. */
export function DiagnosticText({ diagnostic }: { diagnostic: Diagnostic }) {
  return (
    <>
      <span className={`fr-badge fr-badge--sm fr-badge--${diagnostic.severity}`}>{t.diagnostics.severity[diagnostic.severity]}</span>
      <span className="diagnostic__message">{localized(diagnostic.message)}</span>
      <span className="diagnostic__hint">{localized(diagnostic.hint)}</span>
      <span className="diagnostic__where">
        {diagnostic.elementId ? t.diagnostics.element(diagnostic.elementId) : t.diagnostics.position(diagnostic.line, diagnostic.column)}
      </span>
    </>
  );
}
