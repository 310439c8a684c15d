import { Table } from '@codegouvfr/react-dsfr/Table';
import type { InstancePathStep } from '../api';
import { formatDateTime, t } from '../i18n';
import { ElementLabel } from './ElementLabel';
import { durationBetween, formatDuration } from './format';

/** Every passage through an element, in order, with how long the token stayed (still running: until now). */
export function PathTable({ path, nameOf, now }: { path: InstancePathStep[]; nameOf: (elementId: string) => string | undefined; now: Date }) {
  const columns = t.monitor.pathColumns;
  if (path.length === 0) return <p>{t.monitor.pathEmpty}</p>;
  return (
    <Table
      className="monitor-path"
      caption={t.monitor.pathCaption}
      // The section's heading says it; the caption stays for screen readers.
      noCaption
      headers={[columns.step, columns.entered, columns.left, columns.duration, columns.canceled]}
      data={path.map((step) => [
        <ElementLabel elementId={step.elementId} name={nameOf(step.elementId)} />,
        formatDateTime(step.enteredAt),
        step.leftAt ? formatDateTime(step.leftAt) : <em>{t.monitor.stillThere}</em>,
        formatDuration(durationBetween(step.enteredAt, step.leftAt ?? now)),
        step.canceled ? t.monitor.canceledYes : t.monitor.canceledNo,
      ])}
    />
  );
}
