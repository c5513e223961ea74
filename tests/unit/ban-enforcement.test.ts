import { describe, expect, it } from 'vitest';
import { ejectRetryDelayMs } from '@/lib/bans/store';
import { noteLiveKitCall, onLiveKitReconnected } from '@/lib/livekit/reachability';

describe('a failed eject waits before its next try', () => {
  it('1 s, then twice as long each time, at most 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(ejectRetryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});

describe('LiveKit reconnected', () => {
  it('is told once per outage: when a call is answered after calls failed as unreachable or timed out', () => {
    let reconnects = 0;
    const stop = onLiveKitReconnected(() => (reconnects += 1));
    noteLiveKitCall(undefined);
    noteLiveKitCall('not_found');
    expect(reconnects).toBe(0);

    noteLiveKitCall('unreachable');
    noteLiveKitCall('timeout');
    expect(reconnects).toBe(0);
    noteLiveKitCall('not_found'); // an answer, even a refusal, means LiveKit is there
    noteLiveKitCall(undefined);
    expect(reconnects).toBe(1);

    noteLiveKitCall('permission_denied');
    expect(reconnects).toBe(1);
    noteLiveKitCall('timeout');
    noteLiveKitCall(undefined);
    expect(reconnects).toBe(2);

    stop();
    noteLiveKitCall('unreachable');
    noteLiveKitCall(undefined);
    expect(reconnects).toBe(2);
  });
});
