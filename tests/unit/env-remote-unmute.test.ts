import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('STAGEKEEPER_REMOTE_UNMUTE', () => {
  it("is off unless set to true, as LiveKit's room.enable_remote_unmute is", () => {
    expect(parseEnv({}).remoteUnmute).toBe(false);
    expect(parseEnv({ STAGEKEEPER_REMOTE_UNMUTE: 'false' }).remoteUnmute).toBe(false);
    expect(parseEnv({ STAGEKEEPER_REMOTE_UNMUTE: 'true' }).remoteUnmute).toBe(true);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => parseEnv({ STAGEKEEPER_REMOTE_UNMUTE: 'yes' })).toThrow(EnvError);
    expect(() => parseEnv({ STAGEKEEPER_REMOTE_UNMUTE: 'yes' })).toThrow(/STAGEKEEPER_REMOTE_UNMUTE: must be true or false/);
  });
});
