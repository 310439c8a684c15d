import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import type { ChangeEvent, ReactNode } from 'react';
import { t } from '../i18n';

interface ModelerToolbarProps {
  onNew: () => void;
  onOpen: (file: File) => void;
  onSave: () => void;
  onExportSvg: () => void;
  onExportPng: () => void;
  /** The deploy button and its state, last in the bar. */
  children: ReactNode;
}

export function ModelerToolbar({ onNew, onOpen, onSave, onExportSvg, onExportPng, children }: ModelerToolbarProps) {
  const open = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again reopens it.
    event.target.value = '';
    if (file) onOpen(file);
  };
  return (
    <div className="modeler-toolbar" aria-label={t.modeler.toolbarLabel} role="group">
      <Button priority="secondary" iconId="fr-icon-file-add-line" onClick={onNew}>
        {t.modeler.newDiagram}
      </Button>
      <Upload
        className="modeler-toolbar__upload"
        label={t.modeler.openFile}
        hint={t.modeler.openFileHint}
        nativeInputProps={{ accept: '.bpmn,.xml', onChange: open }}
      />
      <Button priority="secondary" iconId="fr-icon-download-line" onClick={onSave}>
        {t.modeler.saveFile}
      </Button>
      <div className="modeler-toolbar__exports" role="group" aria-label={t.modeler.exportLabel}>
        <Button priority="tertiary" iconId="fr-icon-image-line" onClick={onExportSvg}>
          {t.modeler.exportSvg}
        </Button>
        <Button priority="tertiary" iconId="fr-icon-image-line" onClick={onExportPng}>
          {t.modeler.exportPng}
        </Button>
      </div>
      {children}
    </div>
  );
}
