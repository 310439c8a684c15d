import { Header } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import type { User } from '../api';
import { switchLocale, t, type Locale } from '../i18n';
import { canListProcesses, canModel } from '../session';

interface AppHeaderProps {
  user: User | null;
  pathname: string;
  onLogout: () => void;
}

export function AppHeader({ user, pathname, onLogout }: AppHeaderProps) {
  const link = (href: string, text: string): MainNavigationProps.Item => ({ text, linkProps: { href }, isActive: pathname === href });
  const navigation = user
    ? [
        ...(canModel(user) ? [link('/modeler', t.nav.modeler)] : []),
        ...(canListProcesses(user) ? [link('/processus', t.nav.processes)] : []),
        link('/taches', t.nav.inbox),
      ]
    : undefined;
  return (
    <Header
      brandTop={
        <>
          {t.app.brandTop[0]}
          <br />
          {t.app.brandTop[1]}
        </>
      }
      homeLinkProps={{ href: '/', title: t.app.homeTitle }}
      serviceTitle={t.app.serviceTitle}
      serviceTagline={t.app.serviceTagline}
      navigation={navigation}
      quickAccessItems={[
        ...(user
          ? [
              <span className="fr-tag fr-icon-account-circle-line fr-tag--icon-left">{t.nav.signedInAs(user.displayName)}</span>,
              { iconId: 'fr-icon-logout-box-r-line' as const, text: t.nav.logout, buttonProps: { onClick: onLogout } },
            ]
          : []),
        // Named in the language it switches to (lang set for screen readers), as the DSFR advises.
        {
          iconId: 'fr-icon-translate-2' as const,
          text: t.nav.otherLanguage,
          buttonProps: { lang: t.nav.otherLanguageCode, 'aria-label': t.nav.switchLanguage, onClick: () => switchLocale(t.nav.otherLanguageCode as Locale) },
        },
      ]}
    />
  );
}
