// The hostile-input corpus of issue 21: what a fork's pull request, a careless workflow or another job on a shared
// runner can hand the action, one case a row. Each case is a complete, working deploy into the sandbox with one
// hostile change, so a case the action fails to refuse deploys for real and is counted
// (__tests__/e2e/hostile-corpus.test.ts). Three outcomes:
// - `refused`: exit 1 before any cluster change or GitHub Deployment, the error naming `input` (and no other input);
// - `inert`: outside text (values a pull request controls) printed, but none of its workflow commands acted on;
// - `ignored`: a planted piece of the job's environment (a variable, a program on PATH, a link in RUNNER_TEMP) that
//   the run neither reads nor runs: it succeeds as it would without it, `trap` untouched.
import { stringify } from 'yaml';
import type { Files } from '../inputs/fixture.js';

type Inputs = Record<string, string>;

/** What a case is built from: the lane's sandbox and the files a hostile case points at. */
export interface CorpusContext {
  /** A folder outside the workspace and RUNNER_TEMP; its `secret.txt` is a values map holding OUTSIDE_SECRET. */
  outside: string;
  /** The sandbox's working kubeconfig, parsed afresh each call. */
  kubeconfig(): KubeconfigDocument;
  /** A file whose creation or change proves a planted thing ran or was written through; checked after each case. */
  trap: string;
  /** A folder of executables, each of which creates `trap` when run. */
  plantedBin: string;
  /** An HTTPS listener on loopback that counts requests; a planted URL points here. */
  trapUrl: string;
  /** A HOME whose ~/.kube/config runs a program (creating `trap`) against `trapUrl`. */
  plantedHome: string;
  /** The run's own RUNNER_TEMP, made by the test with planted links (ignored cases that set `runnerTemp`). */
  runnerTemp: string;
}

