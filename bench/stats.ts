export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

export interface BenchLine {
  name: string;
  figure: string;
  target?: string;
  met?: boolean;
}

export function printReport(title: string, lines: BenchLine[]) {
  console.log(`\n## ${title}`);
  const width = Math.max(...lines.map((line) => line.name.length));
  for (const line of lines) {
    const verdict = line.met === undefined ? '' : line.met ? '  ✔ target met' : '  ✘ target missed';
    console.log(`${line.name.padEnd(width)}  ${line.figure}${line.target ? `   (target ${line.target})` : ''}${verdict}`);
  }
}
