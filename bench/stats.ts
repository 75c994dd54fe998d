// Small measurement helpers for the benchmarks: percentiles and a progress line.

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function progress(label: string) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < (tty ? 200 : 5000)) return;
    last = now;
    const line = `${label}: ${done}/${total}`;
    process.stderr.write(tty ? `\r${line.padEnd(60)}${done >= total ? '\n' : ''}` : `${line}\n`);
  };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
