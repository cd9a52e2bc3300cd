// How long something took or may take, for people: one format for the log, the errors and the summary.

/** `850 ms`, `48.3 s`, `1 min 2 s`, `3 h 0 min 5 s`. */
export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole} ms`;
  if (whole < 59_950) return `${(whole / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  const seconds = Math.round(whole / 1000);
  const [hours, minutes] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60)];
  return `${hours ? `${hours} h ` : ''}${minutes} min ${seconds % 60} s`;
}
