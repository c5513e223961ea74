import { afterAll, describe, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

const BIG = 12345678901234567890n;

describe('two moderators editing one participant', () => {
  it("the second metadata save shows theirs next to yours instead of overwriting; Apply mine on top then saves", async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', metadata: `{"seat":"A1","ticket":${BIG}}` });
    const first = await openRoom(room, 'moderator');
    const second = await openRoom(room, 'admin');
    for (const page of [first, second]) await row(page, 'member').getByRole('button', { name: 'Edit member' }).click();
    const editor = (page: typeof first) => page.locator('dialog[open]').getByRole('textbox', { name: 'Metadata' });
    await expect(editor(second)).toHaveValue(`{\n  "seat": "A1",\n  "ticket": ${BIG}\n}`);

    await editor(second).fill(`{"seat": "C3", "ticket": ${BIG}}`);
    await editor(first).fill(`{"seat": "B2", "ticket": ${BIG}}`);
    await first.locator('dialog[open]').getByRole('button', { name: 'Save metadata' }).click();
    await member.waitFor('metadataChanged', (e) => e.data.metadata === `{"seat":"B2","ticket":${BIG}}`);
    await expect(row(second, 'member')).toContainText('seat: B2');

    await second.locator('dialog[open]').getByRole('button', { name: 'Save metadata' }).click();
    const conflict = second.locator('dialog[open] [data-conflict]');
    await expect(conflict.locator('[data-theirs]')).toContainText('"seat": "B2"');
    await expect(conflict.locator('[data-yours]')).toContainText('"seat": "C3"');
    await expect(editor(second)).toHaveValue(`{"seat": "C3", "ticket": ${BIG}}`);
    expect(member.events.some((e) => e.type === 'metadataChanged' && String(e.data.metadata).includes('C3'))).toBe(false);

    await conflict.getByRole('button', { name: 'Apply mine on top' }).click();
    await member.waitFor('metadataChanged', (e) => e.data.metadata === `{"seat":"C3","ticket":${BIG}}`);
    await expect(second.locator('dialog[open] [data-conflict]')).toHaveCount(0);
    await expect(row(first, 'member')).toContainText('seat: C3');
    await Promise.all([first.close(), second.close()]);
  });

  it('Drop mine forgets the change and the editor shows the current value', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member', name: 'Original' });
    const page = await openRoom(room, 'moderator');
    await row(page, 'member').getByRole('button', { name: 'Edit member' }).click();
    await page.locator('dialog[open]').getByRole('tab', { name: 'Name' }).click();
    const name = page.locator('dialog[open]').getByRole('textbox', { name: 'Display name' });
    await name.fill('Mine');

    await directRoomService().updateParticipant(room, 'member', { name: 'Theirs' });
    await expect(row(page, 'member')).toContainText('Theirs');
    await page.locator('dialog[open]').getByRole('button', { name: 'Rename' }).click();
    const conflict = page.locator('dialog[open] [data-conflict]');
    await expect(conflict.locator('[data-theirs]')).toHaveText('Theirs');
    await expect(conflict.locator('[data-yours]')).toHaveText('Mine');
    await conflict.getByRole('button', { name: 'Drop mine' }).click();
    await expect(name).toHaveValue('Theirs');
    await expect(page.locator('dialog[open]').getByRole('button', { name: 'Rename' })).toBeDisabled();
    await page.close();
  });
});

describe('a save changes only what the moderator changed', () => {
  it('a hand raised while the attributes tab is open shows up and stays up after saving another attribute', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({
      room,
      identity: 'member',
      attributes: { seat: 'A1' },
      grant: { canPublish: false, canUpdateOwnMetadata: true },
    });
    const page = await openRoom(room, 'moderator');
    await row(page, 'member').getByRole('button', { name: 'Edit member' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('tab', { name: 'Attributes' }).click();
    const values = dialog.getByRole('textbox', { name: 'Attribute value' });
    await expect(values).toHaveCount(1);
    await values.first().fill('B2');

    const raisedAt = new Date().toISOString();
    await member.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: raisedAt });
    await expect(row(page, 'member')).toHaveAttribute('data-hand', 'true');
    await dialog.getByRole('button', { name: 'Save attributes' }).click();

    const seen = await member.waitFor('attributesChanged', (e) => (e.data.attributes as Record<string, string>).seat === 'B2');
    expect(seen.data.attributes).toEqual({ seat: 'B2', [HAND_ATTRIBUTE]: raisedAt });
    const now = await eventually(
      () => directRoomService().getParticipant(room, 'member'),
      (p) => p.attributes.seat === 'B2',
    );
    expect(now.attributes).toEqual({ seat: 'B2', [HAND_ATTRIBUTE]: raisedAt });
    // the tab shows the hand too: rows the moderator did not touch follow the participant
    await expect(dialog.locator(`[data-attribute-row="${HAND_ATTRIBUTE}"]`).getByRole('textbox', { name: 'Attribute value' })).toHaveValue(raisedAt);
    await page.close();
  });
});
