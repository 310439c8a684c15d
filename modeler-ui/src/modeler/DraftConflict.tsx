import { ButtonsGroup } from '@codegouvfr/react-dsfr/ButtonsGroup';
import type { ProcessDraft } from '../api';
import { formatDateTime, t } from '../i18n';

interface DraftConflictProps {
  theirs: ProcessDraft;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/** Someone saved the draft while this owner was editing it: both versions are kept, the owner chooses. */
export function DraftConflict({ theirs, onKeepMine, onTakeTheirs }: DraftConflictProps) {
  return (
    <div className="fr-alert fr-alert--warning fr-mb-2w draft-conflict" role="alert">
      <h2 className="fr-alert__title">{t.modeler.conflict.title}</h2>
      <p>{t.modeler.conflict.body(theirs.savedBy ?? '?', theirs.savedAt ? formatDateTime(theirs.savedAt) : '?', theirs.revision)}</p>
      <ButtonsGroup
        className="fr-mt-2w"
        inlineLayoutWhen="always"
        buttons={[
          { children: t.modeler.conflict.keepMine, onClick: onKeepMine },
          ...(theirs.bpmnXml ? [{ children: t.modeler.conflict.takeTheirs, priority: 'secondary' as const, onClick: onTakeTheirs }] : []),
        ]}
      />
    </div>
  );
}
