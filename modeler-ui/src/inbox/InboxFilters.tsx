import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { TaskCounts, TaskQuery, TaskSort, TaskView } from '../api';
import { inboxText } from './messages';

const VIEWS: TaskView[] = ['all', 'mine', 'groups', 'unassigned'];
const SORTS: TaskSort[] = ['created', 'due', 'priority'];

interface InboxFiltersProps {
  query: TaskQuery;
  counts?: TaskCounts;
  onChange: (query: TaskQuery) => void;
}

/** The tabs (with their counters), the process and due-date filters, and the sort. */
export function InboxFilters({ query, counts, onChange }: InboxFiltersProps) {
  const [processKey, setProcessKey] = useState(query.processKey ?? '');
  const [dueBefore, setDueBefore] = useState(query.dueBefore?.slice(0, 10) ?? '');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...query, processKey: processKey.trim() || undefined, dueBefore: dueBefore ? new Date(`${dueBefore}T00:00:00`).toISOString() : undefined, cursor: undefined });
  };
  const clear = () => {
    setProcessKey('');
    setDueBefore('');
    onChange({ ...query, processKey: undefined, dueBefore: undefined, cursor: undefined });
  };

  return (
    <div className="inbox-filters">
      <nav aria-label={inboxText.tabsLabel}>
        <ul className="fr-tags-group">
          {VIEWS.map((view) => (
            <li key={view}>
              <button type="button" className="fr-tag" aria-pressed={query.view === view} onClick={() => onChange({ ...query, view, cursor: undefined })}>
                {inboxText.viewCount(inboxText.views[view], counts?.[view])}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {counts && counts.late > 0 && (
        <p className="fr-badge fr-badge--error fr-badge--no-icon fr-mb-2w" data-testid="late-count">
          {inboxText.lateCount(counts.late)}
        </p>
      )}
      <form className="inbox-filters__form" onSubmit={apply} aria-label={inboxText.filtersLegend}>
        <Input label={inboxText.process} hintText={inboxText.processHint} nativeInputProps={{ value: processKey, onChange: (e) => setProcessKey(e.target.value), autoComplete: 'off' }} />
        <Input label={inboxText.dueBefore} nativeInputProps={{ type: 'date', value: dueBefore, onChange: (e) => setDueBefore(e.target.value) }} />
        <div className="inbox-filters__buttons">
          <Button type="submit" priority="secondary" iconId="fr-icon-filter-line">
            {inboxText.applyFilters}
          </Button>
          {(query.processKey || query.dueBefore) && (
            <Button type="button" priority="tertiary" onClick={clear}>
              {inboxText.clearFilters}
            </Button>
          )}
        </div>
        <Select
          label={inboxText.sort}
          nativeSelectProps={{ value: query.sort, onChange: (e) => onChange({ ...query, sort: e.target.value as TaskSort, cursor: undefined }) }}
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {inboxText.sorts[sort]}
            </option>
          ))}
        </Select>
      </form>
    </div>
  );
}
