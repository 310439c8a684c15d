import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { Diagnostic } from '../../../compiler';
import { api, ApiError, type DeployResult } from '../api';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartInstanceForm } from '../components/StartInstanceForm';
import { useCatalog } from '../hooks/useCatalog';
import { formatDateTime, t } from '../i18n';
import { DeployButton } from '../modeler/DeployButton';
import { downloadDiagram, downloadPng, downloadSvg, selectElement, showDiagram } from '../modeler/diagram-actions';
import { DiagnosticsList } from '../modeler/DiagnosticsList';
import { clearDraft, draftOrigin, readDraft } from '../modeler/draft-storage';
import { ModelerToolbar } from '../modeler/ModelerToolbar';
import { newDiagramXml } from '../modeler/new-diagram';
import { markDiagramShown, markOpenStart, markValidationShown } from '../modeler/timing';
import { useBpmnModeler } from '../modeler/useBpmnModeler';
import { useDiagnosticOverlays } from '../modeler/useDiagnosticOverlays';
import { useDraftAutosave } from '../modeler/useDraftAutosave';
import { useElementTemplates } from '../modeler/useElementTemplates';
import { useLiveValidation } from '../modeler/useLiveValidation';

interface ModelerPageProps {
  /** Whose draft the page keeps in the browser. */
  username: string;
  /** Opens this deployed version instead of a new diagram. */
  processKey?: string;
  version?: number;
}

type Deployment = { result: DeployResult } | { error: unknown; diagnostics?: Diagnostic[] };

interface OpenOptions {
  notice?: string;
  failureTitle?: string;
  /** Opening the draft itself keeps it; opening anything else replaces it (it is saved again at the first edit). */
  keepDraft?: boolean;
}

