// The action's own record of the operation it has in flight on a release, kept beside the release in a ConfigMap.
// A run killed mid-operation (the runner's SIGKILL after its grace) leaves the release pending; the next run reads
// this record to know that the pending revision is one this action left and that nothing of that run can still be
// working on it, and completes it without `recover-stuck-release`. Data the action wrote, never helm's free text.
import * as runner from '../runner.js';
import { clusterPort } from '../cluster/local.js';
import type { ClusterRead, ClusterSession, KubeObject } from '../cluster/port.js';
import type { ReleaseRef } from '../helm/release.js';
import type { Seams } from '../seams.js';
import { printForeign } from '../secrets/index.js';

export interface JournalEntry {
  /** The operation in flight: this action's upgrade, or its recovery. */
  operation: 'upgrade' | 'rollback' | 'uninstall';
  /** The revision that operation writes, pending while it runs. */
  revision: number;
  /** The revision to restore if it does not finish; undefined for a first install. */
  previousRevision?: number;
  /** Epoch ms after which no process of that run can still be working on the release. */
  deadline: number;
  /** The workflow run, for a person reading the ConfigMap. */
  runId: string;
}

/** Where a transaction keeps its record; tests use an in-memory one. */
export interface Journal {
  read(signal?: AbortSignal): Promise<JournalEntry | undefined>;
  /** Best effort: a record that cannot be written only costs the next run its self-recovery. The run id is added. */
  write(entry: Omit<JournalEntry, 'runId'>, signal?: AbortSignal): Promise<void>;
}

const KEY = 'operation.json';
const journalName = (release: ReleaseRef) => `portkey-azure-deploy.${release.name}`;

/** The record as the ConfigMap holds it; undefined when absent or not ours. */
export function parseJournal(configMapJson: string): JournalEntry | undefined {
  if (!configMapJson.trim()) return undefined;
  const text = (JSON.parse(configMapJson) as { data?: Record<string, string> }).data?.[KEY];
  if (!text) return undefined;
  const entry = JSON.parse(text) as Partial<JournalEntry>;
  const operations = ['upgrade', 'rollback', 'uninstall'];
  if (!operations.includes(entry.operation ?? '') || typeof entry.revision !== 'number') return undefined;
  if (typeof entry.deadline !== 'number') return undefined;
  return entry as JournalEntry;
}

export function journalObject(release: ReleaseRef, entry: JournalEntry): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: journalName(release),
      namespace: release.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'portkey-azure-deploy' },
    },
    data: { [KEY]: JSON.stringify(entry) },
  };
}

/** The journal in the release's namespace, read and written with kubectl through the session (a private one too). */
export function clusterJournal(
  release: ReleaseRef,
  session: ClusterSession,
  seams: Seams,
  runId = process.env.GITHUB_RUN_ID ?? '',
): Journal {
  const cluster = clusterPort(session, seams);
  /** Writes the record; resolves with kubectl's complaint when it could not. */
  const record = async (entry: JournalEntry, signal?: AbortSignal): Promise<string | undefined> => {
    const result = await cluster.change({ kind: 'apply', object: journalObject(release, entry) }, { stop: signal });
    // A namespace helm has not created yet (first install): the record follows with the next write.
    if (result.exitCode === 0 || /namespaces? "[^"]*" not found/.test(result.stderr)) return undefined;
    return result.stderr || `kubectl exited with ${result.exitCode}`;
  };
  return {
    async read(signal) {
      const read: ClusterRead = {
        kind: 'objects',
        resource: 'configmap',
        names: [journalName(release)],
        namespace: release.namespace,
        ignoreNotFound: true,
      };
      try {
        const result = await cluster.read(read, signal);
        return result.exitCode === 0 ? parseJournal(result.stdout) : undefined;
      } catch {
        return undefined; // Unreadable is as good as absent: the pending release then needs the input, as before.
      }
    },
    async write(entry, signal) {
      const problem = await record({ ...entry, runId }, signal).catch((error: unknown) => String(error));
      if (problem === undefined || signal?.aborted) return;
      runner.warning(
        `Could not record the operation on release ${release.name} in ConfigMap ${journalName(release)} (the ` +
          'message follows): a run killed now would leave the release for recover-stuck-release.',
      );
      printForeign(problem);
    },
  };
}
