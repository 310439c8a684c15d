import type { User } from '../api';
import { LOGIN_PATH, mayOpen } from '../session';
import { InboxPage } from './InboxPage';
import { LoginPage } from './LoginPage';
import { ModelerPage } from './ModelerPage';
import { NotFoundPage } from './NotFoundPage';
import { ProcessesPage } from './ProcessesPage';

/** The page of the current address, once the session is known (redirections are App's job). */
export function CurrentPage({ user, location, onSignedIn }: { user: User | null; location: URL; onSignedIn: (user: User) => void }) {
  if (!user) return location.pathname === LOGIN_PATH ? <LoginPage onSignedIn={onSignedIn} /> : null;
  if (location.pathname === LOGIN_PATH || location.pathname === '/') return null;
  if (!mayOpen(user, location.pathname)) return <NotFoundPage forbidden />;
  switch (location.pathname) {
    case '/modeler':
      return <ModelerPage />;
    case '/processus':
      return <ProcessesPage user={user} />;
    case '/taches':
      return <InboxPage user={user} />;
    default:
      return <NotFoundPage />;
  }
}
