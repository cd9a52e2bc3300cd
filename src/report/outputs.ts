// Sets every output declared in action.yml, empty when the run did not get that far, so later steps can rely on
// each one existing.
import type { Outbound } from '../secrets/index.js';
import type { DeployOutcome } from './outcome.js';

/** The address later steps should use: the published one, or the in-cluster URL of a ClusterIP Service. */
export function lastingGatewayUrl(address: DeployOutcome['address']): string {
  return address?.url ?? '';
}

/** `cluster`, `runner` or `cluster,runner`: where the health checks that ran went from. */
export function smokeTestVia(smokeTest: DeployOutcome['smokeTest']): string {
  const ran = (smokeTest?.checks ?? []).filter((c) => c.check === 'health' && c.status !== 'skipped');
  return [...new Set(ran.map((c) => c.via))].join(',');
}

/** The availability report when the stream measured something: a skipped one has no numbers to give. */
const measured = (o: DeployOutcome) => (o.availability?.verdict === 'skipped' ? undefined : o.availability);

/** A ratio to four decimals: enough to compare, short enough to read. */
const ratio = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 10_000) / 10_000);

/** The canary's last step that was judged: the figures the outputs give. */
const lastJudged = (o: DeployOutcome) => o.canary?.steps.filter((s) => s.canary).at(-1);

export function outputsOf(o: DeployOutcome): Record<string, string> {
  const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  return {
    'load-balancer-ip': text(o.address?.ip),
    'load-balancer-hostname': text(o.address?.hostname),
    'gateway-url': lastingGatewayUrl(o.address),
    'mcp-url': text(o.address?.mcpUrl),
    'release-name': o.release.name,
    namespace: o.release.namespace,
    'release-revision': text(o.release.revision),
    'release-status': text(o.release.status),
    'chart-version': text(o.release.chartVersion),
    'app-version': text(o.release.appVersion),
    'smoke-test-status': o.smokeTest?.status ?? 'skipped',
    'smoke-test-http-code': text(o.smokeTest?.httpCode),
    'smoke-test-latency-ms': text(o.smokeTest?.latencyMs),
    'smoke-test-via': smokeTestVia(o.smokeTest),
    'smoke-test-checks': o.smokeTest ? JSON.stringify(o.smokeTest.checks) : '',
    'helm-version': text(o.tools?.helm?.version),
    'kubectl-version': text(o.tools?.kubectl?.version),
    'helm-path': text(o.tools?.helm?.path),
    'kubectl-path': text(o.tools?.kubectl?.path),
    'kubeconfig-path': text(o.kubeconfigPath),
    'has-changes': o.plan ? String(o.plan.hasChanges) : '',
    changes: o.plan ? JSON.stringify(o.plan.counts) : '',
    'plan-file': text(o.planFile),
    'deployment-id': text(o.deployment?.id),
    'availability-status': o.availability?.verdict ?? 'skipped',
    'availability-requests': text(measured(o)?.requests),
    'availability-failed': text(measured(o)?.failed),
    'availability-p95-ms': text(measured(o)?.p95Ms),
    'availability-by-version': measured(o) ? JSON.stringify(measured(o)!.byVersion) : '',
    'canary-verdict': text(o.canary?.verdict),
    'canary-share': text(lastJudged(o)?.share),
    'canary-requests': text(lastJudged(o)?.canary?.requests),
    'canary-error-ratio': text(ratio(lastJudged(o)?.canary?.errorRatio)),
    'canary-p95-ms': text(lastJudged(o)?.canary?.p95Ms),
    'stable-requests': text(lastJudged(o)?.stable?.requests),
    'stable-error-ratio': text(ratio(lastJudged(o)?.stable?.errorRatio)),
    'stable-p95-ms': text(lastJudged(o)?.stable?.p95Ms),
  };
}

export function publishOutputs(o: DeployOutcome, outbound: Outbound): void {
  for (const [name, value] of Object.entries(outputsOf(o))) outbound.output(name, value);
}
