import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../../compiler';
import { api, ApiError, type DeployResult, type ProcessDraft } from '../api';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartInstanceForm } from '../components/StartInstanceForm';
import { useCatalog } from '../hooks/useCatalog';
import { formatDateTime, t } from '../i18n';
import { DeployButton } from '../modeler/DeployButton';
import { downloadDiagram, downloadPng, downloadSvg, selectElement, showDiagram } from '../modeler/diagram-actions';
import { DiagnosticsList } from '../modeler/DiagnosticsList';
import { ConflictCopies } from '../modeler/ConflictCopies';
import { DraftConflict } from '../modeler/DraftConflict';
import { DraftStatus } from '../modeler/DraftStatus';
import { FormEditorDialog } from '../modeler/FormEditorDialog';
import { ModelerToolbar } from '../modeler/ModelerToolbar';
import { newDiagramXml } from '../modeler/new-diagram';
import { markDiagramShown, markOpenStart, markValidationShown } from '../modeler/timing';
import { useBpmnModeler } from '../modeler/useBpmnModeler';
import { useDiagnosticOverlays } from '../modeler/useDiagnosticOverlays';
import { useElementTemplates } from '../modeler/useElementTemplates';
import { useLiveValidation } from '../modeler/useLiveValidation';
import { useSelectedUserTask } from '../modeler/useSelectedUserTask';
import { useServerDraft, type DraftTracking } from '../modeler/useServerDraft';
import { useTokenSimulation } from '../modeler/useTokenSimulation';
import { useLocation } from '../router';

/**
 * What the router passes. The page reads the process to open from its own address instead
 * (`?processus=KEY[&version=N]`): the router only knows `processus` with a `version`, and the
 * page sets `?processus=KEY` itself once a new diagram's draft is saved.
 */
/** `?processus=KEY` opens its draft, else its latest version; `&version=N` that version. */
function requestedProcess(search: URLSearchParams): { processKey?: string; version?: number } {
  const processKey = search.get('processus') ?? undefined;
  const version = Number(search.get('version'));
  return { processKey, version: processKey && Number.isInteger(version) && version > 0 ? version : undefined };
}

type Deployment = { result: DeployResult } | { error: unknown; diagnostics?: Diagnostic[] };

interface OpenOptions {
  notice?: string;
  failureTitle?: string;
  /** The draft the diagram is saved to; none: the first save starts (or conflicts with) the draft of its process id. */
  track?: DraftTracking;
}

const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The address of the diagram being edited, changed without a navigation (the diagram stays as it is). */
function showAddress(processKey: string | undefined): void {
  const address = processKey ? `/modeler?processus=${encodeURIComponent(processKey)}` : '/modeler';
  if (window.location.pathname + window.location.search !== address) window.history.replaceState(null, '', address);
}

