// What to do after helm refused or failed an upgrade: helm's message stays as it is, this adds the next step.
import type { ReleaseRef } from '../helm/release.js';

interface Rule {
  pattern: RegExp;
  input?: string;
  hint: (release: ReleaseRef) => string;
}

const rules: Rule[] = [
  {
    pattern: /another operation \(install\/upgrade\/rollback\) is in progress/i,
    input: 'recover-stuck-release',
    hint: ({ name, namespace }) =>
      `Another deploy of ${name} is running, or one was killed and left the release pending. Rerun when it has ` +
      `finished; if none is running, set recover-stuck-release: true (or run helm history ${name} -n ${namespace} ` +
      `and helm rollback ${name} <last deployed revision> -n ${namespace}).`,
  },
  {
    pattern: /cannot re-use a name that is still in use|has no deployed releases/i,
    input: 'release-name',
    hint: ({ name, namespace }) =>
      `Release ${name} exists in namespace ${namespace} but has never been deployed successfully. Remove it with ` +
      `helm uninstall ${name} -n ${namespace} (or command: uninstall) and deploy again, or pick another release-name.`,
  },
  {
    pattern:
      /invalid ownership metadata|exists and cannot be imported|rendered manifests contain a resource that already exists/i,
    input: 'namespace',
    hint: () =>
      'An object the chart creates already belongs to another release or was made by hand. The chart gives some ' +
      'objects fixed names (redis, resource-config, the registry pull Secret), so two releases cannot share a ' +
      'namespace: use another namespace, or delete the conflicting object.',
  },
  {
    // helm adds "ensure CRDs are installed first", but for a built-in kind it is the cluster's Kubernetes version.
    pattern: /no matches for kind "[^"]+" in version "[^"]+"/i,
    input: 'values',
    hint: () =>
      'The cluster does not serve an API version the chart renders (HorizontalPodAutoscaler autoscaling/v2 needs ' +
      'Kubernetes 1.23 or newer, for example). Upgrade the cluster, or turn off the values that render that kind ' +
      '(autoscaling.enabled, say).',
  },
  {
    // helm's words when it cannot read the repository's index; the network errors it quotes are the repository's.
    pattern: /is not a valid chart repository or cannot be reached/i,
    input: 'chart-repository',
    hint: () =>
      'helm could not read the chart repository. Check chart-repository (the URL whose index.yaml lists the chart) ' +
      'and that the runner can reach it.',
  },
  {
    pattern: /cluster unreachable|connection refused|no such host|i\/o timeout|TLS handshake/i,
    hint: () =>
      'The Kubernetes API server could not be reached. Check that the cluster is running, that its API server ' +
      'accepts connections from this runner (authorized IP ranges; a private cluster needs private-cluster: auto ' +
      'or true, which go through runCommand), and the cluster inputs.',
  },
  {
    pattern: /context deadline exceeded|timed out waiting|resource not ready|timeout/i,
    input: 'timeout',
    hint: ({ name, namespace }) =>
      `The gateway pods did not become ready in time. Look at kubectl get pods,events -n ${namespace} ` +
      `(image pull errors, crash loops, pending pods), or raise timeout if the cluster is just slow. ` +
      `helm history ${name} -n ${namespace} shows whether helm rolled back.`,
  },
  {
    pattern: /provide credentials|Unauthorized|forbidden/i,
    input: 'client-id',
    hint: ({ namespace }) =>
      `The cluster refused the credentials. The identity needs a role that may manage Deployments, Services, ` +
      `Secrets and ConfigMaps in namespace ${namespace} (for example Azure Kubernetes Service RBAC Writer), or set admin: true.`,
  },
  {
    pattern: /not found in .*repository|no chart version found|failed to fetch|chart .*not found|404|could not find/i,
    input: 'chart-version',
    hint: () =>
      'helm could not fetch the chart. Check chart, chart-repository and chart-version (the version must exist ' +
      'in the repository), and that the runner can reach the repository.',
  },
];

export interface FailureAdvice {
  input?: string;
  hint: string;
}

/** The advice for a helm message one of the rules knows (a plan's dry run fails the same ways); else undefined. */
export function adviseOnKnownHelmFailure(message: string, release: ReleaseRef): FailureAdvice | undefined {
  const rule = rules.find((candidate) => candidate.pattern.test(message));
  return rule && { input: rule.input, hint: rule.hint(release) };
}

export function adviseOnUpgradeFailure(message: string, release: ReleaseRef): FailureAdvice {
  const known = adviseOnKnownHelmFailure(message, release);
  if (known) return known;
  return {
    hint:
      `helm's message is above. helm history ${release.name} -n ${release.namespace} shows the revisions, and ` +
      `kubectl get events -n ${release.namespace} what the cluster did.`,
  };
}
