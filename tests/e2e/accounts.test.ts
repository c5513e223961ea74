import { afterAll, describe, it } from 'vitest';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { appUrl, browserInstance, closeBrowser, credentials, expect, newPageAs, openRoom, row, signInThroughPage } from './console';

afterAll(closeBrowser);

describe('accounts and roles in Chromium', () => {
  it('every page sends a visitor without a session to sign in; a wrong password is refused', async () => {
    const context = await (await browserInstance()).newContext();
    const page = await context.newPage();
    for (const path of ['/', '/rooms/anything', '/audit', '/admin']) {
      await page.goto(appUrl(path));
      await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    }
    await page.getByLabel('Email').fill(credentials('admin').email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('[data-sign-in-error]')).toContainText('Wrong email or password');

    await signInThroughPage(page, 'admin');
    await expect(page.locator('[data-account-role="admin"]')).toBeVisible();
    await context.close();
  });

  it('an admin adds an account on the Accounts page and changes its role', async () => {
    const page = await newPageAs('admin');
    await page.goto(appUrl('/admin'));
    const email = `${uniqueRoom('person')}@e2e.test`;
    await page.getByLabel('New account email').fill(email);
    await page.getByLabel('New account role').selectOption('viewer');
    await page.getByLabel('New account password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Add account' }).click();
    const account = page.locator(`tr[data-account-row="${email}"]`);
    await expect(account).toHaveAttribute('data-role', 'viewer');

    await page.getByLabel(`Role of ${email}`).selectOption('moderator');
    await expect(account).toHaveAttribute('data-role', 'moderator');
    await page.reload();
    await expect(page.locator(`tr[data-account-row="${email}"]`)).toHaveAttribute('data-role', 'moderator');
    await page.close();
  });

  it('a moderator cannot open the Accounts page', async () => {
    const page = await newPageAs('moderator');
    await page.goto(appUrl('/admin'));
    await expect(page).toHaveURL(/\/\?denied=1$/);
    await page.close();
  });

  it('a viewer sees the room but no moderation controls', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member', name: 'Member' });
    await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
    const page = await openRoom(room, 'viewer');
    await expect(row(page, 'member')).toContainText('Member');
    await expect(row(page, 'speaker').locator('[data-track-sid]')).toHaveCount(1);
    await expect(page.getByRole('button', { name: /^(Promote|Demote|Edit|Kick|Mute|Unmute) / })).toHaveCount(0);
    await page.close();
  });

  it("a moderator promotes; the Audit page shows it with the moderator's email, filtered by room", async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    const page = await openRoom(room, 'moderator');
    await row(page, 'member').getByRole('button', { name: 'Promote member' }).click();
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);

    await page.goto(appUrl('/audit'));
    await page.getByLabel('Room').fill(room);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(new RegExp(`room=${room}`));
    const entries = page.locator('tr[data-audit-row]');
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toHaveAttribute('data-action', 'participants.promote');
    await expect(entries.first()).toHaveAttribute('data-actor', credentials('moderator').email);
    await expect(entries.first()).toHaveAttribute('data-outcome', 'ok');
    await expect(entries.first()).toContainText('member');
    await page.close();
  });
});
