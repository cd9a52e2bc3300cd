// What helm says about a release, parsed to the few fields the action decides on. Pure; client.ts runs helm.
import { parseAllDocuments } from 'yaml';

export interface ReleaseRef {
  name: string;
  namespace: string;
}

/** What the rest of the action learns about the deployed release (docs/architecture.md). */
export interface ReleaseInfo extends ReleaseRef {
  revision: number;
  status: string;
  chartVersion: string;
  appVersion: string;
  manifest: string;
  /** The revision that was deployed before this run; absent for a first install. */
  previousRevision?: number;
}

export interface ReleaseStatus {
  revision: number;
  status: string;
  /** ISO time the release's latest operation started (for a pending release: how long it has been pending). */
  lastDeployed: string;
}

/** `helm get metadata`: the release's chart metadata, which `helm status` leaves out. */
export interface ReleaseMetadata {
  revision: number;
  status: string;
  chartVersion: string;
  appVersion: string;
}

/** One entry of `helm history`. */
export interface ReleaseRevision {
  revision: number;
  status: string;
  description: string;
  /** When helm recorded it (ISO time). */
  updated: string;
}

export const PENDING_STATUSES = ['pending-install', 'pending-upgrade', 'pending-rollback'];

const NOT_FOUND = /release: not found/i;

export function isReleaseNotFound(output: string): boolean {
  return NOT_FOUND.test(output);
}

interface StatusJson {
  version?: number;
  info?: { status?: string; last_deployed?: string };
}

export function parseReleaseStatus(json: string): ReleaseStatus {
  const release = JSON.parse(json) as StatusJson;
  return {
    revision: release.version ?? 0,
    status: release.info?.status ?? 'unknown',
    lastDeployed: release.info?.last_deployed ?? '',
  };
}

interface MetadataJson {
  revision?: number;
  status?: string;
  version?: string;
  appVersion?: string;
}

export function parseReleaseMetadata(json: string): ReleaseMetadata {
  const metadata = JSON.parse(json) as MetadataJson;
  return {
    revision: metadata.revision ?? 0,
    status: metadata.status ?? 'unknown',
    chartVersion: metadata.version ?? '',
    appVersion: metadata.appVersion ?? '',
  };
}

interface HistoryJson {
  revision: number;
  status: string;
  description?: string;
  updated?: string;
}

export function parseHistory(json: string): ReleaseRevision[] {
  return (JSON.parse(json) as HistoryJson[])
    .map((entry) => ({
      revision: entry.revision,
      status: entry.status,
      description: entry.description ?? '',
      updated: entry.updated ?? '',
    }))
    .sort((a, b) => a.revision - b.revision);
}

/** The newest revision that reached the cluster successfully, optionally only among those below `below`. */
export function lastGoodRevision(
  history: Pick<ReleaseRevision, 'revision' | 'status'>[],
  below = Infinity,
): number | undefined {
  const candidates = history.filter((entry) => entry.revision < below);
  const newest = (status: string) =>
    candidates
      .filter((entry) => entry.status === status)
      .reduce<number | undefined>((best, entry) => Math.max(best ?? 0, entry.revision), undefined);
  return newest('deployed') ?? newest('superseded');
}

/** `Deployment/portkey-ai-gateway`, … for every object in a release manifest (names only, never contents). */
export function manifestResources(manifest: string): string[] {
  return parseAllDocuments(manifest)
    .map((doc) => doc.toJS() as { kind?: string; metadata?: { name?: string } } | null)
    .filter((object) => object?.kind && object.metadata?.name)
    .map((object) => `${object!.kind}/${object!.metadata!.name}`);
}

/** Helm's own words: its `Error:` lines when it printed any, else everything it printed. */
export function helmMessage(stderr: string, stdout = ''): string {
  const text = stderr.trim() || stdout.trim();
  const errors = text.split('\n').filter((line) => line.startsWith('Error:'));
  return (errors.length ? errors.join('\n') : text).replace(/^Error: /gm, '');
}
