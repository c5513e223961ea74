import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** Next's start-up banner: the cluster prints its own summary instead */
const BANNER = /^\s*(▲ Next\.js|- Local:|- Network:|- Environments?:|✓ (Ready|Starting|Running)|$)/;

/**
 * Prints what a log file gains from now on, a line at a time with a prefix, leaving out Next's
 * banner: a replica says little (start-up, ejects, errors), and that is what a person needs to see.
 */
export function followLog(file: string, print: (line: string) => void, intervalMs = 500): () => void {
  let offset = existsSync(file) ? statSync(file).size : 0;
  let partial = '';
  const timer = setInterval(() => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size < offset) offset = 0;
    if (size === offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    const lines = (partial + buffer.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (!BANNER.test(line)) print(line);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
