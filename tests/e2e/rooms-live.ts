import type { Page } from 'playwright-core';

export interface PushedChange {
  kind: string;
  room: string | null;
  /** Date.now() in the page when it arrived */
  receivedAt: number;
}

export interface RoomsWatch {
  read(): Promise<{ loadedOnce: boolean; events: PushedChange[]; appeared: Record<string, number> }>;
}

declare global {
  interface Window {
    __roomsWatch?: { events: PushedChange[]; appeared: Record<string, number> };
  }
}

/**
 * Watches an open rooms page from inside: when each room's row first appears (a MutationObserver,
 * Date.now() on the same machine as the test), and the changes its own event stream receives. A
 * reload would drop the watch, which is how a test tells there was none.
 */
export async function watchRooms(page: Page): Promise<RoomsWatch> {
  await page.evaluate(() => {
    const watch: NonNullable<Window['__roomsWatch']> = { events: [], appeared: {} };
    window.__roomsWatch = watch;
    const source = new EventSource('/api/rooms/stream');
    source.addEventListener('room', (event) => watch.events.push({ ...JSON.parse((event as MessageEvent<string>).data), receivedAt: Date.now() }));
    const note = () => {
      for (const row of document.querySelectorAll('tr[data-room]')) {
        const name = row.getAttribute('data-room')!;
        watch.appeared[name] ??= Date.now();
      }
    };
    note();
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
  });
  return {
    read: () =>
      page.evaluate(() => {
        const watch = window.__roomsWatch;
        return { loadedOnce: watch !== undefined, events: watch?.events ?? [], appeared: watch?.appeared ?? {} };
      }),
  };
}

export interface OpenStream {
  headers: Headers;
  /** the stream's first event: how many streams the replica serves, this one included */
  hello: { streams: number };
  /** reads until `until` matches the text so far */
  readUntil(until: RegExp): Promise<string>;
  close(): Promise<void>;
}

/** Opens the rooms event stream over plain HTTP and reads up to its hello. */
export async function openStream(url: string, cookie: string): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Cookie: cookie }, signal: abort.signal });
  if (response.status !== 200) throw new Error(`the rooms stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (until: RegExp) => {
    while (!until.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the rooms stream ended before ${until}; read: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
    return text;
  };
  const hello = /event: hello\ndata: (\{.*\})\n/.exec(await readUntil(/event: hello\ndata: \{.*\}\n/))![1]!;
  return {
    headers: response.headers,
    hello: JSON.parse(hello) as { streams: number },
    readUntil,
    close: async () => {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
