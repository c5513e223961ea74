import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { signInOverHttp } from '../helpers/app-http';
import { act, clusterDatabase, clusterState, describeCluster, replica, signIn } from '../helpers/cluster';

describeCluster('the last two admins demote each other at the same moment, on different replicas', () => {
  it('one admin is left', async () => {
    const state = await clusterState();
    const db = clusterDatabase(state);
    const one = replica(state, '1').url;
    const two = replica(state, '2').url;
    const admins = async () => (await db.query<{ id: string; email: string }>("select id, email from accounts where role = 'admin' and disabled_at is null")).rows;
    expect(await admins()).toHaveLength(1);

    const second = { email: `second-admin-${Date.now()}@cluster.local`, password: randomBytes(12).toString('hex') };
    const firstCookie = await signIn(one, state);
    const created = await act(one, firstCookie, 'createAccount', { ...second, role: 'admin' });
    expect(created.result).toMatchObject({ ok: true });
    const secondCookie = await signInOverHttp(two, second.email, second.password);
    const firstAdmin = state.admin.email;
    const secondAdmin = second.email;
    const byEmail = new Map((await admins()).map((row) => [row.email, row.id]));
    expect(byEmail.size).toBe(2);

    const results = await Promise.all([
      act(one, firstCookie, 'setAccountRole', { id: byEmail.get(secondAdmin)!, role: 'moderator' }),
      act(two, secondCookie, 'setAccountRole', { id: byEmail.get(firstAdmin)!, role: 'moderator' }),
    ]);
    const left = await admins();
    expect(left).toHaveLength(1);
    expect(results.filter((response) => response.result?.ok)).toHaveLength(1);

    // put the cluster's own admin back for the other files
    if (left[0]!.email !== state.admin.email) {
      const survivor = await signInOverHttp(two, second.email, second.password);
      expect((await act(two, survivor, 'setAccountRole', { id: byEmail.get(firstAdmin)!, role: 'admin' })).result).toMatchObject({ ok: true });
      const restored = await signIn(one, state);
      expect((await act(one, restored, 'setAccountRole', { id: byEmail.get(secondAdmin)!, role: 'moderator' })).result).toMatchObject({ ok: true });
    }
  });
});
