// Preloaded into the action's process by `npm run bench` (NODE_OPTIONS=--import=…): as the process exits, writes its
// peak resident set size, as the kernel counted it, to BENCH_PEAK_MEMORY_FILE. Nothing else; the action is unchanged.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_MEMORY_FILE;
if (target) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is ru_maxrss of this process alone (not helm or kubectl), in KiB.
    writeFileSync(target, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
