// What "no process left behind" means in a test: no live descendant of this jest worker.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessEntry {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

function readProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command sits in parentheses and may itself hold spaces or parentheses.
      const close = stat.lastIndexOf(')');
      const [state, ppid] = stat.slice(close + 2).split(' ');
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      entries.push({ pid: Number(name), ppid: Number(ppid), state, command });
    } catch {
      // Exited while we looked.
    }
  }
  return entries;
}

/** Live (not zombie) processes started, directly or not, by this process. */
export function liveDescendants(root = process.pid): ProcessEntry[] {
  const all = readProcesses();
  const found: ProcessEntry[] = [];
  let parents = new Set([root]);
  while (parents.size) {
    const children = all.filter((entry) => parents.has(entry.ppid));
    found.push(...children);
    parents = new Set(children.map((entry) => entry.pid));
  }
  return found.filter((entry) => entry.state !== 'Z');
}

/** True while `pid` runs (a zombie waiting for its reaper counts as gone). */
export function isRunning(pid: number): boolean {
  return readProcesses().some((entry) => entry.pid === pid && entry.state !== 'Z');
}
