import type Modeler from 'bpmn-js/lib/Modeler';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type ProcessDraft } from '../api';
import { processIdOf } from './process-id';

/** Edits come in bursts: the draft is saved once the burst pauses. */
const SAVE_DELAY_MS = 800;

/** Which draft the diagram on screen is saved to, and the revision the next save is based on. */
export interface DraftTracking {
  processKey: string;
  revision: number;
  basedOnVersion: number | null;
}

export type DraftState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'saved'; at: Date; revision: number }
  | { status: 'failed'; error: unknown }
  /** Someone saved the draft meanwhile: theirs is the draft, mine a conflict copy; saving waits for the owner's choice. */
  | { status: 'conflict'; theirs: ProcessDraft; conflictId?: string };

const conflictOf = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && typeof error.problem.currentDraft === 'object'
    ? { theirs: error.problem.currentDraft as ProcessDraft, conflictId: typeof error.problem.conflictId === 'string' ? error.problem.conflictId : undefined }
    : undefined;

/**
 * Saves the diagram as its process's server-side draft shortly after each edit (importing is not
 * an edit), each save based on the revision the previous one produced. A 409 means someone else
 * saved meanwhile: saving stops until the owner keeps their own version or takes the other one.
 * `onSaved` is told the key of each saved draft (the page puts it in its address).
 */
export function useServerDraft(modeler: Modeler | undefined, onSaved: (processKey: string) => void) {
  const tracking = useRef<DraftTracking | undefined>(undefined);
  const [state, setState] = useState<DraftState>({ status: 'idle' });
  const inConflict = useRef(false);
  const savedListener = useRef(onSaved);
  savedListener.current = onSaved;

  /** One save at a time, each based on the revision the previous one produced. */
  const saveNow = useCallback(async (): Promise<void> => {
    if (!modeler) return;
    const processKey = processIdOf(modeler);
    const { xml } = await modeler.saveXML({ format: true });
    if (!processKey || xml === undefined) return;
    // A changed process id files the diagram under another draft, which starts at revision 0 (or conflicts with an existing one).
    if (tracking.current?.processKey !== processKey) tracking.current = { processKey, revision: 0, basedOnVersion: null };
    const base = tracking.current;
    try {
      const saved = await api.saveDraft(processKey, { bpmnXml: xml, baseRevision: base.revision, basedOnVersion: base.basedOnVersion });
      if (tracking.current === base) tracking.current = { ...base, revision: saved.revision };
      setState({ status: 'saved', at: new Date(), revision: saved.revision });
      savedListener.current(processKey);
    } catch (error) {
      const conflict = conflictOf(error);
      inConflict.current = conflict !== undefined;
      setState(conflict ? { status: 'conflict', ...conflict } : { status: 'failed', error });
    }
  }, [modeler]);

  /** The edit waiting for its save (debounced), and the save under way. */
  const scheduled = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | undefined>(undefined);
  const saveAgain = useRef(false);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(scheduled.current);
    scheduled.current = undefined;
    if (inConflict.current) return;
    if (running.current) {
      saveAgain.current = true;
      return running.current;
    }
    running.current = saveNow().catch(() => undefined);
    await running.current;
    running.current = undefined;
    if (saveAgain.current) {
      saveAgain.current = false;
      await save();
    }
  }, [saveNow]);

  /** Resolves once every edit made so far is saved (or refused): deploying then finds the draft as it is. */
  const settle = useCallback(async () => {
    if (scheduled.current !== undefined) await save();
    while (running.current) await running.current;
  }, [save]);

  useEffect(() => {
    if (!modeler) return;
    const changed = (event: unknown) => {
      // `clear` is the command stack emptied by an import.
      if ((event as { trigger?: string }).trigger === 'clear' || inConflict.current) return;
      setState((previous) => (previous.status === 'pending' ? previous : { status: 'pending' }));
      clearTimeout(scheduled.current);
      scheduled.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    };
    /** Leaving (reload, closed tab) right after an edit: the pending save goes at once, on a request that outlives the page. */
    const flush = () => {
      if (scheduled.current === undefined || running.current || !tracking.current) return;
      clearTimeout(scheduled.current);
      scheduled.current = undefined;
      const base = tracking.current;
      void modeler.saveXML({ format: true }).then(({ xml }) => {
        const processKey = processIdOf(modeler);
        if (xml === undefined || processKey !== base.processKey) return;
        void fetch(`/api/v1/processes/${encodeURIComponent(processKey)}/draft`, {
          method: 'PUT',
          keepalive: true,
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ bpmnXml: xml, baseRevision: base.revision, basedOnVersion: base.basedOnVersion }),
        }).catch(() => undefined);
      });
    };
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on('commandStack.changed', changed);
    window.addEventListener('pagehide', flush);
    return () => {
      eventBus.off('commandStack.changed', changed);
      window.removeEventListener('pagehide', flush);
      // Leaving the page (to another of the app): the pending edit is saved now.
      if (scheduled.current !== undefined) void save();
    };
  }, [modeler, save]);

  /** The page opened a diagram: later saves go to this draft (no tracking: the first save starts it). */
  const track = useCallback((next: DraftTracking | undefined) => {
    tracking.current = next;
    inConflict.current = false;
    setState({ status: 'idle' });
  }, []);

  /** Keeps my version: saved on top of theirs; the conflict copy, now redundant, is dropped. */
  const keepMine = useCallback(async () => {
    if (state.status !== 'conflict') return;
    const { theirs, conflictId } = state;
    tracking.current = { processKey: theirs.processKey, revision: theirs.revision, basedOnVersion: tracking.current?.basedOnVersion ?? theirs.basedOnVersion };
    inConflict.current = false;
    await saveNow();
    if (conflictId && !inConflict.current) await api.dropConflictCopy(theirs.processKey, conflictId).catch(() => undefined);
  }, [state, saveNow]);

  /** Takes their version: the page shows it; mine stays on the server as a conflict copy. */
  const takeTheirs = useCallback((): ProcessDraft | undefined => {
    if (state.status !== 'conflict') return undefined;
    const { theirs } = state;
    tracking.current = { processKey: theirs.processKey, revision: theirs.revision, basedOnVersion: theirs.basedOnVersion };
    inConflict.current = false;
    return theirs;
  }, [state]);

  /** A deploy of the tracked process: its draft is done with, unless someone changed it meanwhile. */
  const deployed = useCallback(async (processKey: string, version: number) => {
    const current = tracking.current;
    // A diagram opened from a file, deployed before any edit: later edits start its process's draft from this version.
    if (!current) tracking.current = { processKey, revision: 0, basedOnVersion: version };
    if (current?.processKey !== processKey) return;
    tracking.current = { ...current, basedOnVersion: version };
    if (current.revision === 0) return;
    try {
      const discarded = await api.discardDraft(processKey, current.revision);
      tracking.current = { processKey, revision: discarded.revision, basedOnVersion: version };
      setState({ status: 'idle' });
    } catch {
      // Someone saved the draft meanwhile: it stays, theirs to deploy or drop.
    }
  }, []);

  return { state, track, settle, keepMine, takeTheirs, deployed };
}
