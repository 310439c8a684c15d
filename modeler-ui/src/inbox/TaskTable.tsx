import { Table } from '@codegouvfr/react-dsfr/Table';
import type { Task } from '../api';
import { formatDateTime, t } from '../i18n';

interface TaskTableProps {
  tasks: Task[];
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
      headers={[columns.name, columns.process, columns.businessKey, columns.groups, columns.assignee, columns.created]}
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
        task.candidateGroups.join(', ') || '—',
        task.assignee ?? t.inbox.unassigned,
        formatDateTime(task.createdAt),
      ])}
    />
  );
}
