import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { t } from '../i18n';

interface DeployButtonProps {
  /** Why deploying is not possible now; the button is enabled when absent. */
  blockedReason?: string;
  deploying: boolean;
  /** What changed and why, stored on the new version. */
  message: string;
  onMessageChange: (message: string) => void;
  onDeploy: () => void;
}

export function DeployButton({ blockedReason, deploying, message, onMessageChange, onDeploy }: DeployButtonProps) {
  return (
    <div className="deploy-button">
      <Input
        className="deploy-button__message"
        label={t.deploy.messageLabel}
        hintText={t.deploy.messageHint}
        textArea
        nativeTextAreaProps={{ value: message, rows: 2, maxLength: 2000, onChange: (event) => onMessageChange(event.target.value) }}
      />
      <div className="deploy-button__action">
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
    </div>
  );
}
