import path from 'node:path';
import { Room } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { POST as token } from '@/app/api/token/route';
import { promoteToSpeaker, setPermissions } from '@/lib/participants/actions';
import { sendNotice } from '@/lib/hands/actions';
import { NOTICE_TOPIC } from '@/lib/hands/shared';
import { stagekeeperNotice } from '@/lib/live/notice';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { launchChromium } from '../helpers/browser';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

interface Received {
  text: string;
  topic: string | null;
  from: string | null;
  senderIdentity: string | null;
  accepted: { text: string } | null;
}

let browser: Browser | undefined;
const rooms: Room[] = [];
afterAll(async () => {
  await Promise.all(rooms.map((room) => room.disconnect()));
  await browser?.close();
});

async function endpointToken(room: string, identity: string, preset: 'audience' | 'speaker') {
  const response = await token(
    new Request('http://localhost/api/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('appKey')}` },
      body: JSON.stringify({ room, identity, preset }),
    }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { url: string; token: string };
}

/** A participant of the event's app (rtc-node) that sends a fake notice; whether LiveKit lets it is the server's call. */
async function sendFakeNotice({ url, token: jwt }: { url: string; token: string }, text: string) {
  const room = new Room();
  rooms.push(room);
  await room.connect(url, jwt, { autoSubscribe: false, dynacast: false });
  const payload = new TextEncoder().encode(JSON.stringify({ text, sentAt: new Date().toISOString() }));
  await room.localParticipant!.publishData(payload, { reliable: true, topic: NOTICE_TOPIC }).catch(() => undefined);
}

/** The event's app in a real browser: livekit-client, with the check of docs/app-contract.md on every data packet. */
async function browserReceiver(room: string): Promise<Page> {
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await page.addScriptTag({ path: path.join(REPO_ROOT, 'node_modules/livekit-client/dist/livekit-client.umd.js') });
  await page.addScriptTag({ content: `window.stagekeeperNotice = ${stagekeeperNotice.toString()};` });
  const viewer = new AccessToken(testServer().apiKey, testServer().apiSecret, { identity: 'viewer' });
  viewer.addGrant({ roomJoin: true, room, canSubscribe: true, canPublish: false, canPublishData: false });
  const url = testServer().url.replace(/^http/, 'ws');
  await page.evaluate(
    async ({ url, jwt }) => {
      const w = window as any;
      const { Room: ClientRoom, RoomEvent } = w.LivekitClient;
      w.received = [];
      const room = new ClientRoom();
      room.on(RoomEvent.DataReceived, (payload: Uint8Array, participant: any, _kind: unknown, topic?: string, _encryption?: unknown, senderIdentity?: string) => {
        w.received.push({
          text: new TextDecoder().decode(payload),
          topic: topic ?? null,
          from: participant?.identity ?? null,
          senderIdentity: senderIdentity || null,
          accepted: w.stagekeeperNotice(payload, participant, topic, senderIdentity),
        });
      });
      await room.connect(url, jwt);
    },
    { url, jwt: await viewer.toJwt() },
  );
  return page;
}

describe('notices cannot be spoofed by participants', () => {
  it('a client following docs/app-contract.md accepts the notice sendNotice sends and ignores what participants send on the topic', async () => {
    const room = uniqueRoom();
    const page = await browserReceiver(room);

    await sendFakeNotice(await endpointToken(room, 'fan', 'audience'), 'FAKE from the audience');
    await sendFakeNotice(await endpointToken(room, 'speaker', 'speaker'), 'FAKE from a speaker');
    expect(await sendNotice({ room, text: 'Doors close in 5 minutes' })).toMatchObject({ ok: true });

    await page.waitForFunction(
      () => ['FAKE from a speaker', 'Doors close in 5 minutes'].every((text) =>
        (window as any).received.some((packet: { text: string }) => packet.text.includes(text)),
      ),
      undefined,
      { timeout: 15_000 },
    );
    const received: Received[] = await page.evaluate(() => (window as any).received);
    const packet = (text: string) => received.find((p) => p.text.includes(text));

    expect(packet('Doors close in 5 minutes')).toMatchObject({ topic: NOTICE_TOPIC, from: null, senderIdentity: null, accepted: { text: 'Doors close in 5 minutes' } });
    // livekit-client may not have announced the speaker yet (no participant): the sender identity still tells
    expect(packet('FAKE from a speaker')).toMatchObject({ topic: NOTICE_TOPIC, senderIdentity: 'speaker', accepted: null });
    // audience tokens from the endpoint carry no data permission: LiveKit drops the packet
    expect(packet('FAKE from the audience')).toBeUndefined();
    expect(received.filter((p) => p.accepted)).toHaveLength(1);
  });

  it('no participant Stagekeeper lets in or edits is hidden and allowed data (LiveKit sends a hidden sender\'s packets with no sender)', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member' });
    const hiddenWithData = { canSubscribe: true, canPublish: false, canPublishData: true, canPublishSources: [], canUpdateMetadata: false, hidden: true };
    expect(await setPermissions({ room, identity: 'member', permission: hiddenWithData })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('hidden participant cannot be allowed to publish data') },
    });
    expect(await setPermissions({ room, identity: 'member', permission: { ...hiddenWithData, canPublishData: false } })).toMatchObject({ ok: true });
    expect(member.connected).toBe(true);
    // hiding a participant allowed data, or promoting a hidden one, turns data off and keeps the rest
    await setPermissions({ room, identity: 'member', permission: { hidden: false, canPublishData: true } });
    expect(await setPermissions({ room, identity: 'member', permission: { hidden: true } })).toMatchObject({
      ok: true,
      data: { permission: { hidden: true, canPublishData: false } },
    });
    expect(await promoteToSpeaker({ room, identity: 'member' })).toMatchObject({
      ok: true,
      data: { permission: { hidden: true, canPublish: true, canPublishData: false } },
    });
  });
});
