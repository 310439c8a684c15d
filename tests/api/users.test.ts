import { UserModel } from '../../platform/storage';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const ROLE_ACCOUNTS = { admin: 'admin', owner: 'owner', supervisor: 'supervisor', agent: 'agent-a' } as const;
type RoleName = keyof typeof ROLE_ACCOUNTS;

describe('users and groups administration', () => {
  let platform: TestPlatform;
  const tokens = {} as Record<RoleName, string>;
  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    for (const [role, username] of Object.entries(ROLE_ACCOUNTS)) tokens[role as RoleName] = await platform.login(username);
  });
  afterAll(() => platform.stop());

  /** Each operation, with a request that succeeds for an admin (fresh target each time). */
  const operations: { name: string; run: (token: string | undefined, n: number) => Promise<{ status: number; body: any }>; adminStatus: number }[] = [
    { name: 'GET /users', run: (token) => platform.request('GET', '/api/v1/users', { token }), adminStatus: 200 },
    {
      name: 'POST /users',
      run: (token, n) => platform.request('POST', '/api/v1/users', { token, json: { username: `matrix-new-${n}`, password: 'correct horse battery', roles: ['agent'], groups: ['group-m'] } }),
      adminStatus: 201,
    },
    { name: 'GET /users/:username', run: (token) => platform.request('GET', '/api/v1/users/agent-b', { token }), adminStatus: 200 },
    { name: 'PATCH /users/:username', run: (token) => platform.request('PATCH', '/api/v1/users/matrix-target', { token, json: { displayName: 'Patched' } }), adminStatus: 200 },
    { name: 'DELETE /users/:username', run: (token) => platform.request('DELETE', '/api/v1/users/matrix-target', { token }), adminStatus: 200 },
    { name: 'GET /groups', run: (token) => platform.request('GET', '/api/v1/groups', { token }), adminStatus: 200 },
  ];

  describe('authorisation matrix', () => {
    beforeAll(async () => {
      await UserModel.create({ _id: 'matrix-target', displayName: 'Target', roles: ['agent'], groups: ['group-m'], active: true });
    });

    let n = 0;
    for (const operation of operations) {
      for (const role of Object.keys(ROLE_ACCOUNTS) as RoleName[]) {
        const allowed = role === 'admin';
        it(`${operation.name} as ${role}: ${allowed ? operation.adminStatus : 403}`, async () => {
          n += 1;
          const response = await operation.run(tokens[role], n);
          expect(response.status).toBe(allowed ? operation.adminStatus : 403);
          if (!allowed) {
            expect(response.body.type).toBe('urn:rouage:problem:forbidden');
            expect(response.body.detail).toContain('admin');
          }
        });
      }
      it(`${operation.name} without a session: 401`, async () => {
        expect((await operation.run(undefined, 0)).status).toBe(401);
      });
    }

    it('left nothing behind from the refused calls', async () => {
      expect(await UserModel.countDocuments({ _id: /^matrix-new-/ })).toBe(1); // the admin's only
      expect((await UserModel.findById('matrix-target').lean())!.displayName).toBe('Patched');
    });
  });

  it('creates a user and never shows a password hash', async () => {
    const created = await platform.request('POST', '/api/v1/users', {
      token: tokens.admin,
      json: { username: 'c.dupont', password: 'un mot de passe assez long', displayName: 'Claire Dupont', roles: ['agent', 'supervisor', 'agent'], groups: ['group-a', 'urbanisme'] },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/users/c.dupont');
    expect(created.body).toMatchObject({ username: 'c.dupont', displayName: 'Claire Dupont', roles: ['agent', 'supervisor'], groups: ['group-a', 'urbanisme'], active: true, hasPassword: true, oidc: null });

    const fetched = await platform.request('GET', '/api/v1/users/c.dupont', { token: tokens.admin });
    const listed = await platform.request('GET', '/api/v1/users', { token: tokens.admin });
    for (const body of [created.body, fetched.body, listed.body]) {
      expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2|scrypt/);
    }
    expect(listed.body.items.map((u: any) => u.username)).toEqual(expect.arrayContaining(['admin', 'agent-a', 'c.dupont']));

    const signedIn = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'c.dupont', password: 'un mot de passe assez long' } });
    expect(signedIn.body.user).toEqual({ username: 'c.dupont', displayName: 'Claire Dupont', roles: ['agent', 'supervisor'], groups: ['group-a', 'urbanisme'] });
  });

  it('refuses a duplicate username with 409 and an invalid body with 400 naming the fields', async () => {
    const duplicate = await platform.request('POST', '/api/v1/users', { token: tokens.admin, json: { username: 'agent-a', password: 'another long password' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain('"agent-a" already exists');

    const invalid = await platform.request('POST', '/api/v1/users', {
      token: tokens.admin,
      json: { username: 'bad name', password: 'short', roles: ['emperor'], groups: ['a,b'], passwordHash: 'x' },
    });
    expect(invalid.status).toBe(400);
    const paths = invalid.body.errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password', 'roles.0', 'groups.0']));
    expect(invalid.body.detail).toMatch(/passwordHash/); // unknown fields are refused, not ignored
  });

  it('answers 404 for an unknown user on every operation', async () => {
    for (const [method, json] of [['GET'], ['PATCH', { displayName: 'x' }], ['DELETE']] as const) {
      const response = await platform.request(method, '/api/v1/users/nobody', { token: tokens.admin, json });
      expect(response.status).toBe(404);
      expect(response.body.detail).toContain('"nobody"');
    }
  });

  it('updates roles, groups, display name and password', async () => {
    await platform.request('POST', '/api/v1/users', { token: tokens.admin, json: { username: 'to-edit', password: 'first long password', roles: ['agent'] } });
    const patched = await platform.request('PATCH', '/api/v1/users/to-edit', {
      token: tokens.admin,
      json: { roles: ['supervisor'], groups: ['group-b'], displayName: 'Edited', password: 'second long password' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ username: 'to-edit', roles: ['supervisor'], groups: ['group-b'], displayName: 'Edited', hasPassword: true });
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'to-edit', password: 'first long password' } })).status).toBe(401);
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'to-edit', password: 'second long password' } })).status).toBe(200);

    const withoutPassword = await platform.request('PATCH', '/api/v1/users/to-edit', { token: tokens.admin, json: { password: null } });
    expect(withoutPassword.body.hasPassword).toBe(false);
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'to-edit', password: 'second long password' } })).status).toBe(401);

    expect((await platform.request('PATCH', '/api/v1/users/to-edit', { token: tokens.admin, json: {} })).status).toBe(400);
    expect((await platform.request('PATCH', '/api/v1/users/to-edit', { token: tokens.admin, json: { username: 'renamed' } })).status).toBe(400);
  });

  it('deactivates instead of deleting: the account stays, its sessions end, it cannot sign in; PATCH reactivates', async () => {
    await platform.request('POST', '/api/v1/users', { token: tokens.admin, json: { username: 'leaving', password: 'a password for leaving', roles: ['agent'], groups: ['group-z'] } });
    const session = await platform.request('POST', '/api/v1/auth/login', { json: { username: 'leaving', password: 'a password for leaving' } });
    expect((await platform.request('GET', '/api/v1/auth/me', { token: session.body.token })).status).toBe(200);

    const deactivated = await platform.request('DELETE', '/api/v1/users/leaving', { token: tokens.admin });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(await UserModel.exists({ _id: 'leaving' })).toBeTruthy();
    expect((await platform.request('GET', '/api/v1/auth/me', { token: session.body.token })).status).toBe(401);
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'leaving', password: 'a password for leaving' } })).status).toBe(401);
    expect((await platform.request('GET', '/api/v1/users?active=false', { token: tokens.admin })).body.items.map((u: any) => u.username)).toContain('leaving');

    expect((await platform.request('PATCH', '/api/v1/users/leaving', { token: tokens.admin, json: { active: true } })).body.active).toBe(true);
    expect((await platform.request('POST', '/api/v1/auth/login', { json: { username: 'leaving', password: 'a password for leaving' } })).status).toBe(200);
  });

  it('does not let an administrator remove their own admin role or deactivate themselves', async () => {
    const demote = await platform.request('PATCH', '/api/v1/users/admin', { token: tokens.admin, json: { roles: ['supervisor'] } });
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toContain('own admin role');
    const deactivate = await platform.request('PATCH', '/api/v1/users/admin', { token: tokens.admin, json: { active: false } });
    expect(deactivate.status).toBe(409);
    const remove = await platform.request('DELETE', '/api/v1/users/admin', { token: tokens.admin });
    expect(remove.status).toBe(409);
    expect(remove.body.detail).toContain('another administrator');
    const stored = await UserModel.findById('admin').lean();
    expect(stored).toMatchObject({ roles: ['admin'], active: true });

    // Other changes to one's own account, and another admin demoting this one, are fine.
    expect((await platform.request('PATCH', '/api/v1/users/admin', { token: tokens.admin, json: { roles: ['admin', 'owner'], displayName: 'Admin' } })).status).toBe(200);
    await platform.request('POST', '/api/v1/users', { token: tokens.admin, json: { username: 'admin-2', password: 'second admin password', roles: ['admin'] } });
    const secondAdmin = (await platform.request('POST', '/api/v1/auth/login', { json: { username: 'admin-2', password: 'second admin password' } })).body.token;
    expect((await platform.request('PATCH', '/api/v1/users/admin', { token: secondAdmin, json: { roles: ['admin'] } })).status).toBe(200);
  });

  it('lists users by group and role, page by page', async () => {
    for (const name of ['page-1', 'page-2', 'page-3']) {
      await UserModel.create({ _id: name, displayName: name, roles: ['agent'], groups: ['group-page'], active: true });
    }
    const first = await platform.request('GET', '/api/v1/users?group=group-page&limit=2', { token: tokens.admin });
    expect(first.body.items.map((u: any) => u.username)).toEqual(['page-1', 'page-2']);
    const second = await platform.request('GET', `/api/v1/users?group=group-page&limit=2&after=${first.body.next}`, { token: tokens.admin });
    expect(second.body).toMatchObject({ items: [{ username: 'page-3' }], next: null });
    const supervisors = await platform.request('GET', '/api/v1/users?role=supervisor', { token: tokens.admin });
    expect(supervisors.body.items.every((u: any) => u.roles.includes('supervisor'))).toBe(true);
  });

  it('lists the distinct groups with their member counts', async () => {
    await UserModel.create({ _id: 'count-1', displayName: 'c1', roles: ['agent'], groups: ['group-count', 'group-count-solo'], active: true });
    await UserModel.create({ _id: 'count-2', displayName: 'c2', roles: ['agent'], groups: ['group-count'], active: true });
    await UserModel.create({ _id: 'count-3', displayName: 'c3', roles: ['agent'], groups: ['group-count'], active: false });
    const response = await platform.request('GET', '/api/v1/groups', { token: tokens.admin });
    expect(response.status).toBe(200);
    const byName = Object.fromEntries(response.body.items.map((g: any) => [g.name, g]));
    expect(byName['group-count']).toEqual({ name: 'group-count', members: 2, inactiveMembers: 1 });
    expect(byName['group-count-solo']).toEqual({ name: 'group-count-solo', members: 1, inactiveMembers: 0 });
    expect(byName['group-a'].members).toBeGreaterThanOrEqual(1);
    const names = response.body.items.map((g: any) => g.name);
    expect(names).toEqual([...names].sort());
  });
});
