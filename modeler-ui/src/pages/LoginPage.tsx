import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { useEffect, useState, type FormEvent } from 'react';
import { api, type User } from '../api';
import { PageHeading } from '../components/PageHeading';
import { ProblemAlert } from '../components/ProblemAlert';
import { t } from '../i18n';

export function LoginPage({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [oidc, setOidc] = useState(false);

  useEffect(() => {
    // Without OpenID Connect configured, the page simply keeps the password form.
    api.authConfig().then((config) => setOidc(config.oidc), () => setOidc(false));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      onSignedIn((await api.login(username, password)).user);
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };

  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-6">
          <PageHeading title={t.login.title} />
          <p>{t.login.intro}</p>
          {error !== undefined && <ProblemAlert error={error} />}
          <form onSubmit={submit}>
            <Input
              label={t.login.username}
              nativeInputProps={{ name: 'username', autoComplete: 'username', required: true, value: username, onChange: (e) => setUsername(e.target.value) }}
            />
            <Input
              label={t.login.password}
              nativeInputProps={{
                name: 'password',
                type: 'password',
                autoComplete: 'current-password',
                required: true,
                value: password,
                onChange: (e) => setPassword(e.target.value),
              }}
            />
            <Button type="submit" disabled={pending}>
              {pending ? t.login.submitting : t.login.submit}
            </Button>
          </form>
          {oidc && (
            <div className="fr-mt-4w">
              <p>{t.login.orProvider}</p>
              {/* A full-page navigation: the route redirects to the identity provider. */}
              <ProConnectButton url="/api/v1/auth/oidc/login" />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
