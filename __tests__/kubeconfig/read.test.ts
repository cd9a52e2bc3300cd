// A kubeconfig read as client-go (go-yaml v2, YAML 1.1, then JSON) reads it: what each document means, what is
// refused because two readers could disagree, and the normalised document helm and kubectl get instead.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  InvalidKubeconfig,
  kubeconfigText,
  parseKubeconfig,
  policyProblems,
  type Kubeconfig,
} from '../../src/kubeconfig/index.js';
import { kubeconfigWithTop, kubeconfigYaml, SHELL_EXEC, STRICT } from './fixture.js';

function refusal(text: string): string {
  try {
    parseKubeconfig(text);
  } catch (error) {
    if (error instanceof InvalidKubeconfig) return error.message;
    throw error;
  }
  throw new Error('expected the kubeconfig to be refused');
}

describe('a credential program hidden from a YAML 1.2 reading', () => {
  it.each([
    ['a merge key', kubeconfigWithTop(`x-evil: &evil ${SHELL_EXEC}`, '{<<: *evil}')],
    ['a merge key with a list of maps', kubeconfigWithTop(`x-a: &a ${SHELL_EXEC}\nx-b: &b {as: ci}`, '{<<: [*a, *b]}')],
    ['an alias', kubeconfigWithTop(`x-evil: &evil ${SHELL_EXEC}`, '*evil')],
    [
      'a merge key in block style',
      [
        'apiVersion: v1',
        'current-context: ci',
        'x-evil: &evil',
        '  exec:',
        '    apiVersion: client.authentication.k8s.io/v1beta1',
        '    command: /bin/sh',
        '    args: [-c, touch /tmp/pwned]',
        'clusters: [{name: ci, cluster: {server: "https://10.0.0.1:6443"}}]',
        'contexts: [{name: ci, context: {cluster: ci, user: ci}}]',
        'users:',
        '  - name: ci',
        '    user:',
        '      <<: *evil',
      ].join('\n'),
    ],
  ])('%s is applied, as client-go applies it, so the policy sees the program', (_what, text) => {
    const kubeconfig = parseKubeconfig(text);
    expect(kubeconfig.user.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: '/bin/sh',
      args: ['-c', 'touch /tmp/pwned'],
    });
    expect(policyProblems(kubeconfig, STRICT)[0]).toMatch(/^user "ci" runs `\/bin\/sh -c touch \/tmp\/pwned` \(exec\)/);
  });

  it('a quoted "<<" is an ordinary key in both readings: ignored like any unknown field', () => {
    expect(parseKubeconfig(kubeconfigWithTop(`x-evil: &evil ${SHELL_EXEC}`, '{"<<": *evil, token: t}')).user).toEqual({
      token: 't',
    });
  });
});

