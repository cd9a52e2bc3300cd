// The one helm client: every helm command the action runs (reads of a release, upgrade, rollback, uninstall,
// template, pull) goes through here, with the cluster session's kubeconfig and private helm home, fresh credentials, and
// helm's own error text kept in every failure.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { clusterPort } from '../cluster/local.js';
import type {
  ChangeOptions as PortChangeOptions,
  ClusterPort,
  ClusterRead,
  ClusterSession,
  ReleaseRead,
} from '../cluster/port.js';
import { ActionError } from '../errors.js';
import { until } from '../poll.js';
import type { ChartConfig } from '../inputs/config.js';
import type { RunResult, Seams } from '../seams.js';
import { printForeign } from '../secrets/index.js';
import { pullArgs, templateArgs, waitFlag } from './args.js';
import {
  helmMessage,
  isReleaseNotFound,
  parseHistory,
  parseReleaseMetadata,
  parseReleaseStatus,
  type ReleaseMetadata,
  type ReleaseRef,
  type ReleaseRevision,
  type ReleaseStatus,
} from './release.js';

/** What helm needs to run: the binary, its environment, and (for anything but `template` and `pull`) the cluster. */
export type HelmSession = Pick<ClusterSession, 'helm' | 'env'> | ClusterSession;

/** A chart packaged into one file, for a helm that cannot reach its repository. */
export interface PulledChart {
  path: string;
  name: string;
  version: string;
  sha256: string;
}

const DEFAULT_CHANGE_TIMEOUT_SECONDS = 300;

/** How a change (rollback, uninstall) runs: its helm --timeout, whether it waits for the pods, when to stop it. */
export interface ChangeOptions {
  timeoutSeconds?: number;
  /** false within a cancel's grace: the objects are applied and recorded, the pods come up after the run. */
  wait?: boolean;
  /**
   * Stops waiting for helm: the recovery's deadline. helm itself goes on, here until the runner's kill, in a private
   * cluster's command pod to the end; the release transaction's journal tells the next run what it was doing.
   */
  giveUp?: AbortSignal;
}

const WHAT: Record<ReleaseRead['what'], string> = {
  status: 'state',
  metadata: 'chart metadata',
  history: 'history',
  manifest: 'manifest',
  values: 'values',
};

/** helm's answer to a read of a release's record: its output, undefined when there is no such release, else an error. */
export function releaseAnswer(read: ReleaseRead, result: RunResult): string | undefined {
  const { release } = read;
  if (result.exitCode === 0) return result.stdout;
  if (isReleaseNotFound(result.stderr)) return undefined;
  throw new ActionError(
    `Could not read the ${WHAT[read.what]} of release ${release.name} in namespace ${release.namespace}: ${helmMessage(result.stderr, result.stdout)}`,
    { hint: 'Check that the cluster is reachable and that the credentials may read Secrets in the namespace.' },
  );
}

const parseValues = (json: string) => (JSON.parse(json) as Record<string, unknown> | null) ?? {};

/** Streams a long helm command's output into the log, inside the caller's group. */
export const logHelmLine = (line: string): void => printForeign(line);

export class HelmClient {
  constructor(
    private readonly session: HelmSession,
    private readonly seams: Seams,
  ) {}

  get major(): 3 | 4 {
    return this.session.helm.major;
  }

  private get cluster(): ClusterPort {
    if (!('access' in this.session)) throw new Error('this helm session has no cluster');
    return clusterPort(this.session, this.seams);
  }

  /**
   * A helm command that changes the release (or, for a dry run, asks the API server to check a change), with every
   * file of the workspace its arguments name; the result whatever the exit code.
   */
  runChange(release: ReleaseRef, args: string[], files: string[], options: PortChangeOptions = {}): Promise<RunResult> {
    return this.cluster.change({ kind: 'helm', release, args, files }, options);
  }

  /** The release as the plan compares it (status, manifest, values), read in one go. */
  async current(
    release: ReleaseRef,
    alongside: ClusterRead[] = [],
  ): Promise<{
    status?: ReleaseStatus;
    manifest?: string;
    values?: Record<string, unknown>;
    /** The answers to `alongside`, asked in the same batch. */
    alongside: RunResult[];
  }> {
    const reads = (['status', 'manifest', 'values'] as const).map((what): ReleaseRead => ({
      kind: 'release',
      what,
      release,
    }));
    const results = await this.cluster.readAll([...reads, ...alongside]);
    const [status, manifest, values] = reads.map((read, i) => releaseAnswer(read, results[i]));
    return {
      status: status === undefined ? undefined : parseReleaseStatus(status),
      manifest,
      values: values === undefined ? undefined : parseValues(values),
      alongside: results.slice(reads.length),
    };
  }

  /** `helm status -o json`; undefined when the release does not exist. */
  async status(release: ReleaseRef, signal?: AbortSignal): Promise<ReleaseStatus | undefined> {
    const json = await this.read({ kind: 'release', what: 'status', release }, signal);
    return json === undefined ? undefined : parseReleaseStatus(json);
  }

