import type { SlaState } from '../api';
import { formatDateTime } from '../i18n';
import { inboxText } from './messages';

const SEVERITY: Record<SlaState, string> = { onTime: 'fr-badge--success', atRisk: 'fr-badge--warning', late: 'fr-badge--error' };

/** The due date with the SLA state as a DSFR badge (text, not only colour). */
export function SlaBadge({ dueDate, sla }: { dueDate: string | null; sla: SlaState | null }) {
  if (!dueDate) return <span className="fr-text--sm">{inboxText.noDue}</span>;
  return (
    <span className="sla">
      <span className="sla__date">{formatDateTime(dueDate)}</span>
      {sla && <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${SEVERITY[sla]}`}>{inboxText.sla[sla]}</span>}
    </span>
  );
}