describe('documents two readers could read two ways are refused', () => {
  it.each([
    ['a key given twice', kubeconfigYaml('token: a\n      token: b'), 'users[0].user.token is given twice.'],
    [
      'a merged key also given',
      kubeconfigWithTop('x: &x {token: a}', '{<<: *x, token: b}'),
      'users[0].user.token is given and also merged in (<<): keep one, the readers disagree on which wins.',
    ],
    [
      'a key from two merged maps',
      kubeconfigWithTop('x: &x {token: a}\ny: &y {token: b}', '{<<: [*x, *y]}'),
      'users[0].user gets token from two merged maps (<<, source 2): keep one, the readers disagree on which wins.',
    ],
    [
      'a merge of a list',
      kubeconfigWithTop('x: &x [a]', '{<<: *x}'),
      'users[0].user merges (<<) something that is not a map.',
    ],
    [
      'two documents',
      `${kubeconfigYaml()}---\n${kubeconfigYaml()}`,
      'holds 2 YAML documents: client-go reads only the first.',
    ],
    ['a %YAML 1.2 directive', `%YAML 1.2\n---\n${kubeconfigYaml()}`, 'starts with a %YAML or %TAG directive'],
    [
      'a !!binary tag',
      kubeconfigYaml('token: !!binary dG9rZW4='),
      'users[0].user.token has the tag tag:yaml.org,2002:binary',
    ],
    ['a !!str tag', kubeconfigYaml('token: !!str 0777'), 'has the tag tag:yaml.org,2002:str'],
    ['a local tag', kubeconfigYaml('exec: !evil {command: sh}'), 'users[0].user.exec has the tag !evil'],
    ['a date', kubeconfigYaml('token: 2001-12-14'), 'users[0].user.token is read as a date JSON cannot hold'],
    ['yes, a boolean in YAML 1.1', kubeconfigYaml('token: yes'), 'users["ci"].user.token must be a string (quote it).'],
    [
      'an octal number in YAML 1.1',
      kubeconfigYaml('token: 0777'),
      'users["ci"].user.token must be a string (quote it).',
    ],
    [
      'a field in another case',
      kubeconfigYaml('Token: t'),
      'users["ci"].user.Token is spelled differently from `token`.',
    ],
    [
      'EXEC instead of exec',
      kubeconfigYaml(`EXEC: ${SHELL_EXEC.slice(7, -1)}`),
      'users["ci"].user.EXEC is spelled differently',
    ],
    [
      'an anchor used before it is set',
      kubeconfigWithTop('', '*later'),
      'users[0].user refers to an anchor that is not defined',
    ],
    ['a raw Unicode line separator', kubeconfigYaml('token: a\u2028b'), 'holds a Unicode line or paragraph separator'],
    [
      'a list of strings with a number',
      kubeconfigYaml('exec: {command: sh, args: [1]}'),
      '.exec.args must be a list of strings.',
    ],
  ])('%s', (_what, text, message) => {
    expect(refusal(text)).toContain(message);
  });

  it('refuses an alias bomb without expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    expect(refusal(`${lines.join('\n')}\n${kubeconfigYaml()}`)).toBe('expands to more than 100000 values.');
  });

  it('never quotes the text in a refusal, secrets included', () => {
    const message = refusal('apiVersion: v1\nclusters: [\n  token: s3cr3t-t0k3n: {');
    expect(message).toMatch(/^is not valid YAML: /);
    expect(message).not.toContain('s3cr3t');
  });
});

