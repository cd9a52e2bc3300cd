// Small, pure arithmetic for the benchmark: summaries of repeated measurements and unions of time intervals.

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every sample, in the order measured, so a reader can see drift or an outlier. */
  samples: number[];
}

/** Median (mean of the middle two for an even count), min and max, rounded to 0.1. */
export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('No samples to summarize.');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    median: round(median),
    min: round(sorted[0]),
    max: round(sorted.at(-1)!),
    samples: samples.map(round),
  };
}

export interface Interval {
  start: number;
  end: number;
}

/** Merges overlapping intervals, sorted by start. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const next of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** Total length covered by the intervals, each counted once however many overlap. */
export function unionLength(intervals: Interval[]): number {
  return mergeIntervals(intervals).reduce((total, { start, end }) => total + (end - start), 0);
}

/** Length of the union that falls inside `window`. */
export function unionLengthWithin(intervals: Interval[], window: Interval): number {
  const clipped = intervals
    .map(({ start, end }) => ({ start: Math.max(start, window.start), end: Math.min(end, window.end) }))
    .filter(({ start, end }) => end > start);
  return unionLength(clipped);
}
