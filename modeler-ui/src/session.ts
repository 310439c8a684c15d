/** What each role may open; the API enforces the same rules, this only shapes navigation. */
import type { User } from './api';

export const LOGIN_PATH = '/connexion';

export const canModel = (user: User) => user.roles.some((role) => role === 'owner' || role === 'admin');
export const canListProcesses = (user: User) => canModel(user) || user.roles.includes('supervisor');

export function homePathOf(user: User): string {
  return canModel(user) ? '/modeler' : '/taches';
}

export function mayOpen(user: User, pathname: string): boolean {
  switch (pathname) {
    case '/modeler':
      return canModel(user);
    case '/processus':
      return canListProcesses(user);
    default:
      return true;
  }
}

/** Where to go after signing in: the page asked for, when it is a page of this app the user may open. */
export function afterLoginPath(user: User, requested: string | null): string {
  if (!requested || !requested.startsWith('/') || requested.startsWith('//')) return homePathOf(user);
  const pathname = new URL(requested, window.location.origin).pathname;
  return pathname !== LOGIN_PATH && pathname !== '/' && mayOpen(user, pathname) ? requested : homePathOf(user);
}