describe('the current context, as client-go picks it', () => {
  it.each([
    ['no current-context', kubeconfigYaml().replace('current-context: ci\n', ''), 'has no current-context'],
    [
      'a current-context with no such context',
      kubeconfigYaml().replace('current-context: ci', 'current-context: x'),
      'has no context "x"',
    ],
    [
      'a missing cluster',
      kubeconfigYaml().replace('{cluster: ci,', '{cluster: x,'),
      'has no cluster "x", which contexts["ci"] uses.',
    ],
    [
      'a missing user',
      kubeconfigYaml().replace('user: ci}', 'user: x}'),
      'has no user "x", which contexts["ci"] uses.',
    ],
    [
      'a cluster without a server',
      kubeconfigYaml().replace('server: https://10.0.0.1:6443', 'server: ""'),
      'clusters["ci"].cluster has no server.',
    ],
    [
      'a server without a scheme',
      kubeconfigYaml().replace('https://', ''),
      'clusters["ci"].cluster.server must be an https:// URL.',
    ],
    [
      'a name given twice',
      kubeconfigYaml().replace('clusters:\n', 'clusters:\n  - name: ci\n    cluster: {server: "https://x"}\n'),
      'clusters names "ci" twice.',
    ],
    [
      'apiVersion v2',
      kubeconfigYaml().replace('apiVersion: v1', 'apiVersion: v2'),
      'has apiVersion "v2": client-go reads v1 only.',
    ],
    ['not a kubeconfig at all', 'a: 1', 'is not a kubeconfig'],
  ])('refuses %s', (_what, text, message) => {
    expect(refusal(text)).toContain(message);
  });

  it.each([
    [
      'a token and a username',
      'username: a\n      password: b\n      token: t',
      'authenticates with a token and a username and password',
    ],
    ['exec and a token', `exec: {command: sh}\n      token: t`, 'authenticates with a token and exec'],
    [
      'exec and a client certificate',
      'exec: {command: sh}\n      client-certificate-data: Y2VydA==',
      'exec and a client certificate',
    ],
    [
      'exec and an auth-provider',
      'exec: {command: sh}\n      auth-provider: {name: oidc}',
      'has both exec and auth-provider',
    ],
    ['a key and its data', 'client-key: /k\n      client-key-data: a2V5', 'has both client-key and client-key-data'],
  ])('refuses a user with %s: client-go uses only one of them', (_what, user, message) => {
    expect(refusal(kubeconfigYaml(user))).toContain(message);
  });

  it('refuses a cluster that skips TLS verification and names a CA', () => {
    const text = kubeconfigYaml('token: t', 'insecure-skip-tls-verify: true\n      certificate-authority-data: Q0E=');
    expect(refusal(text)).toContain('has both insecure-skip-tls-verify and certificate-authority-data');
    expect(parseKubeconfig(kubeconfigYaml('token: t', 'insecure-skip-tls-verify: false')).cluster).toEqual({
      server: 'https://10.0.0.1:6443',
    });
  });

  it('keeps only the current context, its cluster and its user, and drops what client-go ignores', () => {
    const text = [
      'apiVersion: v1',
      'kind: Config',
      'preferences: {colors: true}',
      'current-context: prod',
      'extensions: [{name: x, extension: {a: 1}}]',
      'clusters:',
      '  - {name: dev, cluster: {server: "http://dev:8080"}}',
      '  - {name: prod, cluster: {server: "https://prod:443", certificate-authority-data: Q0E=, extensions: [{name: y}]}}',
      'contexts:',
      '  - {name: dev, context: {cluster: dev, user: dev}}',
      '  - {name: prod, context: {cluster: prod, user: deployer, namespace: gw}}',
      'users:',
      '  - {name: dev, user: {exec: {command: /bin/sh}}}',
      '  - {name: deployer, user: {token: t0k3n, as: ci-bot, as-groups: [deployers], unknown: 1}}',
    ].join('\n');
    const kubeconfig: Kubeconfig = parseKubeconfig(text);
    expect(kubeconfig).toEqual({
      currentContext: 'prod',
      context: { cluster: 'prod', user: 'deployer', namespace: 'gw' },
      cluster: { server: 'https://prod:443', 'certificate-authority-data': 'Q0E=' },
      user: { token: 't0k3n', as: 'ci-bot', 'as-groups': ['deployers'] },
    });
    // The dormant dev user's program is not there to run.
    expect(policyProblems(kubeconfig, STRICT)).toEqual([]);
    const written = kubeconfigText(kubeconfig);
    expect(JSON.parse(written)).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'prod',
      clusters: [{ name: 'prod', cluster: kubeconfig.cluster }],
      contexts: [{ name: 'prod', context: kubeconfig.context }],
      users: [{ name: 'deployer', user: kubeconfig.user }],
    });
    // Read again, it is the same: nothing in it depends on which YAML or JSON reader reads it.
    expect(parseKubeconfig(written)).toEqual(kubeconfig);
    expect(parse(written, { version: '1.1' })).toEqual(JSON.parse(written));
  });

  it('writes a Unicode line separator escaped, so that YAML 1.1 reads the same value', () => {
    const kubeconfig = parseKubeconfig(kubeconfigYaml('token: "a\\u2028b\\x85c"'));
    expect(kubeconfig.user.token).toBe('a\u2028b\u0085c');
    const written = kubeconfigText(kubeconfig);
    expect(written).toContain('"token": "a\\u2028b\\u0085c"');
    expect(parseKubeconfig(written)).toEqual(kubeconfig);
  });

  it('reads a context without a user as anonymous', () => {
    const text = kubeconfigYaml().replace('{cluster: ci, user: ci}', '{cluster: ci}');
    expect(parseKubeconfig(text).user).toEqual({});
  });

  it('reads YAML 1.1 booleans where client-go wants a boolean', () => {
    const text = kubeconfigYaml('token: t', 'insecure-skip-tls-verify: yes').replace('10.0.0.1', 'localhost');
    expect(parseKubeconfig(text).cluster['insecure-skip-tls-verify']).toBe(true);
  });
});

describe('credentials that go into a header', () => {
  it.each(['token: "abc\\nX-Injected: 1"', 'token: "abc\\r"', 'username: u\n      password: "p\\nw"'])(
    'refuses a line break in %s, which Go would refuse to send',
    (user) =>
      expect(refusal(kubeconfigYaml(user))).toMatch(/^users\["ci"\]\.user\.(token|password) holds a line break/),
  );
});
