// What the rollout watcher is asked and what it sees, apart from the loop (rollout.ts) and the words of a failure
// (rollout-diagnosis.ts), so the two can share them without importing each other.
import type { ReleaseRevision } from '../helm/release.js';
import type { KubeEvent, ReadResult } from './cluster-reads.js';
import type { Pod, PodFailure } from './pod-health.js';
import type { Workload, WorkloadRef } from './workloads.js';

export interface RolloutInput {
  releaseName: string;
  namespace: string;
  /** Epoch ms. */
  deadline: number;
  signal?: AbortSignal;
  /**
   * The release's revision before this deploy (0 when it did not exist). Only a newer revision is judged, so the
   * previous, healthy revision is not mistaken for this one before helm records it. Omit it only when helm has
   * already recorded this deploy's revision.
   */
  sinceRevision?: number;
  pollIntervalMs?: number;
  /** Settles when helm has finished: look again at once instead of sleeping out the poll interval. */
  wake?: Promise<unknown>;
}

export interface RolloutReport {
  revision: number;
  /** One line per workload, e.g. `Deployment portkey-ai-gateway: 2/2 ready, 2 updated, 2 available`. */
  workloads: string[];
  elapsedMs: number;
}

export interface Watched {
  workload: Workload;
  pods: Pod[];
}

/** What one look at the cluster found. */
export type Observation =
  | { kind: 'no-release' }
  | { kind: 'old-revision'; revision: number }
  | { kind: 'progress'; release: ReleaseRevision; refs: WorkloadRef[]; watched: Watched[] };

export type Progress = Extract<Observation, { kind: 'progress' }>;

export interface FoundFailure {
  failure: PodFailure;
  namespace: string;
  events: ReadResult<KubeEvent[]>;
}