export function ModelerPage() {
  const { processKey, version } = requestedProcess(useLocation().searchParams);
  const { modeler, canvasRef, panelRef } = useBpmnModeler();
  const catalog = useCatalog();
  const templates = useElementTemplates(modeler);
  const validation = useLiveValidation(modeler, catalog.activities);
  /** The `processKey@version` the diagram on screen answers, so that the address following a save does not reopen it. */
  const shown = useRef<string>(undefined);
  const onDraftSaved = useCallback((key: string) => {
    shown.current = `${key}@`;
    showAddress(key);
  }, []);
  const draft = useServerDraft(modeler, onDraftSaved);
  const simulation = useTokenSimulation(modeler);
  const userTask = useSelectedUserTask(modeler);
  const [formTask, setFormTask] = useState<typeof userTask>();
  const [opened, setOpened] = useState<{ notice?: string; problem?: { title: string; error: unknown } }>({});
  const [exportProblem, setExportProblem] = useState<unknown>();
  const [deploying, setDeploying] = useState(false);
  const [message, setMessage] = useState('');
  // The deploy answer, with the live diagnostics it was given for: a refusal's diagnostics show until the diagram changes.
  const [deployment, setDeployment] = useState<{ outcome: Deployment; basedOn: Diagnostic[] }>();

  const serverDiagnostics = deployment?.basedOn === validation.diagnostics && 'error' in deployment.outcome ? deployment.outcome.diagnostics : undefined;
  const diagnostics = serverDiagnostics ?? validation.diagnostics;
  useDiagnosticOverlays(modeler, diagnostics);

  // Before the browser paints: the diagnostics list is up to date in the document.
  useLayoutEffect(() => {
    if (!validation.pending) markValidationShown();
  }, [validation]);

  const { track } = draft;
  const open = useCallback(
    async (xml: Promise<string>, { notice, failureTitle = t.modeler.importFailed, track: tracking }: OpenOptions = {}) => {
      if (!modeler) return;
      markOpenStart();
      setDeployment(undefined);
      try {
        await showDiagram(modeler, await xml);
        track(tracking);
        setOpened({ notice });
        await markDiagramShown();
      } catch (error) {
        setOpened({ problem: { title: failureTitle, error } });
      }
    },
    [modeler, track],
  );

  /** A process from the library: its pending draft, else the version asked for, else its latest version. */
  const openProcess = useCallback(
    async (key: string, requestedVersion?: number) => {
      const pending = await api.draft(key).catch((error: unknown) => (notFound(error) ? undefined : Promise.reject(error)));
      if (pending?.bpmnXml && !requestedVersion) {
        const { revision, basedOnVersion, savedBy, savedAt } = pending;
        await open(Promise.resolve(pending.bpmnXml), {
          notice: t.modeler.draftRestored(formatDateTime(savedAt!), savedBy ?? '?', revision),
          track: { processKey: key, revision, basedOnVersion },
        });
        return;
      }
      const versionToOpen = requestedVersion ?? (await api.processHistory(key)).versions[0]?.version;
      if (!versionToOpen) throw new ApiError(404, 'not-found', t.problems.titles['not-found']!, key);
      // Opening a version while a draft is pending: the first save conflicts with that draft, and the owner chooses.
      const revision = pending?.bpmnXml ? 0 : (pending?.revision ?? 0);
      await open(
        api.processVersion(key, versionToOpen).then((found) => found.bpmnXml),
        {
          notice: requestedVersion ? t.modeler.loadedVersion(key, versionToOpen) : t.modeler.loadedLatest(key, versionToOpen),
          failureTitle: t.modeler.loadFailed,
          track: { processKey: key, revision, basedOnVersion: versionToOpen },
        },
      );
    },
    [open],
  );

  useEffect(() => {
    if (!modeler) return;
    const requested = `${processKey ?? ''}@${version ?? ''}`;
    if (shown.current === requested) return;
    shown.current = requested;
    if (processKey) openProcess(processKey, version).catch((error: unknown) => setOpened({ problem: { title: t.modeler.loadFailed, error } }));
    else void open(Promise.resolve(newDiagramXml()));
  }, [modeler, open, openProcess, processKey, version]);

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const blockedReason = validation.pending
    ? t.deploy.blockedWhileValidating
    : errors > 0
      ? t.deploy.blockedByErrors
      : message.trim() === ''
        ? t.deploy.blockedWithoutMessage
        : undefined;

  const deploy = async () => {
    if (!modeler) return;
    setDeploying(true);
    const basedOn = validation.diagnostics;
    try {
      // The draft saved as it is first, so that the deploy can discard exactly it.
      await draft.settle();
      const { xml } = await modeler.saveXML({ format: true });
      const result = await api.deploy(xml ?? '', message.trim());
      setDeployment({ outcome: { result }, basedOn });
      setMessage('');
      await draft.deployed(result.processKey, result.version);
      // « Brouillon repris » or « Version N ouverte » no longer describes what is shown.
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

  const takeTheirs = () => {
    const theirs: ProcessDraft | undefined = draft.takeTheirs();
    if (!theirs?.bpmnXml) return;
    void open(Promise.resolve(theirs.bpmnXml), {
      notice: t.modeler.conflict.tookTheirs,
      track: { processKey: theirs.processKey, revision: theirs.revision, basedOnVersion: theirs.basedOnVersion },
    });
  };
  const keepMine = async () => {
    await draft.keepMine();
    setOpened({});
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
      {exportProblem !== undefined && <ProblemAlert title={t.modeler.exportFailed} error={exportProblem} />}
      {draft.state.status === 'conflict' && <DraftConflict theirs={draft.state.theirs} onKeepMine={() => void keepMine()} onTakeTheirs={takeTheirs} />}
      <ConflictCopies processKey={processKey} refresh={draft.state.status === 'conflict'} />

      <ModelerToolbar
        onNew={() => {
          shown.current = '@';
          showAddress(undefined);
          void open(Promise.resolve(newDiagramXml()));
        }}
        onOpen={(file) => void open(file.text())}
        onSave={() => modeler && void downloadDiagram(modeler)}
        onExportSvg={() => exportImage(downloadSvg)}
        onExportPng={() => exportImage(downloadPng)}
      >
        <div className="modeler-toolbar__tools" role="group" aria-label={t.modeler.toolsLabel}>
          <Button priority="secondary" iconId="fr-icon-play-circle-line" onClick={simulation.toggle} nativeButtonProps={{ 'aria-pressed': simulation.active }}>
            {simulation.active ? t.modeler.simulation.stop : t.modeler.simulation.start}
          </Button>
          <Button
            priority="secondary"
            iconId="fr-icon-survey-line"
            disabled={!userTask || simulation.active}
            onClick={() => setFormTask(userTask)}
            nativeButtonProps={{ 'aria-describedby': userTask ? undefined : 'form-editor-hint' }}
          >
            {t.formEditor.open}
          </Button>
          {!userTask && (
            <p id="form-editor-hint" className="fr-hint-text modeler-toolbar__hint">
              {t.formEditor.needsUserTask}
            </p>
          )}
        </div>
        <DeployButton blockedReason={blockedReason} deploying={deploying} message={message} onMessageChange={setMessage} onDeploy={() => void deploy()} />
      </ModelerToolbar>
      <DraftStatus state={draft.state} />
      {simulation.active && <Alert className="fr-mb-2w" severity="info" small description={t.modeler.simulation.active} />}

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
      {modeler && formTask && (
        <FormEditorDialog
          modeler={modeler}
          task={formTask}
          onClose={(applied) => {
            setFormTask(undefined);
            if (applied) setOpened({ notice: t.formEditor.applied((formTask as unknown as { businessObject: { name?: string; id: string } }).businessObject.name ?? formTask.id) });
          }}
        />
      )}
    </div>
  );
}
