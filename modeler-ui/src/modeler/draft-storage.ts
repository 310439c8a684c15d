/**
 * The diagram being edited, kept in the browser (localStorage) so a reload or a closed tab
 * loses nothing: saved shortly after each change, restored when the modeler opens again on the
 * same diagram, removed once deployed. One draft per user of the browser.
 */
export interface Draft {
  xml: string;
  /** ISO date of the last save. */
  savedAt: string;
  /** What the draft was started from: `nouveau` (a new diagram or an opened file) or `KEY@VERSION`. */
  origin: string;
}

const PREFIX = 'rouage:modeler-draft:';

export function draftOrigin(processKey?: string, version?: number): string {
  return processKey && version ? `${processKey}@${version}` : 'nouveau';
}

export function readDraft(username: string): Draft | undefined {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(PREFIX + username) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { xml, savedAt, origin } = stored as Partial<Draft>;
    return typeof xml === 'string' && typeof savedAt === 'string' && typeof origin === 'string' ? { xml, savedAt, origin } : undefined;
  } catch {
    return undefined;
  }
}

/** False when the browser refuses (storage full or disabled): the page then says drafts are not kept. */
export function writeDraft(username: string, draft: Draft): boolean {
  try {
    localStorage.setItem(PREFIX + username, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(username: string): void {
  try {
    localStorage.removeItem(PREFIX + username);
  } catch {
    // Storage disabled: there is nothing to clear.
  }
}
