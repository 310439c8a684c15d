/**
 * Accounts and groups, for administrators: `/api/v1/users` and `/api/v1/groups`. Accounts are
 * deactivated, never deleted (tasks and history keep naming them). An administrator cannot
 * take away their own admin role nor deactivate themselves, so the platform always keeps one.
 */
import { Router } from 'express';
import { z } from 'zod';
import { isDuplicateKeyError, UserModel } from '../../platform/storage';
import { currentUser, requireRole } from '../auth/current-user';
import { hashPassword } from '../auth/passwords';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { presentUser } from './presenter';
import { createUserSchema, listUsersSchema, updateUserSchema } from './schemas';

function usernameParam(value: unknown): string {
  // Any stored username may be addressed (OpenID Connect ones too), so only the length is checked.
  return parseRequest(z.string().min(1).max(200), value);
}

export function usersRouter(): Router {
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/', async (req, res) => {
    const { group, role, active, limit, after } = parseRequest(listUsersSchema, req.query);
    const filter = {
      ...(group ? { groups: group } : {}),
      ...(role ? { roles: role } : {}),
      ...(active ? { active: active === 'true' } : {}),
      ...(after ? { _id: { $gt: after } } : {}),
    };
    const users = await UserModel.find(filter).sort({ _id: 1 }).limit(limit + 1).lean();
    const page = users.slice(0, limit);
    res.json({ items: page.map(presentUser), next: users.length > limit ? page.at(-1)!._id : null });
  });

  router.post('/', async (req, res) => {
    const input = parseRequest(createUserSchema, req.body);
    const user = new UserModel({
      _id: input.username,
      displayName: input.displayName ?? input.username,
      roles: input.roles,
      groups: input.groups,
      active: input.active,
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    });
    try {
      await user.save();
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw problems.conflict(`A user named "${input.username}" already exists. Choose another username, or change that account with PATCH /api/v1/users/${encodeURIComponent(input.username)}.`);
      }
      throw error;
    }
    res.status(201).location(`/api/v1/users/${encodeURIComponent(input.username)}`).json(presentUser(user.toObject()));
  });

  router.get('/:username', async (req, res) => {
    const username = usernameParam(req.params.username);
    const user = await UserModel.findById(username).lean();
    if (!user) throw problems.notFound('User', username);
    res.json(presentUser(user));
  });

  router.patch('/:username', async (req, res) => {
    const username = usernameParam(req.params.username);
    const patch = parseRequest(updateUserSchema, req.body);
    if (username === currentUser(res).username) {
      if (patch.roles && !patch.roles.includes('admin')) {
        throw problems.conflict('You cannot remove your own admin role: the platform would be left without you as administrator. Ask another administrator to do it.');
      }
      if (patch.active === false) {
        throw problems.conflict('You cannot deactivate your own account. Ask another administrator to do it.');
      }
    }
    const { password, ...fields } = patch;
    const update: Record<string, unknown> = { $set: { ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) } };
    if (password === null) update.$unset = { passwordHash: 1 };
    const user = await UserModel.findOneAndUpdate({ _id: username }, update, { returnDocument: 'after', runValidators: true }).lean();
    if (!user) throw problems.notFound('User', username);
    res.json(presentUser(user));
  });

  /** Deactivates (sessions end at once: each request re-reads the account). */
  router.delete('/:username', async (req, res) => {
    const username = usernameParam(req.params.username);
    if (username === currentUser(res).username) {
      throw problems.conflict('You cannot deactivate your own account. Ask another administrator to do it.');
    }
    const user = await UserModel.findOneAndUpdate({ _id: username }, { $set: { active: false } }, { returnDocument: 'after' }).lean();
    if (!user) throw problems.notFound('User', username);
    res.json(presentUser(user));
  });

  return router;
}

/** `/api/v1/groups`: every group some account belongs to, with its active members (and inactive ones apart). */
export function groupsRouter(): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/', async (_req, res) => {
    // Counted in code, over a projection: thousands of accounts at most, and no dependence on
    // aggregation expressions ($cond in $group) that FerretDB may not implement.
    const counts = new Map<string, { members: number; inactiveMembers: number }>();
    for await (const user of UserModel.find({}, { groups: 1, active: 1 }).lean().cursor()) {
      for (const group of new Set(user.groups)) {
        const count = counts.get(group) ?? { members: 0, inactiveMembers: 0 };
        if (user.active === false) count.inactiveMembers += 1;
        else count.members += 1;
        counts.set(group, count);
      }
    }
    const items = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, count]) => ({ name, ...count }));
    res.json({ items });
  });
  return router;
}
