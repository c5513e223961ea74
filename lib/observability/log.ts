import 'server-only';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { env } from '@/lib/env';
import { readableLine } from './log-format';

/**
 * Paths pino replaces with "[redacted]", should a caller ever pass them: the hooks log no input, no
 * participant metadata or attributes and no credential, and this is the second line of that defence.
 */
export const REDACTED_PATHS = ['password', 'secret', 'apiSecret', 'token', 'authorization', 'cookie', 'metadata', 'attributes', 'input', 'payload'].flatMap(
  (key) => [key, `*.${key}`, `*.*.${key}`],
);

const LOGGER = Symbol.for('stagekeeper.logger');
type Holder = { [LOGGER]?: Logger };

function createLogger(destination: DestinationStream, level: Level | 'silent'): Logger {
  return pino({ base: undefined, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/** JSON lines on stdout in production; one readable line each in `npm run dev` (synchronous, no worker thread). */
function defaultDestination(): DestinationStream {
  if (env().nodeEnv !== 'development') return pino.destination({ dest: 1, sync: true });
  return { write: (line: string) => void process.stdout.write(readableLine(line)) };
}

/** The process's logger (on globalThis: Next may load this module more than once in one process). */
export function log(): Logger {
  const holder = globalThis as Holder;
  holder[LOGGER] ??= createLogger(defaultDestination(), env().logLevel);
  return holder[LOGGER];
}

/** Tests read the lines: every later line goes to `destination`, at `level`. */
export function useLogDestination(destination: DestinationStream, level: Level = 'info'): void {
  (globalThis as Holder)[LOGGER] = createLogger(destination, level);
}