export interface KubeconfigDocument {
  'current-context': string;
  clusters: { name: string; cluster: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  [key: string]: unknown;
}

export type Outcome = 'refused' | 'inert' | 'ignored';

export interface HostileRun {
  inputs?: Inputs;
  /** Files of the checkout (GITHUB_WORKSPACE), which also holds the fixture chart at ./sandbox/charts/gateway. */
  files?: Files;
  /** Extra job environment. */
  env?: Record<string, string>;
  /** Prepend `plantedBin` to PATH. */
  plantPath?: boolean;
  /** Run with `runnerTemp` as RUNNER_TEMP. */
  runnerTemp?: boolean;
}

export interface HostileCase {
  category: string;
  what: string;
  outcome: Outcome;
  /** For `refused`: the input the error must name. */
  input?: string;
  make(context: CorpusContext): HostileRun;
}

/** The content of the outside file: found in any output, an outside file was read and shown. */
export const OUTSIDE_SECRET = 'outside-file-c0nt3nt-"q"\\b-✓-+/=';

const DEPLOY = 'deploy';

const refused = (category: string, what: string, input: string, make: (c: CorpusContext) => HostileRun) =>
  ({ category, what, outcome: 'refused', input, make }) as HostileCase;

/** Many `../` then an absolute path without its leading slash: a relative path that leaves the workspace. */
const climb = (absolute: string) => `${'../'.repeat(12)}${absolute.replace(/^\//, '')}`;

// ---- Files the inputs name ---------------------------------------------------------------------------------------

/** Ways a path the workflow names can lead out of the workspace, or at something that is not a file. */
const fileAttacks: [string, (c: CorpusContext) => { path: string; files?: Files }][] = [
  [
    'a committed link to an outside file',
    (c) => ({ path: 'deploy/x.yaml', files: { 'deploy/x.yaml': { symlinkTo: `${c.outside}/secret.txt` } } }),
  ],
  [
    'a relative link climbing out',
    (c) => ({ path: 'x.yaml', files: { 'x.yaml': { symlinkTo: climb(`${c.outside}/secret.txt`) } } }),
  ],
  ['a link to /etc/passwd', () => ({ path: 'x.yaml', files: { 'x.yaml': { symlinkTo: '/etc/passwd' } } })],
  [
    'a link to /proc/self/environ (every INPUT_* secret)',
    () => ({ path: 'x.yaml', files: { 'x.yaml': { symlinkTo: '/proc/self/environ' } } }),
  ],
  [
    'a link to /proc/self/cmdline',
    () => ({ path: 'x.yaml', files: { 'x.yaml': { symlinkTo: '/proc/self/cmdline' } } }),
  ],
  ['a link through a linked folder', (c) => ({ path: 'conf/secret.txt', files: { conf: { symlinkTo: c.outside } } })],
  [
    'a chain of links ending outside',
    (c) => ({
      path: 'a.yaml',
      files: { 'a.yaml': { symlinkTo: 'b.yaml' }, 'b.yaml': { symlinkTo: `${c.outside}/secret.txt` } },
    }),
  ],
  [
    'a link loop',
    () => ({ path: 'a.yaml', files: { 'a.yaml': { symlinkTo: 'b.yaml' }, 'b.yaml': { symlinkTo: 'a.yaml' } } }),
  ],
  [
    'a dangling link to an outside path',
    (c) => ({ path: 'x.yaml', files: { 'x.yaml': { symlinkTo: `${c.outside}/nothing.yaml` } } }),
  ],
  ['an absolute path outside', (c) => ({ path: `${c.outside}/secret.txt` })],
  ['a ../ path outside', (c) => ({ path: climb(`${c.outside}/secret.txt`) })],
  ['/etc/passwd', () => ({ path: '/etc/passwd' })],
  ['/proc/self/environ', () => ({ path: '/proc/self/environ' })],
  ['/dev/zero (endless)', () => ({ path: '/dev/zero' })],
  ['/dev/urandom (endless)', () => ({ path: '/dev/urandom' })],
  ['/dev/stdin', () => ({ path: '/dev/stdin' })],
  ['a link to /dev/zero', () => ({ path: 'z.yaml', files: { 'z.yaml': { symlinkTo: '/dev/zero' } } })],
  ['a FIFO nobody writes to', () => ({ path: 'pipe.yaml', files: { 'pipe.yaml': { fifo: true } } })],
  ['a folder', () => ({ path: 'sandbox' })],
  ['the workspace itself', () => ({ path: '.' })],
];

const fileInputCases = (input: 'values-files' | 'kubeconfig', command: string): HostileCase[] =>
  fileAttacks.map(([what, attack]) =>
    refused(`file input (${input}, ${command})`, `${input}: ${what}`, input, (c) => {
      const { path, files } = attack(c);
      return { inputs: { command, [input]: path }, files };
    }),
  );

const oversize: HostileCase[] = [
  refused('file input (values-files, render)', 'values-files: a 17 MiB file', 'values-files', () => ({
    inputs: { command: 'render', 'values-files': 'big.yaml' },
    files: { 'big.yaml': `a: "${'x'.repeat(17 * 1024 * 1024)}"\n` },
  })),
  refused('file input (kubeconfig, deploy)', 'kubeconfig: a 5 MiB file', 'kubeconfig', () => ({
    inputs: { command: DEPLOY, kubeconfig: 'big.kubeconfig' },
    files: { 'big.kubeconfig': `apiVersion: v1\n# ${'x'.repeat(5 * 1024 * 1024)}\n` },
  })),
  refused(
    'file input (values-files, render)',
    'values-files: 2000 files of 10 KiB each past the cap',
    'values-files',
    () => {
      const files: Files = {};
      for (let i = 0; i < 1700; i++) files[`v/${i}.yaml`] = `k${i}: "${'y'.repeat(10_000)}"\n`;
      return { inputs: { command: 'render', 'values-files': Object.keys(files).join('\n') }, files };
    },
  ),
];

/** A copy of the fixture chart somewhere, as files of the checkout. */
const chartFiles = (at: string): Files => ({
  [`${at}/Chart.yaml`]: 'apiVersion: v2\nname: gateway\nversion: 1.7.7\nappVersion: 1.0.0\n',
  [`${at}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
});

const chartCases: HostileCase[] = [
  ['a chart folder outside the workspace', (c: CorpusContext) => ({ inputs: { chart: c.outside } })],
  ['a ../ chart path outside', (c: CorpusContext) => ({ inputs: { chart: climb(c.outside) } })],
  [
    'a committed link to an outside folder',
    (c: CorpusContext) => ({ inputs: { chart: './evil' }, files: { evil: { symlinkTo: c.outside } } }),
  ],
  ['a link to /', () => ({ inputs: { chart: './root' }, files: { root: { symlinkTo: '/' } } })],
  ['/proc as a chart', () => ({ inputs: { chart: '/proc' } })],
  ['/etc as a chart', () => ({ inputs: { chart: '/etc' } })],
  [
    'a template linked to an outside file',
    (c: CorpusContext) => ({
      inputs: { chart: './c' },
      files: { ...chartFiles('c'), 'c/templates/leak.yaml': { symlinkTo: `${c.outside}/secret.txt` } },
    }),
  ],
  [
    'a template linked to /etc/passwd',
    () => ({
      inputs: { chart: './c' },
      files: { ...chartFiles('c'), 'c/templates/passwd.yaml': { symlinkTo: '/etc/passwd' } },
    }),
  ],
  [
    'Chart.yaml linked outside',
    (c: CorpusContext) => ({
      inputs: { chart: './c' },
      files: { 'c/Chart.yaml': { symlinkTo: `${c.outside}/Chart.yaml` }, 'c/templates/cm.yaml': 'kind: ConfigMap\n' },
    }),
  ],
  [
    'values.yaml linked to /proc/self/environ',
    () => ({
      inputs: { chart: './c' },
      files: { ...chartFiles('c'), 'c/values.yaml': { symlinkTo: '/proc/self/environ' } },
    }),
  ],
  [
    'a subfolder linked to the outside folder',
    (c: CorpusContext) => ({
      inputs: { chart: './c' },
      files: { ...chartFiles('c'), 'c/files': { symlinkTo: c.outside } },
    }),
  ],
  [
    'a FIFO inside the chart',
    () => ({ inputs: { chart: './c' }, files: { ...chartFiles('c'), 'c/templates/pipe.yaml': { fifo: true } } }),
  ],
  [
    'a /dev/zero link inside the chart',
    () => ({ inputs: { chart: './c' }, files: { ...chartFiles('c'), 'c/files/zero': { symlinkTo: '/dev/zero' } } }),
  ],
  ['a chart named like an option (--post-renderer)', () => ({ inputs: { chart: '--post-renderer=/bin/sh' } })],
  ['a chart named -f', () => ({ inputs: { chart: '-f' } })],
  ['a chart named like --kubeconfig', () => ({ inputs: { chart: '--kubeconfig=/etc/passwd' } })],
  ['a chart given as a file:// URL', () => ({ inputs: { chart: 'file:///etc' } })],
  [
    'a chart path with a line break and an option',
    () => ({ inputs: { chart: './sandbox/charts/gateway\n--post-renderer=/bin/sh' } }),
  ],
].map(([what, make]) =>
  refused('local chart', `chart: ${what as string}`, 'chart', (c) => {
    const run = (make as (c: CorpusContext) => HostileRun)(c);
    return { ...run, inputs: { command: DEPLOY, ...run.inputs } };
  }),
);

// ---- Kubeconfig documents -------------------------------------------------------------------------------------

const EXEC = { apiVersion: 'client.authentication.k8s.io/v1beta1', command: '/bin/sh', args: ['-c', 'touch TRAP'] };

/** The sandbox's kubeconfig with its user and cluster changed by `change`. */
function kubeconfigWith(change: (user: Record<string, unknown>, cluster: Record<string, unknown>) => void) {
  return (c: CorpusContext): HostileRun => {
    const doc = c.kubeconfig();
    change(doc.users[0].user, doc.clusters[0].cluster);
    return { inputs: { command: DEPLOY, kubeconfig: stringify(doc).replace('TRAP', c.trap) } };
  };
}

/** The sandbox's kubeconfig as text, with `top` lines first and the user replaced by the flow text `user`. */
function kubeconfigText(top: string, user: string) {
  return (c: CorpusContext): HostileRun => {
    const doc = c.kubeconfig();
    doc.users[0].user = { HIDDEN: true };
    const text = `${top}\n${stringify(doc).replace('HIDDEN: true', `<<: ${user}`)}`;
    return { inputs: { command: DEPLOY, kubeconfig: text.replace('TRAP', c.trap) } };
  };
}

const execFlow = (command = '/bin/sh') =>
  `{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ${command}, args: [-c, "touch TRAP"]}}`;

const kubeconfigCases: HostileCase[] = (
  [
    ['an exec user running a shell', kubeconfigWith((u) => Object.assign(u, { exec: EXEC }))],
    [
      'an exec user running kubelogin',
      kubeconfigWith((u) => Object.assign(u, { exec: { ...EXEC, command: 'kubelogin', args: ['get-token'] } })),
    ],
    [
      'an exec user with a relative command',
      kubeconfigWith((u) => Object.assign(u, { exec: { ...EXEC, command: './evil.sh' } })),
    ],
    [
      'an auth-provider (oidc)',
      kubeconfigWith((u) =>
        Object.assign(u, { 'auth-provider': { name: 'oidc', config: { 'idp-issuer-url': 'https://idp' } } }),
      ),
    ],
    [
      'an auth-provider (gcp, runs cmd-path)',
      kubeconfigWith((u) => Object.assign(u, { 'auth-provider': { name: 'gcp', config: { 'cmd-path': '/bin/sh' } } })),
    ],
    ['an exec hidden in a merge key (<<)', kubeconfigText(`x-evil: &evil ${execFlow()}`, '*evil')],
    [
      'an exec hidden in a merge key list (<<: [*a, *b])',
      kubeconfigText(`x-a: &a {username: u}\nx-evil: &evil ${execFlow()}`, '[*a, *evil]'),
    ],
    [
      'an exec hidden in a nested merge',
      kubeconfigText(`x-inner: &inner ${execFlow()}\nx-outer: &outer {<<: *inner}`, '*outer'),
    ],
    [
      'an exec user given as an alias',
      (c: CorpusContext) => {
        const doc = c.kubeconfig();
        doc.users[0].user = { HIDDEN: true };
        const text = `x-evil: &evil ${execFlow()}\n${stringify(doc).replace('user:\n      HIDDEN: true', 'user: *evil')}`;
        return { inputs: { command: DEPLOY, kubeconfig: text.replace('TRAP', c.trap) } };
      },
    ],
    [
      'an auth-provider in a merge key',
      kubeconfigText('x-evil: &evil {auth-provider: {name: oidc, config: {}}}', '*evil'),
    ],
    ['a tokenFile of a runner file', kubeconfigWith((u) => Object.assign(u, { tokenFile: '/proc/self/environ' }))],
    ['a tokenFile merged in', kubeconfigText('x-t: &t {tokenFile: /etc/passwd}', '*t')],
    ['a relative tokenFile', kubeconfigWith((u) => Object.assign(u, { tokenFile: 'token.txt' }))],
    [
      'a client-key path',
      kubeconfigWith((u) =>
        Object.assign(u, { 'client-key': '/etc/ssl/private/key.pem', 'client-certificate-data': 'Y2VydA==' }),
      ),
    ],
    [
      'a client-certificate path',
      kubeconfigWith((u) => Object.assign(u, { 'client-certificate': '/etc/ssl/cert.pem', 'client-key-data': 'a2V5' })),
    ],
    [
      'a certificate-authority path',
      kubeconfigWith((_u, cl) => Object.assign(cl, { 'certificate-authority': '/etc/ssl/certs/ca-certificates.crt' })),
    ],
    [
      'a plain-http API server with a token',
      kubeconfigWith((_u, cl) => Object.assign(cl, { server: 'http://10.0.0.1:6443' })),
    ],
    [
      'a plain-http API server with basic auth',
      kubeconfigWith((u, cl) => {
        Object.assign(cl, { server: 'http://api.example.com' });
        Object.assign(u, { username: 'u', password: 'p-ssw0rd!' });
        delete u.token;
      }),
    ],
    [
      'insecure-skip-tls-verify to another host',
      kubeconfigWith((_u, cl) => {
        Object.assign(cl, { server: 'https://10.0.0.1:6443', 'insecure-skip-tls-verify': true });
        delete cl['certificate-authority-data'];
      }),
    ],
    [
      'insecure-skip-tls-verify merged into the cluster',
      (c: CorpusContext) => {
        const doc = c.kubeconfig();
        doc.clusters[0].cluster = { HIDDEN: true };
        const text = `x-c: &c {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}\n${stringify(doc).replace('HIDDEN: true', '<<: *c')}`;
        return { inputs: { command: DEPLOY, kubeconfig: text } };
      },
    ],
    [
      'a plain-http proxy-url',
      kubeconfigWith((_u, cl) => Object.assign(cl, { 'proxy-url': 'http://proxy.example.com:3128' })),
    ],
    ['a socks5 proxy-url', kubeconfigWith((_u, cl) => Object.assign(cl, { 'proxy-url': 'socks5://10.0.0.9:1080' }))],
    [
      'two documents, the second running a shell',
      (c: CorpusContext) => ({
        inputs: {
          command: DEPLOY,
          kubeconfig: `${stringify(c.kubeconfig())}---\n${stringify({ users: [{ name: 'x', user: { exec: EXEC } }] })}`,
        },
      }),
    ],
    [
      'a token given twice',
      (c: CorpusContext) => ({
        inputs: {
          command: DEPLOY,
          kubeconfig: stringify(c.kubeconfig()).replace(/^( +)token: (.*)$/m, '$1token: $2\n$1token: other'),
        },
      }),
    ],
    ['a !!binary token', kubeconfigText('', '{token: !!binary dG9rZW4=}')],
    ['a field in another case (Exec)', kubeconfigWith((u) => Object.assign(u, { Exec: EXEC }))],
    ['a field in another case (TokenFile)', kubeconfigWith((u) => Object.assign(u, { TokenFile: '/etc/passwd' }))],
    [
      'no current context',
      (c: CorpusContext) => {
        const doc = c.kubeconfig();
        delete (doc as Partial<KubeconfigDocument>)['current-context'];
        return { inputs: { command: DEPLOY, kubeconfig: stringify(doc) } };
      },
    ],
    [
      'a current context that does not exist',
      (c: CorpusContext) => ({
        inputs: { command: DEPLOY, kubeconfig: stringify({ ...c.kubeconfig(), 'current-context': 'elsewhere' }) },
      }),
    ],
    ['a token of the wrong type (yes)', kubeconfigText('', '{token: yes}')],
    [
      'a YAML directive',
      (c: CorpusContext) => ({
        inputs: { command: DEPLOY, kubeconfig: `%YAML 1.1\n---\n${stringify(c.kubeconfig())}` },
      }),
    ],
    ['a token with a line break', kubeconfigWith((u) => Object.assign(u, { token: 'abc\nX-Injected: 1' }))],
    ['not a kubeconfig at all', () => ({ inputs: { command: DEPLOY, kubeconfig: 'a: 1\nb: 2' } })],
  ] as [string, (c: CorpusContext) => HostileRun][]
).map(([what, make]) => refused('kubeconfig document', `kubeconfig: ${what}`, 'kubeconfig', make));

// ---- Workflow commands smuggled into what the action prints ----------------------------------------------------------

/** Lines the runner would act on if they reached the log bare; each case's marker is `smuggled`. */
const PAYLOADS: [string, string][] = [
  ['a warning', '::warning title=x::smuggled warning'],
  ['a set-output with leading spaces', '   ::set-output name=gateway-url::https://smuggled.example'],
  ['an add-mask', '::add-mask::smuggled'],
  ['a stop-commands that would swallow ours', '::stop-commands::smuggled'],
  ['an old ##[set-output] form mid-line', 'note ##[set-output name=smuggled]x'],
  ['a save-state', '::save-state name=workDir::/smuggled'],
  ['a set-env of NODE_OPTIONS', '::set-env name=NODE_OPTIONS::--require /smuggled.js'],
  ['an add-path', '::add-path::/smuggled/bin'],
];

const inert = (category: string, what: string, make: (c: CorpusContext) => HostileRun): HostileCase => ({
  category,
  what,
  outcome: 'inert',
  make,
});

const smuggledCases: HostileCase[] = PAYLOADS.flatMap(([what, line]) => {
  const text = JSON.stringify(`before\n${line}\nafter`);
  const crText = JSON.stringify(`before\r${line}\rafter`);
  return [
    inert('workflow command smuggled', `${what} in an inline values string`, () => ({
      inputs: { command: 'render', values: `podAnnotations: {note: ${text}}` },
    })),
    inert('workflow command smuggled', `${what} in a values file`, () => ({
      inputs: { command: 'render', 'values-files': 'v.yaml' },
      files: { 'v.yaml': `podAnnotations:\n  note: ${text}\n` },
    })),
    inert('workflow command smuggled', `${what} in a values key`, () => ({
      inputs: { command: 'render', values: `podAnnotations: {${text}: x}` },
    })),
    inert('workflow command smuggled', `${what} in a set line (JSON)`, () => ({
      inputs: { command: 'render', set: `podAnnotations.note:json=${text}` },
    })),
    inert('workflow command smuggled', `${what} as an item of organisations-to-sync (a list)`, () => ({
      inputs: { command: 'render', 'organisations-to-sync': `org-1\n${line}` },
    })),
    inert('workflow command smuggled', `${what} after a bare CR`, () => ({
      inputs: { command: 'render', values: `podAnnotations: {note: ${crText}}` },
    })),
  ];
});

/** Single-line inputs that print or go into names: a line break is refused. */
const namedCarriers: [string, (line: string) => Inputs][] = [
  ['release-name', (l) => ({ 'release-name': `portkey\n${l}` })],
  ['namespace', (l) => ({ namespace: `portkey\n${l}` })],
  ['gateway-image-tag', (l) => ({ 'gateway-image-tag': `2.13.0\n${l}` })],
  ['cluster-name', (l) => ({ 'cluster-name': `aks\n${l}` })],
  ['resource-group', (l) => ({ 'resource-group': `rg\n${l}` })],
  ['service-account-name', (l) => ({ 'service-account-name': `gateway\n${l}` })],
  ['helm-version', (l) => ({ 'helm-version': `4.1.4\n${l}` })],
  ['secret-env', (l) => ({ 'secret-env': `A=b\n${l}` })],
  ['env', (l) => ({ env: `A=b\n${l}` })],
];

const smuggledNames: HostileCase[] = namedCarriers.flatMap(([input, carry]) =>
  [PAYLOADS[0], PAYLOADS[1]].map(([what, line]) =>
    refused('workflow command smuggled', `${what} in ${input}`, input, () => ({
      inputs: { command: DEPLOY, ...carry(line) },
    })),
  ),
);

// ---- The smoke test's path and URL ------------------------------------------------------------------------------

const smokePaths = [
  '/../../../secrets',
  '/v1/../../..',
  '/%2e%2e/%2e%2e/secrets',
  '/%2E%2E/%2E%2E/secrets',
  '/.%2e/secrets',
  '/%2e./secrets',
  '/./v1/health',
  '/v1/health/.',
  '//evil.example/x',
  '/v1//health',
  '/v1\\..\\..\\secrets',
  '/v1/%5c../secrets',
  '/v1/%2f../secrets',
  '/v1/%252e%252e/secrets',
  '/v1/health?x=/../../secrets',
  '/v1/health#/../../secrets',
  '/v1/health\n/secrets',
  '/v1/health\r\nX-Injected: 1',
  '/v1/%0d%0aX-Injected:%201',
  'v1/health',
  'https://evil.example/',
  '/v1/%2E./secrets',
  '/..',
  '/v1/%00',
];

const smokeUrls = [
  'https://user:pass@gw.example.com',
  'https://token@gw.example.com',
  'http://169.254.169.254/metadata/instance',
  'http://2852039166/',
  'http://0xa9fea9fe/',
  'http://0251.0376.0251.0376/',
  'http://169.254.169.254.nip.io.:80@169.254.169.254/',
  'http://[fe80::1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://168.63.129.16/',
  'http://metadata.azure.internal/',
  'http://METADATA.azure.internal./',
  'file:///etc/passwd',
  'ftp://gw.example.com/',
  'javascript:alert(1)',
  'https://gw.example.com\n::warning::x',
  'not a url',
];

const smokeCases: HostileCase[] = [
  ...smokePaths.map((path) =>
    refused('smoke-test path', `smoke-test-path: ${JSON.stringify(path)}`, 'smoke-test-path', () => ({
      inputs: { command: DEPLOY, 'smoke-test-path': path },
    })),
  ),
  ...smokeUrls.map((url) =>
    refused('smoke-test URL', `smoke-test-url: ${JSON.stringify(url)}`, 'smoke-test-url', () => ({
      inputs: { command: DEPLOY, 'smoke-test-url': url, 'smoke-test-from': 'runner' },
    })),
  ),
];

// ---- Azure identifiers that go into URLs ------------------------------------------------------------------------

const identifierCases: HostileCase[] = [
  ...[
    '../common',
    '..',
    'contoso.onmicrosoft.com/../x',
    'a/b',
    '%2e%2e',
    'tenant?x=1',
    'tenant#x',
    't enant',
    'organizations\n',
    '{66666666-7777-8888-9999-000000000000}',
    'contoso..com',
    '.',
    'localhost:443',
    '-contoso.com',
  ].map((tenant) =>
    refused('Azure identifier', `tenant-id: ${JSON.stringify(tenant)}`, 'tenant-id', () => ({
      inputs: { command: DEPLOY, 'tenant-id': tenant },
    })),
  ),
  ...[
    'my-app',
    '../11111111-2222-3333-4444-555555555555',
    '11111111-2222-3333-4444-55555555555',
    'a\nb',
    '11111111-2222-3333-4444-555555555555/x',
    '11111111222233334444555555555555x',
  ].map((client) =>
    refused('Azure identifier', `client-id: ${JSON.stringify(client)}`, 'client-id', () => ({
      inputs: { command: DEPLOY, 'client-id': client },
    })),
  ),
  ...['..', 'sub/../x', 'not-a-guid'].map((sub) =>
    refused('Azure identifier', `subscription-id: ${JSON.stringify(sub)}`, 'subscription-id', () => ({
      inputs: { command: DEPLOY, 'subscription-id': sub },
    })),
  ),
  ...['..', '.', 'rg/../../other', 'rg?api-version=1', 'rg#x', 'rg.'].map((group) =>
    refused('Azure identifier', `resource-group: ${JSON.stringify(group)}`, 'resource-group', () => ({
      inputs: { command: DEPLOY, 'resource-group': group },
    })),
  ),
  ...['..', '.', 'aks/../../x', 'aks?x=1', 'aks cluster', 'a'.repeat(64)].map((name) =>
    refused('Azure identifier', `cluster-name: ${JSON.stringify(name)}`, 'cluster-name', () => ({
      inputs: { command: DEPLOY, 'cluster-name': name },
    })),
  ),
  ...[
    'http://login.example.com',
    'https://login.example.com\n',
    'login.example.com',
    'https://u:p@login.example.com',
  ].map((host) =>
    refused('Azure identifier', `authority-host: ${JSON.stringify(host)}`, 'authority-host', () => ({
      inputs: { command: DEPLOY, 'authority-host': host },
    })),
  ),
  ...['http://management.example.com', 'management.example.com'].map((url) =>
    refused(
      'Azure identifier',
      `resource-manager-endpoint: ${JSON.stringify(url)}`,
      'resource-manager-endpoint',
      () => ({
        inputs: { command: DEPLOY, 'resource-manager-endpoint': url },
      }),
    ),
  ),
];

// ---- Chart names, repositories and versions -----------------------------------------------------------------------

const chartSourceCases: HostileCase[] = [
  ...[
    ['portkey-ai/gateway', 'chart'],
    ['gateway --set x=y', 'chart'],
  ].map(([chart, input]) =>
    refused('chart source', `chart: ${JSON.stringify(chart)}`, input, () => ({ inputs: { command: DEPLOY, chart } })),
  ),
  ...[
    'http://charts.example.com',
    'ftp://charts.example.com',
    'file:///etc',
    'https://u:p@charts.example.com',
    'charts.example.com',
    'https://charts.example.com\n--insecure-skip-tls-verify',
  ].map((repository) =>
    refused('chart source', `chart-repository: ${JSON.stringify(repository)}`, 'chart-repository', () => ({
      inputs: { command: DEPLOY, chart: 'gateway', 'chart-repository': repository },
    })),
  ),
  ...['>=1.0.0', '*', '--devel', '1.7.7 --post-renderer /bin/sh', 'latest', '1.7.7\n--devel'].map((version) =>
    refused('chart source', `chart-version: ${JSON.stringify(version)}`, 'chart-version', () => ({
      inputs: {
        command: DEPLOY,
        chart: 'gateway',
        'chart-repository': 'https://charts.example.com',
        'chart-version': version,
      },
    })),
  ),
  ...['--debug', '-n', 'portkey --set x=y'].map((name) =>
    refused('chart source', `release-name: ${JSON.stringify(name)}`, 'release-name', () => ({
      inputs: { command: DEPLOY, 'release-name': name },
    })),
  ),
  ...['--kubeconfig=/etc/passwd', 'kube-system/..', '-A'].map((namespace) =>
    refused('chart source', `namespace: ${JSON.stringify(namespace)}`, 'namespace', () => ({
      inputs: { command: DEPLOY, namespace },
    })),
  ),
  ...['http://get.example.com/helm', 'file:///tmp/helm', 'https://u:p@get.example.com'].map((url) =>
    refused('chart source', `helm-download-url: ${JSON.stringify(url)}`, 'helm-download-url', () => ({
      inputs: { command: DEPLOY, 'helm-download-url': url },
    })),
  ),
];

// ---- Line breaks inside single-line secrets ---------------------------------------------------------------------

const SINGLE_LINE_SECRETS = [
  'portkey-client-auth',
  'registry-password',
  'registry-username',
  'redis-password',
  'azure-storage-key',
  'smoke-test-provider-key',
  'smoke-test-portkey-api-key',
  'github-token',
];

const crlfCases: HostileCase[] = SINGLE_LINE_SECRETS.flatMap((input) =>
  [
    ['LF', 's3cr3t-value\nX-Injected: yes'],
    ['CR', 's3cr3t-value\rX-Injected: yes'],
  ].map(([kind, value]) =>
    refused('CR/LF in a secret', `${input} with a ${kind}`, input, () => ({
      inputs: {
        command: DEPLOY,
        ...(input === 'redis-password' && { cache: 'external', 'redis-url': 'rediss://redis.example.com:6380' }),
        ...(input === 'azure-storage-key' && {
          'log-store': 'azure',
          'azure-storage-account': 'acct',
          'azure-storage-container': 'logs',
          'azure-storage-auth-mode': 'key',
        }),
        ...(input === 'smoke-test-portkey-api-key' && { 'smoke-test-chat-model': 'gpt-4o-mini' }),
        [input]: value,
      },
    })),
  ),
);

// ---- Values and set lines held to the named inputs' rules ---------------------------------------------------------

const valuesBypass: HostileCase[] = [
  [
    'replicaCount -1 in a values file',
    'values-files',
    { 'values-files': 'v.yaml' },
    { 'v.yaml': 'replicaCount: -1\n' },
  ],
  ['service.port 70000 in a set line', 'set', { set: 'service.port=70000' }, {}],
  ['an image tag with a space in values', 'values', { values: 'images: {gatewayImage: {tag: "2.13 beta"}}' }, {}],
  [
    'an image tag with a line break in a set line',
    'set',
    { set: 'images.gatewayImage.tag:json="2.13\\n::warning::x"' },
    {},
  ],
  [
    'PORTKEY_CLIENT_AUTH with a line break in values',
    'values',
    {
      'portkey-client-auth': '',
      env: 'X=1',
      values: 'environment: {data: {PORTKEY_CLIENT_AUTH: "pk\\nX-Injected: 1"}}',
    },
    {},
  ],
  ['a service type that is not one, in values', 'values', { values: 'service: {type: External}' }, {}],
  [
    'an ingress host given as a URL in a values file',
    'values-files',
    { 'ingress-class': 'nginx', 'values-files': 'v.yaml' },
    { 'v.yaml': 'ingress: {hostname: "https://gw.example.com/x"}\n' },
  ],
].map(([what, input, inputs, files]) =>
  refused('values bypassing input checks', what as string, input as string, () => ({
    inputs: { command: DEPLOY, ...(inputs as Inputs) },
    files: files as Files,
  })),
);

// ---- The job's environment ------------------------------------------------------------------------------------

const ignored = (what: string, make: (c: CorpusContext) => HostileRun): HostileCase => ({
  category: "the job's environment",
  what,
  outcome: 'ignored',
  make,
});

/** A run the planted things could subvert: a plan signs in, installs and runs helm and kubectl, and writes a file. */
const PLAN = { command: 'plan' };

const environmentCases: HostileCase[] = [
  ignored('AZURE_AUTHORITY_HOST pointing at another host', (c) => ({
    inputs: PLAN,
    env: { AZURE_AUTHORITY_HOST: c.trapUrl },
  })),
  ignored('AZURE_REGIONAL_AUTHORITY_NAME, AZURE_LOG_LEVEL and the managed identity endpoints', (c) => ({
    inputs: PLAN,
    env: {
      AZURE_REGIONAL_AUTHORITY_NAME: 'westeurope',
      AZURE_LOG_LEVEL: 'verbose',
      IDENTITY_ENDPOINT: c.trapUrl,
      IDENTITY_HEADER: 'x',
      MSI_ENDPOINT: c.trapUrl,
      AZURE_POD_IDENTITY_AUTHORITY_HOST: c.trapUrl,
    },
  })),
  ignored('AZURE_FEDERATED_TOKEN_FILE and AZURE_CLIENT_ID with sign-in: github-oidc', (c) => ({
    inputs: PLAN,
    env: {
      AZURE_FEDERATED_TOKEN_FILE: `${c.outside}/secret.txt`,
      AZURE_CLIENT_ID: '99999999-2222-3333-4444-555555555555',
    },
  })),
  ignored('a tar, gzip, gunzip, unzip and gpgv planted on PATH', () => ({ inputs: PLAN, plantPath: true })),
  ignored('HELM_* and KUBECONFIG of the job pointing elsewhere', (c) => ({
    inputs: PLAN,
    env: {
      HELM_KUBEAPISERVER: c.trapUrl,
      HELM_KUBETOKEN: 'planted-token',
      HELM_NAMESPACE: 'elsewhere',
      HELM_DRIVER: 'configmap',
      HELM_POST_RENDERER: c.trap,
      HELM_PLUGINS: c.outside,
      KUBECONFIG: `${c.outside}/kubeconfig`,
      KUBECACHEDIR: c.outside,
    },
  })),
  ignored('a HOME whose ~/.kube/config runs a program against another server', (c) => ({
    inputs: PLAN,
    env: { HOME: c.plantedHome },
  })),
  ignored('links planted in RUNNER_TEMP at the names a plan file or values file might take', () => ({
    inputs: { ...PLAN },
    runnerTemp: true,
  })),
];

export const hostileCorpus: HostileCase[] = [
  ...fileInputCases('values-files', 'render'),
  ...fileInputCases('values-files', DEPLOY),
  ...fileInputCases('kubeconfig', DEPLOY),
  ...oversize,
  ...chartCases,
  ...kubeconfigCases,
  ...smuggledCases,
  ...smuggledNames,
  ...smokeCases,
  ...identifierCases,
  ...chartSourceCases,
  ...crlfCases,
  ...valuesBypass,
  ...environmentCases,
];
