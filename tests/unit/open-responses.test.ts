import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { countOpenResponses, responsesWritten } from '@/lib/lifecycle/requests';

/**
 * What shutdown.ts waits for after the last action returns: its answer, still being written. A real
 * node:http server (as Next's) whose handler answers only when the test lets it.
 */
countOpenResponses();
let answer!: () => void;
const answered = new Promise<void>((resolve) => (answer = resolve));
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.write('summary: ');
  void answered.then(() => response.end('200 of 200 done'));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('waits until an open response is written, and answers 0 once it is', async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`);

  expect(await responsesWritten(50)).toBe(1);
  const written = responsesWritten(10_000);
  answer();
  expect(await written).toBe(0);
  expect(await response.text()).toBe('summary: 200 of 200 done');
});
