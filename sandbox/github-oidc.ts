// A stand-in for GitHub's OIDC token service, the one `core.getIDToken()` calls when a workflow has
// `permissions: id-token: write`. The runner gives the job ACTIONS_ID_TOKEN_REQUEST_URL (it already holds a `?`,
// the toolkit appends `&audience=...`) and ACTIONS_ID_TOKEN_REQUEST_TOKEN (sent as a bearer token). The answer is
// `{"value": "<jwt>"}`: an RS256 token whose claims are what Entra matches against a federated credential.
import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './tls.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface GitHubOidcOptions {
  tls: Pick<TestCertificate, 'cert' | 'key'>;
  /** `sub` claim; defaults to a push on main. */
  subject?: string;
  /** `iss` claim; defaults to GitHub's real issuer. */
  issuer?: string;
  /** How long each token lives; GitHub's live minutes, tests use seconds to prove re-minting. */
  lifetimeSeconds?: number;
  repository?: string;
}

export interface IssuedToken {
  audience: string;
  claims: Record<string, unknown>;
  token: string;
}

export interface GitHubOidc {
  url: string;
  /** What the runner puts in ACTIONS_ID_TOKEN_REQUEST_URL. */
  requestUrl: string;
  requestToken: string;
  /** Both variables, ready to spread into a child's env. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  publicKey: KeyObject;
  /** The key id in each token's header. */
  keyId: string;
  issuer: string;
  requests: { method: string; url: string; authorization: string }[];
  issued: IssuedToken[];
  /** A token signed like the others, without an HTTP round trip (e.g. the file a workload identity reads). */
  issueToken(audience?: string): string;
  /** Changes the `sub` of tokens issued from now on (another branch, an environment, a pull request). */
  setSubject(subject: string): void;
  close(): Promise<void>;
}

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');

export async function startGitHubOidc(options: GitHubOidcOptions): Promise<GitHubOidc> {
  const repository = options.repository ?? 'octo-org/portkey-infra';
  const issuer = options.issuer ?? GITHUB_ISSUER;
  const lifetimeSeconds = options.lifetimeSeconds ?? 300;
  let subject = options.subject ?? `repo:${repository}:ref:refs/heads/main`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomBytes(8).toString('hex');
  const requestToken = randomBytes(24).toString('hex');
  const requests: GitHubOidc['requests'] = [];
  const issued: IssuedToken[] = [];

  function mint(audience: string): string {
    const now = Math.floor(Date.now() / 1000);
    // A job that names a GitHub environment gets it as a claim, and its subject ends in `:environment:<name>`.
    const environment = /:environment:([^:]+)$/.exec(subject)?.[1];
    const claims = {
      jti: randomUUID(),
      sub: subject,
      aud: audience,
      ref: 'refs/heads/main',
      repository,
      repository_owner: repository.split('/')[0],
      run_id: '1234567890',
      event_name: 'push',
      job_workflow_ref: `${repository}/.github/workflows/deploy.yml@refs/heads/main`,
      runner_environment: 'github-hosted',
      ...(environment && { environment }),
      iss: issuer,
      nbf: now - 5,
      iat: now,
      exp: now + lifetimeSeconds,
    };
    const signingInput = `${encode({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${encode(claims)}`;
    const token = `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
    issued.push({ audience, claims, token });
    return token;
  }

  function answer(req: IncomingMessage, res: ServerResponse) {
    const authorization = req.headers.authorization ?? '';
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization });
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (req.method !== 'GET' || url.pathname !== '/token') return reply(404, { message: 'Not Found' });
    if (authorization !== `Bearer ${requestToken}`) return reply(401, { message: 'Bad credentials' });
    // Without an audience GitHub uses the repository owner's URL.
    const audience = url.searchParams.get('audience') ?? `https://github.com/${repository.split('/')[0]}`;
    reply(200, { count: 1, value: mint(audience) });
  }

  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}`;
  const requestUrl = `${url}/token?api-version=2.0`;
  return {
    url,
    requestUrl,
    requestToken,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    publicKey,
    keyId,
    issuer,
    requests,
    issued,
    issueToken: (audience = 'api://AzureADTokenExchange') => mint(audience),
    setSubject(next) {
      subject = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
