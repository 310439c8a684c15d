import { Button } from '@codegouvfr/react-dsfr/Button';
import { t } from '../i18n';

interface DeployButtonProps {
  /** Why deploying is not possible now; the button is enabled when absent. */
  blockedReason?: string;
  deploying: boolean;
  onDeploy: () => void;
}

export function DeployButton({ blockedReason, deploying, onDeploy }: DeployButtonProps) {
  return (
    <div className="deploy-button">
      <Button
        iconId="fr-icon-upload-2-line"
        disabled={blockedReason !== undefined || deploying}
        onClick={onDeploy}
        nativeButtonProps={{ 'aria-describedby': blockedReason ? 'deploy-blocked-reason' : undefined }}
      >
        {deploying ? t.deploy.deploying : t.deploy.button}
      </Button>
      {blockedReason && (
        <p id="deploy-blocked-reason" className="fr-message fr-message--info deploy-button__reason">
          {blockedReason}
        </p>
      )}
    </div>
  );
}
