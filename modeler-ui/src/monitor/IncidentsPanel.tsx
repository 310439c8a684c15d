import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { monitorApi, type InstanceIncident } from '../api';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime, t } from '../i18n';
import { parseVariablesJson } from '../variables';

interface IncidentsPanelProps {
  instanceId: string;
  incidents: InstanceIncident[];
  /** Element names by id (undefined when it has none). */
  nameOf: (elementId: string) => string | undefined;
  canResolve: boolean;
  /** Called after each resolution, done or refused, so the page reads the new state at once. */
  onChanged: () => void;
}

/** The open incidents, each with « Résoudre »: variables to set (JSON), then the element runs again. */
export function IncidentsPanel({ instanceId, incidents, nameOf, canResolve, onChanged }: IncidentsPanelProps) {
  const [resolving, setResolving] = useState<string>();
  const [resolvedMessage, setResolvedMessage] = useState<string>();
  // Shown above the list, not in the form: a refused resolution often means the incident is gone
  // (resolved by someone else, instance ended), and its form with it once the page refreshes.
  const [failure, setFailure] = useState<unknown>();
  // The button that opened the form gets the focus back when it closes (if it is still there).
  const openers = useRef(new Map<string, HTMLButtonElement>());

  const close = (incidentId: string) => {
    setResolving(undefined);
    openers.current.get(incidentId)?.focus();
  };

  return (
    <>
      {resolvedMessage && (
        <Alert className="fr-mb-2w" severity="success" small description={resolvedMessage} closable onClose={() => setResolvedMessage(undefined)} />
      )}
      {failure !== undefined && <ProblemAlert error={failure} title={t.monitor.resolveFailed} />}
      {incidents.length === 0 ? (
        <p>{t.monitor.noIncidents}</p>
      ) : (
        <ul className="monitor-incidents">
          {incidents.map((incident) => {
            const element = nameOf(incident.elementId) ?? incident.elementId;
            return (
              <li key={incident.incidentId} className="monitor-incident" data-testid="incident">
                <h3 className="fr-h6 fr-mb-1w">{t.monitor.incidentAt(element)}</h3>
                <p className="fr-mb-1w monitor-incident__reason">{incident.reason}</p>
                <p className="fr-hint-text fr-mb-1w">
                  {t.monitor.incidentSince(formatDateTime(incident.createdAt))} · {t.monitor.incidentScope(incident.scopeKey)}
                </p>
                {canResolve && (
                  <Button
                    size="small"
                    iconId="fr-icon-refresh-line"
                    aria-expanded={resolving === incident.incidentId}
                    ref={(button: HTMLButtonElement | null) => {
                      if (button) openers.current.set(incident.incidentId, button);
                      else openers.current.delete(incident.incidentId);
                    }}
                    onClick={() => {
                      setResolvedMessage(undefined);
                      setFailure(undefined);
                      setResolving(resolving === incident.incidentId ? undefined : incident.incidentId);
                    }}
                  >
                    {t.monitor.resolve}
                    <span className="fr-sr-only"> — {t.monitor.resolveTitle(element)}</span>
                  </Button>
                )}
                {canResolve && resolving === incident.incidentId && (
                  <ResolveForm
                    instanceId={instanceId}
                    incident={incident}
                    element={element}
                    onCancel={() => close(incident.incidentId)}
                    onResolved={() => {
                      setResolving(undefined);
                      setResolvedMessage(t.monitor.resolved(element));
                      onChanged();
                    }}
                    onFailed={(error) => {
                      setFailure(error);
                      onChanged();
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!canResolve && incidents.length > 0 && <p className="fr-hint-text">{t.monitor.resolveForbidden}</p>}
    </>
  );
}

interface ResolveFormProps {
  instanceId: string;
  incident: InstanceIncident;
  element: string;
  onCancel: () => void;
  onResolved: () => void;
  onFailed: (error: unknown) => void;
}

function ResolveForm({ instanceId, incident, element, onCancel, onResolved, onFailed }: ResolveFormProps) {
  const titleId = useId();
  const [text, setText] = useState('{}');
  const [jsonError, setJsonError] = useState<string>();
  const [pending, setPending] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  // Opened from its button: the focus goes to what there is to fill in.
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseVariablesJson(text);
    setJsonError(parsed.ok ? undefined : parsed.message);
    if (!parsed.ok) {
      field.current?.focus();
      return;
    }
    setPending(true);
    try {
      await monitorApi.resolveIncident(instanceId, incident.incidentId, Object.keys(parsed.variables).length > 0 ? parsed.variables : undefined);
      onResolved();
    } catch (failure) {
      setPending(false);
      onFailed(failure);
    }
  };

  return (
    <form className="monitor-resolve fr-mt-2w" onSubmit={submit} noValidate aria-labelledby={titleId} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <p id={titleId} className="fr-text--bold fr-mb-1w">
        {t.monitor.resolveTitle(element)}
      </p>
      <Input
        textArea
        label={t.monitor.resolveVariables}
        hintText={t.monitor.resolveVariablesHint}
        state={jsonError ? 'error' : 'default'}
        stateRelatedMessage={jsonError}
        classes={{ nativeInputOrTextArea: 'monospace' }}
        nativeTextAreaProps={{ ref: field, rows: 4, spellCheck: false, value: text, onChange: (e) => setText(e.target.value) }}
      />
      <div className="monitor-resolve__actions">
        <Button type="submit" size="small" iconId="fr-icon-play-line" disabled={pending}>
          {pending ? t.monitor.resolving : t.monitor.resolveSubmit}
        </Button>
        <Button type="button" size="small" priority="secondary" onClick={onCancel}>
          {t.monitor.resolveCancel}
        </Button>
      </div>
    </form>
  );
}
