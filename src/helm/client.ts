// The one helm client: every helm command the action runs (reads of a release, upgrade, rollback, uninstall,
// template, pull) goes through here, with the cluster session's kubeconfig and private helm home, fresh credentials, and
// helm's own error text kept in every failure.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { RemoteCluster } from '../cluster/types.js';
import type { InstalledTools } from '../tools/installed.js';
import { ActionError } from '../errors.js';
import { until } from '../poll.js';
import type { ChartConfig } from '../inputs/config.js';
import type { RunOptions, RunResult, Seams } from '../seams.js';
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

/** What helm needs to run: the binary, its environment, and (for anything but `template`) the cluster. */
export interface HelmSession {
  helm: InstalledTools['helm'];
  env: NodeJS.ProcessEnv;
  kubeconfigPath?: string;
  /** Re-mints a short-lived cluster token before helm uses it. */
  refreshCredentials?: () => Promise<void>;
  /** helm runs inside the cluster (a private one, through runCommand) instead of here. */
  remote?: RemoteCluster;
}

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

  /** Runs helm against the cluster; the result whatever the exit code. */
  async run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    if (this.session.remote) return this.session.remote.run('helm', args, options);
    await this.session.refreshCredentials?.();
    const kubeconfig = this.session.kubeconfigPath ? ['--kubeconfig', this.session.kubeconfigPath] : [];
    return this.seams.run(this.session.helm.path, [...args, ...kubeconfig], { env: this.session.env, ...options });
  }

  /** `helm status -o json`; undefined when the release does not exist. */
  async status(release: ReleaseRef, signal?: AbortSignal): Promise<ReleaseStatus | undefined> {
    const json = await this.read(release, ['status'], 'json', 'state', signal);
    return json === undefined ? undefined : parseReleaseStatus(json);
  }

  /** `helm get metadata -o json`; undefined when the release does not exist. */
  async metadata(release: ReleaseRef): Promise<ReleaseMetadata | undefined> {
    const json = await this.read(release, ['get', 'metadata'], 'json', 'chart metadata');
    return json === undefined ? undefined : parseReleaseMetadata(json);
  }

  /** `helm history -o json`, oldest first (the newest `max` only, when given); empty when there is no release. */
  async history(release: ReleaseRef, options: { max?: number; signal?: AbortSignal } = {}): Promise<ReleaseRevision[]> {
    const command = ['history', ...(options.max ? ['--max', String(options.max)] : [])];
    const json = await this.read(release, command, 'json', 'history', options.signal);
    return json === undefined ? [] : parseHistory(json);
  }

  /** `helm get manifest` of the newest revision, or of `revision`; undefined when the release does not exist. */
  manifest(
    release: ReleaseRef,
    options: { revision?: number; signal?: AbortSignal } = {},
  ): Promise<string | undefined> {
    const revision = options.revision === undefined ? [] : ['--revision', String(options.revision)];
    return this.read(release, ['get', 'manifest', ...revision], 'text', 'manifest', options.signal);
  }

  /** `helm get values -o json`: the values the newest revision was given; undefined when there is no release. */
  async values(release: ReleaseRef): Promise<Record<string, unknown> | undefined> {
    const json = await this.read(release, ['get', 'values'], 'json', 'values');
    return json === undefined ? undefined : ((JSON.parse(json) as Record<string, unknown> | null) ?? {});
  }

  rollback(release: ReleaseRef, revision: number, options: ChangeOptions = {}): Promise<void> {
    return this.change(
      ['rollback', release.name, String(revision), '-n', release.namespace],
      `Rolling back release ${release.name} to revision ${revision}`,
      options,
    );
  }

  uninstall(release: ReleaseRef, options: ChangeOptions = {}): Promise<void> {
    return this.change(
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

  /** A read-only command; undefined when the release does not exist, an error naming what could not be read else. */
  private async read(
    release: ReleaseRef,
    command: string[],
    format: 'json' | 'text',
    what: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const args = [...command, release.name, '-n', release.namespace, ...(format === 'json' ? ['-o', 'json'] : [])];
    const result = await this.run(args, { signal });
    if (result.exitCode === 0) return result.stdout;
    if (isReleaseNotFound(result.stderr)) return undefined;
    throw new ActionError(
      `Could not read the ${what} of release ${release.name} in namespace ${release.namespace}: ${helmMessage(result.stderr, result.stdout)}`,
      { hint: 'Check that the cluster is reachable and that the credentials may read Secrets in the namespace.' },
    );
  }

  /** A command that changes the release, waiting for the cluster to settle unless told not to. */
  private async change(args: string[], what: string, options: ChangeOptions): Promise<void> {
    const { timeoutSeconds = DEFAULT_CHANGE_TIMEOUT_SECONDS, wait = true, giveUp } = options;
    const waiting = wait ? [waitFlag(this.major)] : [];
    const running = this.run([...args, ...waiting, '--timeout', `${timeoutSeconds}s`], { onLine: logHelmLine });
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