export function ModelerPage({ username, processKey, version }: ModelerPageProps) {
  const { modeler, canvasRef, panelRef } = useBpmnModeler();
  const catalog = useCatalog();
  const templates = useElementTemplates(modeler);
  const validation = useLiveValidation(modeler, catalog.activities);
  const origin = draftOrigin(processKey, version);
  const draftStored = useDraftAutosave(modeler, username, origin);
  const [opened, setOpened] = useState<{ notice?: string; problem?: { title: string; error: unknown } }>({});
  const [exportProblem, setExportProblem] = useState<unknown>();
  const [deploying, setDeploying] = useState(false);
  // The deploy answer, with the live diagnostics it was given for: a refusal's diagnostics show until the diagram changes.
  const [deployment, setDeployment] = useState<{ outcome: Deployment; basedOn: Diagnostic[] }>();

  const serverDiagnostics = deployment?.basedOn === validation.diagnostics && 'error' in deployment.outcome ? deployment.outcome.diagnostics : undefined;
  const diagnostics = serverDiagnostics ?? validation.diagnostics;
  useDiagnosticOverlays(modeler, diagnostics);

  // Before the browser paints: the diagnostics list is up to date in the document.
  useLayoutEffect(() => {
    if (!validation.pending) markValidationShown();
  }, [validation]);

  const open = useCallback(
    async (xml: Promise<string>, { notice, failureTitle = t.modeler.importFailed, keepDraft = false }: OpenOptions = {}) => {
      if (!modeler) return;
      markOpenStart();
      setDeployment(undefined);
      try {
        await showDiagram(modeler, await xml);
        setOpened({ notice });
        if (!keepDraft) clearDraft(username);
        await markDiagramShown();
      } catch (error) {
        setOpened({ problem: { title: failureTitle, error } });
      }
    },
    [modeler, username],
  );

  useEffect(() => {
    const draft = readDraft(username);
    if (draft && draft.origin === origin) {
      void open(Promise.resolve(draft.xml), { notice: t.modeler.draftRestored(formatDateTime(draft.savedAt)), keepDraft: true });
    } else if (processKey && version) {
      void open(
        api.processVersion(processKey, version).then((found) => found.bpmnXml),
        { notice: t.modeler.loadedVersion(processKey, version), failureTitle: t.modeler.loadFailed, keepDraft: true },
      );
    } else {
      void open(Promise.resolve(newDiagramXml()), { keepDraft: true });
    }
  }, [open, username, origin, processKey, version]);

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const blockedReason = validation.pending ? t.deploy.blockedWhileValidating : errors > 0 ? t.deploy.blockedByErrors : undefined;

  const deploy = async () => {
    if (!modeler) return;
    setDeploying(true);
    const basedOn = validation.diagnostics;
    try {
      const { xml } = await modeler.saveXML({ format: true });
      setDeployment({ outcome: { result: await api.deploy(xml ?? '') }, basedOn });
      clearDraft(username);
      // « Brouillon restauré » or « Version N ouverte » no longer describes what is shown.
      setOpened({});
    } catch (error) {
      const refused = error instanceof ApiError && Array.isArray(error.problem.diagnostics) ? (error.problem.diagnostics as Diagnostic[]) : undefined;
      setDeployment({ outcome: { error, diagnostics: refused }, basedOn });
    } finally {
      setDeploying(false);
    }
  };

  const exportImage = (exporter: typeof downloadSvg) => {
    if (!modeler) return;
    setExportProblem(undefined);
    exporter(modeler).catch(setExportProblem);
  };

  const deployed = deployment && 'result' in deployment.outcome ? deployment.outcome.result : undefined;
  const deployError = deployment && 'error' in deployment.outcome ? deployment.outcome.error : undefined;

  return (
    <div className="modeler-page">
      <PageHeading title={t.modeler.title} />
      {opened.notice && <Alert className="fr-mb-2w" severity="info" small role="status" description={opened.notice} />}
      {opened.problem && <ProblemAlert title={opened.problem.title} error={opened.problem.error} />}
      {catalog.failed && <Alert className="fr-mb-2w" severity="warning" small description={t.modeler.catalogUnavailable} />}
      {templates.failed && <Alert className="fr-mb-2w" severity="warning" small description={t.modeler.templatesUnavailable} />}
      {!draftStored && <Alert className="fr-mb-2w" severity="warning" small description={t.modeler.draftNotStored} />}
      {exportProblem !== undefined && <ProblemAlert title={t.modeler.exportFailed} error={exportProblem} />}

      <ModelerToolbar
        onNew={() => void open(Promise.resolve(newDiagramXml()))}
        onOpen={(file) => void open(file.text())}
        onSave={() => modeler && void downloadDiagram(modeler)}
        onExportSvg={() => exportImage(downloadSvg)}
        onExportPng={() => exportImage(downloadPng)}
      >
        <DeployButton blockedReason={blockedReason} deploying={deploying} onDeploy={() => void deploy()} />
      </ModelerToolbar>

      <div className="modeler-workspace">
        <section className="modeler-canvas" aria-label={t.modeler.canvasLabel}>
          <div ref={canvasRef} className="modeler-canvas__container" />
        </section>
        <section className="modeler-properties" aria-label={t.modeler.propertiesLabel}>
          <div ref={panelRef} />
        </section>
      </div>

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div className="fr-col-12 fr-col-lg-7">
          <DiagnosticsList
            diagnostics={diagnostics}
            pending={validation.pending}
            fromServer={serverDiagnostics !== undefined}
            onShowElement={(elementId) => modeler && selectElement(modeler, elementId)}
          />
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          {deployError !== undefined && <ProblemAlert error={deployError} />}
          {deployed && (
            <>
              <Alert
                severity="success"
                role="status"
                title={t.deploy.successTitle}
                description={deployed.created ? t.deploy.created(deployed.processKey, deployed.version) : t.deploy.identical(deployed.processKey, deployed.version)}
              />
              <StartInstanceForm key={`${deployed.processKey}-${deployed.version}`} title={t.instance.startTestTitle} processKey={deployed.processKey} version={deployed.version} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
