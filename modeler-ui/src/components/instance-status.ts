/** How an instance's status shows wherever it is followed live (the modeler's test instance, the instance page). */
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import type { InstanceStatusName } from '../api';

/** How often a running instance's state is read again. */
export const INSTANCE_REFRESH_MS = 2000;

export const STATUS_SEVERITY: Record<InstanceStatusName, AlertProps.Severity> = {
  running: 'info',
  completed: 'success',
  failed: 'error',
  canceled: 'warning',
  terminated: 'warning',
};
