import { Table } from '@codegouvfr/react-dsfr/Table';
import type { TaskSummary } from '../api';
import { formatDateTime, t } from '../i18n';
import { inboxText } from './messages';
import { SlaBadge } from './SlaBadge';

interface TaskTableProps {
  tasks: TaskSummary[];
  selectedId?: string;
  onSelect: (taskId: string) => void;
}

export function TaskTable({ tasks, selectedId, onSelect }: TaskTableProps) {
  if (tasks.length === 0) return <p>{t.inbox.empty}</p>;
  const columns = t.inbox.columns;
  return (
    <Table
      className="task-table"
      caption={t.inbox.caption}
      headers={[columns.name, columns.process, columns.businessKey, columns.assignee, inboxText.columns.due, inboxText.columns.priority, columns.created]}
      data={tasks.map((task) => [
        <button
          type="button"
          className={`fr-link task-table__select${task.id === selectedId ? ' task-table__select--current' : ''}`}
          aria-current={task.id === selectedId ? 'true' : undefined}
          onClick={() => onSelect(task.id)}
        >
          {task.name}
        </button>,
        task.processKey,
        task.businessKey ?? '—',
        task.assignee ?? t.inbox.unassigned,
        <SlaBadge dueDate={task.dueDate} sla={task.sla} />,
        inboxText.priority(task.priority),
        formatDateTime(task.createdAt),
      ])}
    />
  );
}
