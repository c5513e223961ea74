import { describe, expect, it } from 'vitest';
import { streamPresence } from '@/lib/teamwork/presence-schema';

const messages = (query: Record<string, string>) => {
  const parsed = streamPresence.safeParse(query);
  return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe("the room stream's presence query", () => {
  it('is both a room and a tab, or neither', () => {
    expect(streamPresence.parse({})).toBeNull();
    expect(streamPresence.parse({ present: 'stage', tab: 'abcdefgh-1' })).toEqual({ present: 'stage', tab: 'abcdefgh-1' });
  });

  it('says what is wrong with a bad one', () => {
    expect(messages({ present: 'stage' })).toEqual([': present and tab go together: give both, or neither']);
    expect(messages({ present: 'stage', tab: 'x' })).toEqual(['tab: tab must be 8–64 letters, digits or dashes']);
    expect(messages({ present: 'stage', tab: 'abcdefgh-1', other: '1' })).toEqual([': Unrecognized key: "other"']);
  });
});
