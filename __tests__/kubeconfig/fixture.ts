// Kubeconfig texts for tests: a complete one (current context, cluster, user), with the user's YAML and the
// cluster's extra fields given by the test.

/** `user` is the user's YAML (one line of a flow map, or several lines indented by the caller). */
export function kubeconfigYaml(user = 'token: kube-token-1', cluster = ''): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: ci',
    'clusters:',
    '  - name: ci',
    '    cluster:',
    '      server: https://10.0.0.1:6443',
    ...(cluster ? [`      ${cluster}`] : []),
    'contexts:',
    '  - name: ci',
    '    context: {cluster: ci, user: ci}',
    'users:',
    '  - name: ci',
    '    user:',
    `      ${user}`,
    '',
  ].join('\n');
}

/** A kubeconfig whose top level gets `extra` lines (anchors, say) and whose user is `user` (a flow map or alias). */
export const kubeconfigWithTop = (extra: string, user: string) =>
  [
    'apiVersion: v1',
    'current-context: ci',
    extra,
    'clusters: [{name: ci, cluster: {server: "https://10.0.0.1:6443"}}]',
    'contexts: [{name: ci, context: {cluster: ci, user: ci}}]',
    `users: [{name: ci, user: ${user}}]`,
  ].join('\n');

/** An exec user that runs a shell, as a planted kubeconfig would. */
export const SHELL_EXEC =
  '{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/sh, args: [-c, touch /tmp/pwned]}}';

/** Allows nothing a handed-in kubeconfig may do only by opting in. */
export const STRICT = { allowCredentialPrograms: false, allowLocalFiles: false, allowInsecureTransport: false };