  /** `helm get metadata -o json`; undefined when the release does not exist. */
  async metadata(release: ReleaseRef): Promise<ReleaseMetadata | undefined> {
    const json = await this.read({ kind: 'release', what: 'metadata', release });
    return json === undefined ? undefined : parseReleaseMetadata(json);
  }

  /** `helm history -o json`, oldest first (the newest `max` only, when given); empty when there is no release. */
  async history(release: ReleaseRef, options: { max?: number; signal?: AbortSignal } = {}): Promise<ReleaseRevision[]> {
    const json = await this.read({ kind: 'release', what: 'history', release, max: options.max }, options.signal);
    return json === undefined ? [] : parseHistory(json);
  }

  /** `helm get manifest` of the newest revision, or of `revision`; undefined when the release does not exist. */
  manifest(
    release: ReleaseRef,
    options: { revision?: number; signal?: AbortSignal } = {},
  ): Promise<string | undefined> {
    return this.read({ kind: 'release', what: 'manifest', release, revision: options.revision }, options.signal);
  }

  /** `helm get values -o json`: the values the newest revision was given; undefined when there is no release. */
  async values(release: ReleaseRef): Promise<Record<string, unknown> | undefined> {
    const json = await this.read({ kind: 'release', what: 'values', release });
    return json === undefined ? undefined : parseValues(json);
  }

  rollback(release: ReleaseRef, revision: number, options: ChangeOptions = {}): Promise<void> {
    return this.change(
      release,
      ['rollback', release.name, String(revision), '-n', release.namespace],
      `Rolling back release ${release.name} to revision ${revision}`,
      options,
    );
  }

  uninstall(release: ReleaseRef, options: ChangeOptions = {}): Promise<void> {
    return this.change(
      release,
      ['uninstall', release.name, '-n', release.namespace],
      `Uninstalling release ${release.name}`,
      options,
    );
  }

  /** `helm template`: offline, no cluster involved. */
  template(chart: ChartConfig, valuesPath: string): Promise<RunResult> {
    return this.seams.run(this.session.helm.path, templateArgs(chart, valuesPath), { env: this.session.env });
  }

  /**
   * Fetches the chart into `directory` (empty) with this helm, here, and checks it is the chart and version asked for.
   * Offline for a local chart (`helm package`).
   */
  async pull(chart: ChartConfig, directory: string): Promise<PulledChart> {
    const helm = this.session.helm.path;
    const pulled = await this.seams.run(helm, pullArgs(chart, directory), { env: this.session.env });
    const [file] = pulled.exitCode === 0 ? (await readdir(directory)).filter((name) => name.endsWith('.tgz')) : [];
    if (!file) {
      throw new ActionError(`helm could not fetch the chart: ${helmMessage(pulled.stderr, pulled.stdout)}`, {
        input: 'chart-version',
        hint: 'Check chart, chart-repository and chart-version, and that the runner can reach the repository.',
      });
    }
    const chartPath = path.join(directory, file);
    const shown = await this.seams.run(helm, ['show', 'chart', chartPath], { env: this.session.env });
    const metadata = (shown.exitCode === 0 ? parse(shown.stdout) : undefined) as { name?: string; version?: string };
    if (!metadata?.name || (chart.version && metadata.version !== chart.version)) {
      throw new ActionError(
        `The fetched chart ${file} is not version ${chart.version} of the chart asked for: ${shown.exitCode === 0 ? `it is ${metadata?.name} ${metadata?.version}` : helmMessage(shown.stderr)}.`,
        { input: 'chart-version', hint: 'Check chart and chart-version, and what the repository serves under them.' },
      );
    }
    const sha256 = createHash('sha256')
      .update(await readFile(chartPath))
      .digest('hex');
    return { path: chartPath, name: metadata.name, version: metadata.version ?? '', sha256 };
  }

  /** A read of the release's record: undefined when the release does not exist, an error else. */
  private async read(read: ReleaseRead, signal?: AbortSignal): Promise<string | undefined> {
    return releaseAnswer(read, await this.cluster.read(read, signal));
  }

  /** A command that changes the release, waiting for the cluster to settle unless told not to. */
  private async change(release: ReleaseRef, args: string[], what: string, options: ChangeOptions): Promise<void> {
    const { timeoutSeconds = DEFAULT_CHANGE_TIMEOUT_SECONDS, wait = true, giveUp } = options;
    const waiting = wait ? [waitFlag(this.major)] : [];
    const command = [...args, ...waiting, '--timeout', `${timeoutSeconds}s`];
    const running = this.runChange(release, command, [], { onLine: logHelmLine });
    const late = () =>
      new ActionError(`${what} did not finish before its deadline; it goes on without this run, which stops here.`);
    const result = giveUp ? await until(running, giveUp, late) : await running;
    if (result.exitCode !== 0) {
      throw new ActionError(
        `${what} failed (helm exited with ${result.exitCode}): ${helmMessage(result.stderr, result.stdout)}`,
      );
    }
  }
}
