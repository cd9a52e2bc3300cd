// Reading a release's state from helm (status, metadata, history, manifest) and the two helm commands that change
// it outside an upgrade (rollback, uninstall). Parsing is kept to the few fields the deploy stage decides on.
import * as core from '@actions/core';
import { parseAllDocuments } from 'yaml';
import { ActionError } from '../errors.js';
import { runTool, runToolChecked, type ClusterTools } from '../kube/cluster-tools.js';
import type { Seams } from '../seams.js';

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

export interface HistoryEntry {
  revision: number;
  status: string;
  description: string;
}

export const PENDING_STATUSES = ['pending-install', 'pending-upgrade', 'pending-rollback'];

const NOT_FOUND = /release: not found/i;

export function isReleaseNotFound(output: string): boolean {
  return NOT_FOUND.test(output);
}

/** Helm 4 made `--wait` take a strategy; `watcher` is the one that follows the resources' readiness. */
export function waitFlag(helmMajor: 3 | 4): string {
  return helmMajor === 4 ? '--wait=watcher' : '--wait';
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
}

export function parseHistory(json: string): HistoryEntry[] {
  return (JSON.parse(json) as HistoryJson[])
    .map((entry) => ({ revision: entry.revision, status: entry.status, description: entry.description ?? '' }))
    .sort((a, b) => a.revision - b.revision);
}

/** The newest revision that reached the cluster successfully, optionally only among those below `below`. */
export function lastGoodRevision(history: HistoryEntry[], below = Infinity): number | undefined {
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

/** Runs a read-only helm command; undefined when the release does not exist. */
async function readFromHelm(
  release: ReleaseRef,
  command: string[],
  format: 'json' | 'text',
  what: string,
  tools: ClusterTools,
  seams: Seams,
): Promise<string | undefined> {
  const args = [...command, release.name, '-n', release.namespace, ...(format === 'json' ? ['-o', 'json'] : [])];
  const result = await runTool(tools, seams, 'helm', args);
  if (result.exitCode === 0) return result.stdout;
  if (isReleaseNotFound(result.stderr)) return undefined;
  throw new ActionError(
    `Could not read the ${what} of release ${release.name} in namespace ${release.namespace}: ${helmMessage(result.stderr, result.stdout)}`,
    { hint: 'Check that the cluster is reachable and that the credentials may read Secrets in the namespace.' },
  );
}

/** `helm status -o json`; undefined when the release does not exist. */
export async function readReleaseStatus(release: ReleaseRef, tools: ClusterTools, seams: Seams) {
  const json = await readFromHelm(release, ['status'], 'json', 'state', tools, seams);
  return json === undefined ? undefined : parseReleaseStatus(json);
}

/** `helm get metadata -o json`; undefined when the release does not exist. */
export async function readReleaseMetadata(release: ReleaseRef, tools: ClusterTools, seams: Seams) {
  const json = await readFromHelm(release, ['get', 'metadata'], 'json', 'chart metadata', tools, seams);
  return json === undefined ? undefined : parseReleaseMetadata(json);
}

/** `helm history -o json`, oldest first; empty when the release does not exist. */
export async function readHistory(release: ReleaseRef, tools: ClusterTools, seams: Seams): Promise<HistoryEntry[]> {
  const json = await readFromHelm(release, ['history'], 'json', 'history', tools, seams);
  return json === undefined ? [] : parseHistory(json);
}

/** `helm get manifest`; undefined when the release does not exist. */
export function readManifest(release: ReleaseRef, tools: ClusterTools, seams: Seams): Promise<string | undefined> {
  return readFromHelm(release, ['get', 'manifest'], 'text', 'manifest', tools, seams);
}

/** Streams a long helm command's output into the log, inside the caller's group. */
export const logHelmLine = (line: string): void => core.info(line);

export interface HelmChange {
  /** How long helm may take, waiting included; 5 minutes when not given. */
  timeoutSeconds?: number;
}

const DEFAULT_CHANGE_TIMEOUT_SECONDS = 300;

/** Runs a helm command that changes the release and waits for the cluster to settle. */
async function changeRelease(args: string[], what: string, change: HelmChange, tools: ClusterTools, seams: Seams) {
  await runToolChecked(
    tools,
    seams,
    'helm',
    [...args, waitFlag(tools.helm.major), '--timeout', `${change.timeoutSeconds ?? DEFAULT_CHANGE_TIMEOUT_SECONDS}s`],
    what,
    { onLine: logHelmLine },
  );
}

export function rollbackToRevision(
  release: ReleaseRef,
  revision: number,
  change: HelmChange,
  tools: ClusterTools,
  seams: Seams,
): Promise<void> {
  return changeRelease(
    ['rollback', release.name, String(revision), '-n', release.namespace],
    `Rolling back release ${release.name} to revision ${revision}`,
    change,
    tools,
    seams,
  );
}

export function uninstall(release: ReleaseRef, change: HelmChange, tools: ClusterTools, seams: Seams): Promise<void> {
  return changeRelease(
    ['uninstall', release.name, '-n', release.namespace],
    `Uninstalling release ${release.name}`,
    change,
    tools,
    seams,
  );
}
