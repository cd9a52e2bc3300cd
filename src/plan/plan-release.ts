// What a deploy would change, without changing anything: the deployed revision's manifest and values, read from helm,
// against a server-side dry run of the same upgrade a deploy runs. The result holds key names and diffs, never a
// secret value.
import * as runner from '../runner.js';
import { DISCOVERY_READS, discoveryFrom } from '../cluster/discovery.js';
import type { ClusterSession } from '../cluster/port.js';
import { adviseOnKnownHelmFailure } from '../deploy/index.js';
import { ActionError } from '../errors.js';
import { dryRunArgs, upgradeFiles } from '../helm/args.js';
import { HelmClient } from '../helm/client.js';
import { helmMessage, type ReleaseRef } from '../helm/release.js';
import type { ChartConfig } from '../inputs/config.js';
import { parseKeyPath, type KeyPath } from '../inputs/key-path.js';
import type { Seams } from '../seams.js';
import { printForeign, readSecretPaths, type SecretSet } from '../secrets/index.js';
import type { MergedValues } from '../values/index.js';
import { isMap, type Values } from '../values/merge.js';
import { findSecrets, redactValues } from '../values/secrets.js';
import { checkManifest, logSchemaReport, type SchemaReport } from '../kubernetes-schema/index.js';
import { describeCounts, diffManifests, type ChangeCounts, type ResourceChange } from './diff-manifests.js';
import { diffValues, type ValuesSide, type ValueChange } from './diff-values.js';

export interface ReleasePlan {
  release: ReleaseRef;
  /** The revision deployed now; undefined when the release does not exist (everything is to add). */
  deployedRevision?: number;
  hasChanges: boolean;
  counts: ChangeCounts;
  /** `3 to change, 1 to add`. */
  headline: string;
  resources: ResourceChange[];
  unchangedResources: number;
  values: ValueChange[];
  /** The planned objects against the Kubernetes OpenAPI schemas and the cluster's own discovery. */
  schemaCheck?: SchemaReport;
}

export interface PlanInput {
  chart: ChartConfig;
  valuesPath: string;
  merged: MergedValues;
  secrets: SecretSet;
}

export async function planRelease(input: PlanInput, session: ClusterSession, seams: Seams): Promise<ReleasePlan> {
  const helm = new HelmClient(session, seams);
  const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
  // The cluster's discovery asked with the release's reads: through runCommand they share one invocation.
  const {
    status,
    manifest: liveManifest,
    values: liveValues,
    alongside,
  } = await helm.current(release, DISCOVERY_READS);
  const cluster = discoveryFrom(alongside);
  const planned = await dryRunManifest(input, helm);
  const deployed = deployedSide(liveValues, input);
  const redact = (text: string) => input.secrets.redact(text);
  const manifest = diffManifests(liveManifest ?? '', planned, release.namespace, redact);
  const values = diffValues(
    deployed,
    { values: input.merged.values, redacted: input.merged.redacted, sourceOf: input.merged.sourceOf },
    redact,
  );
  const result: ReleasePlan = {
    release,
    deployedRevision: status?.revision,
    hasChanges: manifest.changes.length > 0,
    counts: manifest.counts,
    headline: describeCounts(manifest.counts),
    resources: manifest.changes,
    unchangedResources: manifest.unchanged,
    values,
    schemaCheck: await checkManifest(planned, { cluster }),
  };
  logPlan(result);
  return result;
}

