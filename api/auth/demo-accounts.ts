/**
 * Development only: the demo accounts of the README, so the platform can be tried at once.
 * Their password is ROUAGE_DEMO_PASSWORD when set (re-applied at each start, so scripts can
 * log in), else generated on first start and printed.
 */
import { randomBytes } from 'node:crypto';
import { UserModel, type Role } from '../../platform/storage';
import { hashPassword } from './passwords';

export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[]; groups: string[] }[] = [
  { username: 'admin', displayName: 'Administratrice', roles: ['admin'], groups: [] },
  { username: 'owner', displayName: 'Responsable de processus', roles: ['owner'], groups: [] },
  { username: 'supervisor', displayName: 'Superviseur', roles: ['supervisor'], groups: [] },
  { username: 'agent-a', displayName: 'Agent A', roles: ['agent'], groups: ['group-a'] },
  { username: 'agent-b', displayName: 'Agent B', roles: ['agent'], groups: ['group-b'] },
  // The groups of the reference procedures (examples/): one agent each, so every task of the demo has someone.
  { username: 'instructrice', displayName: 'Instructrice des aides', roles: ['agent'], groups: ['instructeurs-aides'] },
  { username: 'responsable-aides', displayName: 'Responsable des aides', roles: ['agent'], groups: ['responsables-aides'] },
  { username: 'direction', displayName: 'Direction', roles: ['agent'], groups: ['direction'] },
  { username: 'accueil', displayName: 'Standard et accueil', roles: ['agent'], groups: ['standard-accueil'] },
  {
    username: 'equipe-terrain',
    displayName: 'Équipe de terrain',
    roles: ['agent'],
    groups: ['equipe-voirie', 'equipe-eclairage', 'equipe-proprete', 'equipe-espaces-verts', 'equipe-autre'],
  },
  { username: 'chef-equipe', displayName: "Chef d'équipe", roles: ['agent'], groups: ['chefs-equipe'] },
  { username: 'relation-usagers', displayName: 'Relation usagers', roles: ['agent'], groups: ['relation-usagers'] },
  { username: 'juriste', displayName: 'Service juridique', roles: ['agent'], groups: ['service-juridique'] },
];

/** Returns the password to print when one was generated, else undefined. */
export async function seedDemoAccounts(demoPassword: string | undefined): Promise<string | undefined> {
  const existing = new Set((await UserModel.find({ _id: { $in: DEMO_ACCOUNTS.map((a) => a.username) } }, { _id: 1 }).lean()).map((u) => u._id));
  const generated = demoPassword ? undefined : randomBytes(9).toString('base64url');
  const password = demoPassword ?? generated!;
  const passwordHash = await hashPassword(password);
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username) && !demoPassword) continue;
    await UserModel.updateOne(
      { _id: account.username },
      { $set: { displayName: account.displayName, roles: account.roles, groups: account.groups, passwordHash, active: true } },
      { upsert: true },
    );
    created += 1;
  }
  return generated && created > 0 ? generated : undefined;
}
