/**
 * Who a notification goes to. A recipient is written as an email address (`a@b.fr`), a user id
 * (`agent-a`), or a group id (`group-a`, or `group:group-a` when a user has the same name).
 * Users' addresses come from their notification settings; a user or group with no address is
 * reported as unreachable (the outbox shows it to admins), not silently dropped.
 */
import { NotificationSettingsModel, UserModel } from '../../platform/storage';

export interface ResolvedRecipients {
  addresses: string[];
  unreachable: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `to` as BPMN inputs give it: a list, or one string of ids separated by commas or spaces. */
export function recipientList(to: unknown): string[] {
  const items = Array.isArray(to) ? to : typeof to === 'string' ? to.split(/[,;\s]+/) : [];
  return [...new Set(items.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean))];
}

async function addressesOf(usernames: string[], { optedInOnly }: { optedInOnly: boolean }): Promise<Map<string, string>> {
  const active = new Set((await UserModel.find({ _id: { $in: usernames }, active: true }, { _id: 1 }).lean()).map((user) => user._id));
  const settings = await NotificationSettingsModel.find({ _id: { $in: [...active] }, email: { $ne: null }, ...(optedInOnly ? { taskCreated: true } : {}) }).lean();
  return new Map(settings.map((setting) => [setting._id, setting.email!]));
}

export async function resolveRecipients(requested: string[]): Promise<ResolvedRecipients> {
  const addresses = new Set<string>();
  const unreachable: string[] = [];
  const emails = requested.filter((item) => EMAIL.test(item));
  emails.forEach((email) => addresses.add(email.toLowerCase()));
  const names = requested.filter((item) => !EMAIL.test(item));
  const explicitGroups = names.filter((name) => name.startsWith('group:')).map((name) => name.slice('group:'.length));
  const bare = names.filter((name) => !name.startsWith('group:'));
  const users = new Set((await UserModel.find({ _id: { $in: bare } }, { _id: 1 }).lean()).map((user) => user._id));
  const groups = [...explicitGroups, ...bare.filter((name) => !users.has(name))];
  const userAddresses = await addressesOf([...users], { optedInOnly: false });
  for (const user of users) {
    const address = userAddresses.get(user);
    if (address) addresses.add(address.toLowerCase());
    else unreachable.push(user);
  }
  for (const group of groups) {
    const members = (await UserModel.find({ groups: group, active: true }, { _id: 1 }).lean()).map((user) => user._id);
    const memberAddresses = await addressesOf(members, { optedInOnly: false });
    if (memberAddresses.size === 0) unreachable.push(group);
    memberAddresses.forEach((address) => addresses.add(address.toLowerCase()));
  }
  return { addresses: [...addresses].sort(), unreachable };
}

/** The candidates of a new task who asked to be told (settings.taskCreated), with an address. */
export async function optedInCandidates(candidateUsers: string[], candidateGroups: string[], assignee: string | null): Promise<string[]> {
  const members = candidateGroups.length > 0 ? (await UserModel.find({ groups: { $in: candidateGroups }, active: true }, { _id: 1 }).lean()).map((user) => user._id) : [];
  const usernames = [...new Set([...candidateUsers, ...members, ...(assignee ? [assignee] : [])])];
  if (usernames.length === 0) return [];
  return [...new Set((await addressesOf(usernames, { optedInOnly: true })).values())].map((address) => address.toLowerCase()).sort();
}