/** The manifest a deploy would apply: helm's server-side dry run of the same upgrade (the canary copies it too). */
export async function dryRunManifest(input: Pick<PlanInput, 'chart' | 'valuesPath' | 'secrets'>, helm: HelmClient) {
  const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
  const files = upgradeFiles(input.chart, input.valuesPath);
  const dryRun = await helm.runChange(release, dryRunArgs(input.chart, input.valuesPath), files);
  if (dryRun.exitCode !== 0) {
    const message = input.secrets.redact(helmMessage(dryRun.stderr, dryRun.stdout));
    // A release stuck pending, an unreachable cluster: what a deploy would say, naming the same input.
    const advice = adviseOnKnownHelmFailure(message, release) ?? {
      input: 'values',
      hint: 'The API server refused what a deploy would apply, so a deploy would fail the same way: fix the values or inputs named in the message.',
    };
    throw new ActionError(`The server-side dry run of release ${release.name} failed: ${message}`, advice);
  }
  return (JSON.parse(dryRun.stdout) as { manifest?: string }).manifest ?? '';
}

/** `environment.data` when the chart put it in a Secret: unless the values say otherwise, it does. */
function envSecretPaths(values: Values): string[] {
  const environment = isMap(values.environment) ? values.environment : {};
  return environment.create === false || environment.secret === false ? [] : ['environment.data'];
}

const parsedKeyPath = (text: string): KeyPath[] => {
  try {
    return [parseKeyPath(text)];
  } catch {
    return [];
  }
};

/**
 * The deployed values (none when nothing is deployed) and which of them are secret, whatever this run says: the
 * paths that revision recorded as secret, then this run's hints and the vocabulary on top. Their values join the
 * run's secrets, so the manifests' diff hides them too. A revision that recorded nothing (deployed by an older
 * version of the action, or by hand) also has every key of its env Secret shown as secret, its values not masked: a
 * port or a service name would otherwise vanish from every line of the log.
 */
function deployedSide(deployed: Values | undefined, input: PlanInput): ValuesSide {
  if (!deployed) return { values: {} };
  const { values, secretPaths: recorded } = readSecretPaths(deployed);
  const hints = input.merged.secretHints;
  const secretPaths = [...hints.secretPaths, ...(recorded ?? []).flatMap(parsedKeyPath)];
  const found = findSecrets(values, { known: input.secrets.added, ...hints, secretPaths });
  input.secrets.add(...found.secrets);
  return {
    values,
    redacted: redactValues(values, found.secrets),
    secretPaths: recorded ? [] : envSecretPaths(values),
  };
}

/** The plan in the log; diffs, keys and sources come from the values and manifests, so they print fenced. */
function logPlan(plan: ReleasePlan): void {
  const against = plan.deployedRevision ? `revision ${plan.deployedRevision}` : 'no deployed release';
  runner.info(`Plan for release ${plan.release.name} against ${against}: ${plan.headline}.`);
  for (const change of plan.resources) {
    runner.info(`${change.action} ${change.resource}`);
    if (change.diff) printForeign(change.diff);
    if (change.secretKeys)
      runner.info(`  Secret keys changed (values not shown): ${JSON.stringify(change.secretKeys)}`);
  }
  const values = plan.values.map(
    (value) => `value ${value.action} ${value.key} (${value.source ?? 'removed'})${value.secret ? ', secret' : ''}`,
  );
  if (values.length) printForeign(values.join('\n'));
  if (plan.schemaCheck) logSchemaReport(plan.schemaCheck);
}

/**
 * The plan a deploy shows in its summary: a plan that cannot be made (helm refuses a dry run while another deploy of
 * the release is pending, say) is a warning, and the deploy goes on to its preflight, which deals with that.
 */
export async function planBeforeDeploy(
  input: PlanInput,
  session: ClusterSession,
  seams: Seams,
): Promise<ReleasePlan | undefined> {
  try {
    return await planRelease(input, session, seams);
  } catch (error) {
    runner.warning(`No plan for this deploy: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** A drift check that found the deployed release differs from what the repository says. */
export function driftError(plan: ReleasePlan): ActionError {
  return new ActionError(`Release ${plan.release.name} differs from what a deploy would apply: ${plan.headline}.`, {
    input: 'fail-on-changes',
    hint: 'The plan in the job summary shows each difference. Deploy to bring the release in line, or change the values or inputs if the live state is the one you want.',
  });
}
