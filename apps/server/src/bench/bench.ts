export interface BenchOptions { cases?: number; seconds?: number; connections?: number }

export async function runBench(_options: BenchOptions): Promise<void> {
  throw new Error('The benchmark is being written; see docs/performance.md.');
}
