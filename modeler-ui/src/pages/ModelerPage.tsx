import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useCallback, useEffect, useState } from 'react';
import type { Diagnostic } from '../../../compiler';
import { api, ApiError, type DeployResult } from '../api';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartInstanceForm } from '../components/StartInstanceForm';
import { useCatalog } from '../hooks/useCatalog';
import { t } from '../i18n';
import { DeployButton } from '../modeler/DeployButton';
import { downloadDiagram, selectElement, showDiagram } from '../modeler/diagram-actions';
import { DiagnosticsList } from '../modeler/DiagnosticsList';
import { ModelerToolbar } from '../modeler/ModelerToolbar';
import { newDiagramXml } from '../modeler/new-diagram';
import { useBpmnModeler } from '../modeler/useBpmnModeler';
import { useDiagnosticOverlays } from '../modeler/useDiagnosticOverlays';
import { useLiveValidation } from '../modeler/useLiveValidation';

interface ModelerPageProps {
  /** Opens this deployed version instead of a new diagram. */
  processKey?: string;
  version?: number;
}

type Deployment = { result: DeployResult } | { error: unknown; diagnostics?: Diagnostic[] };

export function ModelerPage({ processKey, version }: ModelerPageProps) {
  const { modeler, canvasRef, panelRef } = useBpmnModeler();
  const catalog = useCatalog();
  const validation = useLiveValidation(modeler, catalog.activities);
  const [opened, setOpened] = useState<{ notice?: string; problem?: { title: string; error: unknown } }>({});
  const [deploying, setDeploying] = useState(false);
  // The deploy answer, with the live diagnostics it was given for: a refusal's diagnostics show until the diagram changes.
  const [deployment, setDeployment] = useState<{ outcome: Deployment; basedOn: Diagnostic[] }>();

  const serverDiagnostics = deployment?.basedOn === validation.diagnostics && 'error' in deployment.outcome ? deployment.outcome.diagnostics : undefined;
  const diagnostics = serverDiagnostics ?? validation.diagnostics;
  useDiagnosticOverlays(modeler, diagnostics);

  const open = useCallback(
    async (xml: Promise<string>, notice?: string, failureTitle = t.modeler.importFailed) => {
      if (!modeler) return;
      setDeployment(undefined);
      try {
        await showDiagram(modeler, await xml);
        setOpened({ notice });
      } catch (error) {
        setOpened({ problem: { title: failureTitle, error } });
      }
    },
    [modeler],
  );

  useEffect(() => {
    if (processKey && version) {
      void open(
        api.processVersion(processKey, version).then((found) => found.bpmnXml),
        t.modeler.loadedVersion(processKey, version),
        t.modeler.loadFailed,
      );
    } else {
      void open(Promise.resolve(newDiagramXml()));
    }
  }, [open, processKey, version]);

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const blockedReason = validation.pending ? t.deploy.blockedWhileValidating : errors > 0 ? t.deploy.blockedByErrors : undefined;

  const deploy = async () => {
    if (!modeler) return;
    setDeploying(true);
    const basedOn = validation.diagnostics;
    try {
      const { xml } = await modeler.saveXML({ format: true });
      setDeployment({ outcome: { result: await api.deploy(xml ?? '') }, basedOn });
    } catch (error) {
      const refused = error instanceof ApiError && Array.isArray(error.problem.diagnostics) ? (error.problem.diagnostics as Diagnostic[]) : undefined;
      setDeployment({ outcome: { error, diagnostics: refused }, basedOn });
    } finally {
      setDeploying(false);
    }
  };

  const deployed = deployment && 'result' in deployment.outcome ? deployment.outcome.result : undefined;
  const deployError = deployment && 'error' in deployment.outcome ? deployment.outcome.error : undefined;

  return (
    <div className="modeler-page">
      <PageHeading title={t.modeler.title} />
      {opened.notice && <Alert className="fr-mb-2w" severity="info" small role="status" description={opened.notice} />}
      {opened.problem && <ProblemAlert title={opened.problem.title} error={opened.problem.error} />}
      {catalog.failed && <Alert className="fr-mb-2w" severity="warning" small description={t.modeler.catalogUnavailable} />}

      <ModelerToolbar
        onNew={() => void open(Promise.resolve(newDiagramXml()))}
        onOpen={(file) => void open(file.text())}
        onSave={() => modeler && void downloadDiagram(modeler)}
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
