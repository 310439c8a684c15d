import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useEffect, useState } from 'react';
import { api, whenSessionExpires, type User } from './api';
import { AppHeader } from './components/AppHeader';
import { t } from './i18n';
import { instanceAddressOf } from './monitor/instance-path';
import { CurrentPage } from './pages/CurrentPage';
import { InstancePage } from './pages/InstancePage';
import { navigate, useLocation } from './router';
import { afterLoginPath, homePathOf, LOGIN_PATH } from './session';

export function App() {
  const location = useLocation();
  const { pathname, search } = location;
  // Every signed-in user may follow an instance (the API says what they may do on it).
  const instanceAddress = instanceAddressOf(location);
  // undefined while the session is being checked, null when signed out.
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    whenSessionExpires(() => setUser(null));
    api.me().then(setUser, () => setUser(null));
  }, []);

  useEffect(() => {
    if (user === null && pathname !== LOGIN_PATH) {
      navigate(`${LOGIN_PATH}?retour=${encodeURIComponent(pathname + search)}`, { replace: true });
    } else if (user && pathname === LOGIN_PATH) {
      navigate(afterLoginPath(user, new URLSearchParams(search).get('retour')), { replace: true });
    } else if (user && pathname === '/') {
      navigate(homePathOf(user), { replace: true });
    }
  }, [user, pathname, search]);

  const logout = async () => {
    await api.logout().catch(() => undefined);
    // Straight to the sign-in page, without "come back here": the next person may have other roles.
    navigate(LOGIN_PATH);
    setUser(null);
  };

  return (
    <>
      <SkipLinks links={[{ label: t.app.skipToContent, anchor: '#contenu' }]} />
      <AppHeader user={user ?? null} pathname={pathname} onLogout={logout} />
      <main id="contenu" tabIndex={-1}>
        {user === undefined ? (
          <p className="fr-container fr-my-4w">{t.app.loading}</p>
        ) : user && instanceAddress ? (
          // Keyed by instance: another instance's page starts from a clean state.
          <InstancePage key={instanceAddress.instanceId} address={instanceAddress} user={user} />
        ) : (
          <CurrentPage user={user} location={location} onSignedIn={setUser} />
        )}
      </main>
    </>
  );
}
