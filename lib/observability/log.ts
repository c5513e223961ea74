import 'server-only';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { env } from '@/lib/env';
import { readableLine } from './log-format';
import { redacted } from './redact';

const LOGGER = Symbol.for('stagekeeper.logger');
type Holder = { [LOGGER]?: Logger };

/**
 * The hooks log no input, no participant metadata or attributes and no credential; `redacted` is the
 * second line of that defence. pino's own `redact` paths cost about 30 µs a line with their wildcards.
 */
function createLogger(destination: DestinationStream, level: Level | 'silent'): Logger {
  return pino({ base: undefined, level, formatters: { log: redacted } }, destination);
}

/**
 * A log reader that falls behind may hold up to this much; later lines are dropped, never waited for.
 * Written synchronously, each action's line waited for the pipe it goes to: 13 % of a bulk request's
 * time in the server's profile (docs/benchmarks.md).
 */
const MAX_UNWRITTEN_LOG_BYTES = 8 * 1024 * 1024;

/**
 * JSON lines on stdout in production, written in the background (no worker thread; pino writes what
 * is left synchronously on exit); one readable line each in `npm run dev`.
 */
function defaultDestination(): DestinationStream {
  if (env().nodeEnv !== 'development') return pino.destination({ dest: 1, sync: false, maxLength: MAX_UNWRITTEN_LOG_BYTES });
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
