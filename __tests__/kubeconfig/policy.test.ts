// What a handed-in kubeconfig may make helm and kubectl do: each risky thing refused, naming the input that allows it.
import { describe, expect, it } from '@jest/globals';
import {
  credentialPrograms,
  kubeconfigSecrets,
  parseKubeconfig,
  policyProblems,
  type KubeconfigPolicy,
} from '../../src/kubeconfig/index.js';
import { kubeconfigYaml, STRICT } from './fixture.js';

const problems = (text: string, policy: KubeconfigPolicy = STRICT) => policyProblems(parseKubeconfig(text), policy);
const onServer = (server: string, cluster = '') =>
  kubeconfigYaml('token: t', cluster).replace('https://10.0.0.1:6443', server);

describe('the policy for a kubeconfig input', () => {
  it.each([
    [
      'exec',
      kubeconfigYaml('exec: {command: /bin/sh, args: [-c, id]}'),
      'allowCredentialPrograms',
      'user "ci" runs `/bin/sh -c id` (exec) to get its credentials',
    ],
    [
      'an auth-provider',
      kubeconfigYaml('auth-provider: {name: oidc}'),
      'allowCredentialPrograms',
      'user "ci" uses the auth-provider `oidc` to get its credentials',
    ],
    [
      'a tokenFile',
      kubeconfigYaml('tokenFile: /home/runner/.credentials'),
      'allowLocalFiles',
      'users["ci"].user.tokenFile names the local file "/home/runner/.credentials", which helm and kubectl would read and send to the API server: refused. Put its content in `token` instead, or set `allow-kubeconfig-files: \'true\'`',
    ],
    [
      'a client key file',
      kubeconfigYaml('client-key: /etc/ssh/ssh_host_rsa_key'),
      'allowLocalFiles',
      'users["ci"].user.client-key names the local file "/etc/ssh/ssh_host_rsa_key"',
    ],
    [
      'a client certificate file',
      kubeconfigYaml('client-certificate: /c.crt'),
      'allowLocalFiles',
      'Put its content in `client-certificate-data` instead',
    ],
    [
      'a CA file',
      kubeconfigYaml('token: t', 'certificate-authority: /ca.crt'),
      'allowLocalFiles',
      'clusters["ci"].cluster.certificate-authority names the local file "/ca.crt"',
    ],
    [
      'a plain-http server',
      onServer('http://10.0.0.1:8080'),
      'allowInsecureTransport',
      "clusters[\"ci\"].cluster's server http://10.0.0.1:8080 is plain HTTP to a host other than this machine: the cluster credentials and everything deployed, secrets included, would cross the network unauthenticated; use https://, or set `allow-insecure-transport: 'true'`",
    ],
    [
      'TLS not verified',
      onServer('https://aks.example:443', 'insecure-skip-tls-verify: true'),
      'allowInsecureTransport',
      'clusters["ci"].cluster.insecure-skip-tls-verify is true for aks.example: anyone on the network could pose as the API server',
    ],
    [
      'a plain-http proxy',
      kubeconfigYaml('token: t', 'proxy-url: http://proxy.corp:3128'),
      'allowInsecureTransport',
      'clusters["ci"].cluster\'s proxy-url http://proxy.corp:3128 is plain HTTP to a host other than this machine',
    ],
    [
      'a SOCKS proxy',
      kubeconfigYaml('token: t', 'proxy-url: socks5://proxy.corp:1080'),
      'allowInsecureTransport',
      'socks5://proxy.corp:1080 is an unencrypted SOCKS proxy on a host other than this machine',
    ],
  ])('refuses %s unless its input allows it', (_what, text, allowed, message) => {
    const [problem, ...rest] = problems(text);
    expect(problem).toContain(message);
    expect(rest).toEqual([]);
    expect(problems(text, { ...STRICT, [allowed]: true })).toEqual([]);
  });

  it.each([
    ['a plain-http server on this machine', onServer('http://127.0.0.1:8080')],
    ['TLS not verified on this machine', onServer('https://localhost:6443', 'insecure-skip-tls-verify: true')],
    ['an https proxy', kubeconfigYaml('token: t', 'proxy-url: https://proxy.corp:3128')],
    ['a proxy on this machine', kubeconfigYaml('token: t', 'proxy-url: http://127.0.0.1:3128')],
    [
      'a token and a client certificate in the kubeconfig',
      kubeconfigYaml('{token: t, client-certificate-data: Y2VydA==, client-key-data: a2V5}'),
    ],
  ])('accepts %s', (_what, text) => {
    expect(problems(text)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const text = onServer('http://10.0.0.1', 'certificate-authority: ca.crt').replace(
      'token: t',
      'exec: {command: kubelogin}',
    );
    expect(problems(text).map((problem) => problem.slice(0, 40))).toEqual([
      'user "ci" runs `kubelogin` (exec) to get',
      'clusters["ci"].cluster.certificate-autho',
      'clusters["ci"].cluster\'s server http://1',
    ]);
  });
});

describe('kubeconfigSecrets', () => {
  it("masks a proxy's password, as written and decoded, and an exec program's secret flags and env", () => {
    const text = kubeconfigYaml(
      '{exec: {command: get-token, args: [--client-secret, s3cr3t-1, --token=t0k3n-2], env: [{name: API_KEY, value: k3y-3}, {name: REGION, value: eu}]}}',
      'proxy-url: "https://ci:p%40ss-4@proxy.corp:3128"',
    );
    expect(kubeconfigSecrets(parseKubeconfig(text))).toEqual(['s3cr3t-1', 't0k3n-2', 'k3y-3', 'p%40ss-4', 'p@ss-4']);
  });

  it('knows secret flags, env entries and auth-provider settings by the one vocabulary of secret names', () => {
    const exec = kubeconfigYaml(
      '{exec: {command: get-token, args: [--pwd, pw-5, --token-file, /run/tok, --auth=au-6], env: [{name: DB_PASS, value: p-7}, {name: TOKEN_TTL, value: "3600"}]}}',
    );
    expect(kubeconfigSecrets(parseKubeconfig(exec))).toEqual(['pw-5', 'au-6', 'p-7']);
    expect(credentialPrograms(parseKubeconfig(exec))).toEqual([
      'user "ci" runs `get-token --pwd *** --token-file /run/tok --auth=***` (exec)',
    ]);
    const provider = kubeconfigYaml(
      "{auth-provider: {name: oidc, config: {id-token: it-8, refresh-token: rt-9, client-id: portkey, idp-issuer-url: 'https://idp'}}}",
    );
    expect(kubeconfigSecrets(parseKubeconfig(provider))).toEqual(['it-8', 'rt-9']);
  });
});
