// What one run of the action did, read by the outputs, the summary and the GitHub Deployment. Stages return what they
// found; the command hands it to RunOutcome.record, the one place the outcome changes. Every field but the basics is
// optional: a run can stop at any stage.
import { ActionError, type ActionErrorDetails } from '../errors.js';
import type { Command } from '../inputs/config.js';
import type { SchemaReport } from '../kubernetes-schema/index.js';
import type { ReleasePlan } from '../plan/index.js';
import type { CanaryReport } from '../canary/index.js';
import type { AddressSource } from '../verify/address.js';
import type { AvailabilityReport } from '../verify/availability/index.js';
import type { SmokeTestResult } from '../verify/smoke-test.js';

export interface StageTiming {
  name: string;
  ms: number;
  ok: boolean;
}

export interface DeployOutcome {
  command: Command;
  succeeded: boolean;
  release: {
    name: string;
    namespace: string;
    revision?: number;
    status?: string;
    chartVersion?: string;
    appVersion?: string;
  };
  cluster?: {
    name?: string;
    resourceGroup?: string;
    server?: string;
    /** How the runner reached the API server, why, and (runCommand) with which helm. */
    reach?: { via: 'direct' | 'run-command'; why: string; through?: string };
  };
  address?: {
    ip?: string;
    hostname?: string;
    url: string;
    mcpUrl?: string;
    internal: boolean;
    via: AddressSource;
    inClusterUrl: string;
  };
  /** One line per workload from the rollout watch. */
  workloads?: string[];
  /** What the availability stream saw during the rollout; undefined when the deploy did not get that far. */
  availability?: AvailabilityReport;
  /** What the canary did and saw; undefined with `strategy: rolling`. */
  canary?: CanaryReport;
  /** Undefined when the smoke test did not run. */
  smokeTest?: SmokeTestResult;
  tools?: { helm?: { version: string; path: string }; kubectl?: { version: string; path: string } };
  /** What the deploy changes (or, for `command: plan`, would change), and the file holding it. */
  plan?: ReleasePlan;
  planFile?: string;
  /** The rendered or planned objects against the Kubernetes OpenAPI schemas (plan and render). */
  schemaCheck?: SchemaReport;
  /** What `command: render` rendered: the objects and the manifest, every secret hidden. */
  rendered?: { objects: string[]; manifest: string };
  kubeconfigPath?: string;
  /** The GitHub Deployment recorded for a deploy, and the last status it got. */
  deployment?: { id: number; environment: string; state: string };
  stages: StageTiming[];
  warnings: string[];
  /** Where the release differs from Portkey's chart defaults on purpose. */
  notes?: string[];
  error?: ActionErrorDetails & { message: string };
}

/** The failure as the outcome keeps it: an ActionError's details, or just the message of anything else. */
export function describeFailure(error: unknown): NonNullable<DeployOutcome['error']> {
  if (error instanceof ActionError) return { message: error.message, ...error.details };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Times each stage for the summary's table; a stage that throws is recorded as failed and the error passes on. */
export class StageTimer {
  readonly stages: StageTiming[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      const result = await fn();
      this.stages.push({ name, ms: this.now() - started, ok: true });
      return result;
    } catch (error) {
      this.stages.push({ name, ms: this.now() - started, ok: false });
      throw error;
    }
  }
}

/** What a stage found, for RunOutcome.record. */
export interface Found {
  command?: Command;
  /** Merged into what is known of the release. */
  release?: Partial<DeployOutcome['release']>;
  /** Merged into what is known of the cluster. */
  cluster?: NonNullable<DeployOutcome['cluster']>;
  address?: DeployOutcome['address'];
  workloads?: string[];
  availability?: AvailabilityReport;
  canary?: CanaryReport;
  smokeTest?: SmokeTestResult;
  /** Merged into the tools known. */
  tools?: NonNullable<DeployOutcome['tools']>;
  plan?: ReleasePlan;
  planFile?: string;
  schemaCheck?: SchemaReport;
  rendered?: DeployOutcome['rendered'];
  kubeconfigPath?: string;
  /** Merged into what is known of the GitHub Deployment. */
  deployment?: Partial<NonNullable<DeployOutcome['deployment']>>;
  /** Added to the warnings so far. */
  warnings?: string[];
  notes?: string[];
}

/** The outcome of the run: changed only through record and ended by succeeded or failed; read as a snapshot. */
export class RunOutcome {
  private readonly outcome: DeployOutcome;

  constructor(stages: StageTiming[]) {
    this.outcome = { command: 'deploy', succeeded: false, release: { name: '', namespace: '' }, stages, warnings: [] };
  }

  record(found: Found): void {
    const o = this.outcome;
    const { release, cluster, tools, deployment, warnings, ...replaced } = found;
    Object.assign(o, replaced);
    if (release) o.release = { ...o.release, ...release };
    if (cluster) o.cluster = { ...o.cluster, ...cluster };
    if (tools) o.tools = { ...o.tools, ...tools };
    if (deployment) o.deployment = { ...(o.deployment as NonNullable<DeployOutcome['deployment']>), ...deployment };
    if (warnings) o.warnings.push(...warnings);
  }

  succeeded(): void {
    this.outcome.succeeded = true;
  }

  /** Records the failure (with what the deploy stage restored after it) and returns it as the outcome keeps it. */
  failed(error: unknown): NonNullable<DeployOutcome['error']> {
    const failure = describeFailure(error);
    this.outcome.error = failure;
    return failure;
  }

  /** A copy of the outcome as it stands: what reads it cannot change it. */
  get current(): DeployOutcome {
    return structuredClone(this.outcome);
  }
}
