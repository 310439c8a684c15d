import { formatTime, t } from '../i18n';
import type { DraftState } from './useServerDraft';

/** Where the server-side draft stands, announced politely as it changes. */
export function DraftStatus({ state }: { state: DraftState }) {
  const text =
    state.status === 'pending'
      ? t.modeler.draftStatus.saving
      : state.status === 'saved'
        ? t.modeler.draftStatus.saved(formatTime(state.at), state.revision)
        : state.status === 'failed'
          ? t.modeler.draftStatus.failed
          : state.status === 'idle'
            ? t.modeler.draftStatus.unsaved
            : '';
  return (
    <p role="status" className={`fr-text--sm draft-status${state.status === 'failed' ? ' fr-message fr-message--error' : ''}`}>
      {text}
    </p>
  );
}
