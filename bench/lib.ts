// Small helpers shared by the benchmarks: timing samples, percentiles, a printed table.

export async function sample(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, runs); i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

export function summarize(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    runs: times.length,
    p50: at(0.5),
    p95: at(0.95),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

export type Row = { name: string; p50: number; p95: number; baseline: string; ratio: number };

export function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}`);
  console.log("  what                                  p50 ms   p95 ms   ×baseline (p50)  baseline");
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(36)} ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}   ${r.ratio.toFixed(2).padStart(8)}×       ${r.baseline}`,
    );
  }
}
