import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, registration, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function businessWithTeam() {
  const ownerInput = registration();
  const owner = await api.client().auth.register.mutate(ownerInput);
  const asOwner = api.client(owner.accessToken);
  const staffInput = {
    name: 'Bia',
    email: `staff-${owner.user.id}@example.com`,
    password: 'senha-bia-123',
    role: 'staff' as const,
  };
  const adminInput = {
    name: 'Caio',
    email: `admin-${owner.user.id}@example.com`,
    password: 'senha-caio-123',
    role: 'admin' as const,
  };
  await asOwner.users.create.mutate(staffInput);
  await asOwner.users.create.mutate(adminInput);
  const staff = await api
    .client()
    .auth.login.mutate({ email: staffInput.email, password: staffInput.password });
  const admin = await api
    .client()
    .auth.login.mutate({ email: adminInput.email, password: adminInput.password });
  return { owner, staff, admin };
}

describe('roles', () => {
  it('lets owners and admins list the team, and refuses staff', async () => {
    const { owner, staff, admin } = await businessWithTeam();
    const listed = await api.client(owner.accessToken).users.list.query();
    expect(listed.items.map((u) => u.role).sort()).toEqual(['admin', 'owner', 'staff']);
    await expect(api.client(admin.accessToken).users.list.query()).resolves.toHaveProperty('items');
    expect(await appCodeOf(api.client(staff.accessToken).users.list.query())).toBe('FORBIDDEN');
  });

  it('lets only owners add admins; admins add staff; staff add nobody', async () => {
    const { staff, admin } = await businessWithTeam();
    const member = (role: 'admin' | 'staff') => ({
      name: 'Nova',
      email: `nova-${Math.random()}@example.com`,
      password: 'senha-nova-1',
      role,
    });
    expect(await appCodeOf(api.client(admin.accessToken).users.create.mutate(member('admin')))).toBe(
      'FORBIDDEN',
    );
    await expect(api.client(admin.accessToken).users.create.mutate(member('staff'))).resolves.toHaveProperty(
      'id',
    );
    expect(await appCodeOf(api.client(staff.accessToken).users.create.mutate(member('staff')))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets owners and admins update the business, refuses staff', async () => {
    const { owner, staff } = await businessWithTeam();
    const updated = await api.client(owner.accessToken).tenant.update.mutate({
      name: 'Salão Novo Nome',
      timezone: 'America/Recife',
      settings: { slotStepMin: 30 },
    });
    expect(updated).toMatchObject({ name: 'Salão Novo Nome', timezone: 'America/Recife' });
    expect(updated.settings).toMatchObject({ slotStepMin: 30, horizonDays: 60 });
    expect(await appCodeOf(api.client(staff.accessToken).tenant.update.mutate({ name: 'Hack' }))).toBe(
      'FORBIDDEN',
    );
    await expect(api.client(staff.accessToken).tenant.get.query()).resolves.toMatchObject({
      name: 'Salão Novo Nome',
    });
  });

  it('lets every user edit their own profile, refusing an e-mail already in use', async () => {
    const { owner, staff } = await businessWithTeam();
    const renamed = await api.client(staff.accessToken).users.updateProfile.mutate({ name: 'Beatriz' });
    expect(renamed).toMatchObject({ id: staff.user.id, name: 'Beatriz' });
    expect(
      await appCodeOf(api.client(staff.accessToken).users.updateProfile.mutate({ email: owner.user.email })),
    ).toBe('EMAIL_TAKEN');
  });
});

describe('tenant isolation', () => {
  it('a user of tenant A never sees or changes anything of tenant B', async () => {
    const a = await businessWithTeam();
    const b = await businessWithTeam();

    const teamSeenByA = await api.client(a.owner.accessToken).users.list.query();
    expect(teamSeenByA.items.every((u) => u.tenantId === a.owner.tenant.id)).toBe(true);
    expect(teamSeenByA.items.map((u) => u.id)).not.toContain(b.owner.user.id);

    expect((await api.client(a.owner.accessToken).tenant.get.query()).id).toBe(a.owner.tenant.id);
    await api.client(a.owner.accessToken).tenant.update.mutate({ name: 'Só o A muda' });
    expect((await api.client(b.owner.accessToken).tenant.get.query()).name).toBe(b.owner.tenant.name);

    // Extra keys (a tenant id smuggled in the input) are stripped, never used.
    const smuggled = { name: 'Invasão', tenantId: b.owner.tenant.id } as { name: string };
    await api.client(a.admin.accessToken).tenant.update.mutate(smuggled);
    expect((await api.client(b.owner.accessToken).tenant.get.query()).name).toBe(b.owner.tenant.name);

    const member = await api.client(a.owner.accessToken).users.create.mutate({
      name: 'X',
      email: `x-${a.owner.user.id}@example.com`,
      password: 'senha-x-1234',
      role: 'staff',
      tenantId: b.owner.tenant.id,
    } as never);
    expect(member.tenantId).toBe(a.owner.tenant.id);
  });
});
