// A stand-in for Microsoft Entra ID's token endpoint, enough for @azure/identity's ClientAssertionCredential
// (which MSAL drives with two requests: the tenant's OpenID configuration, then the token POST).
// It does what Entra does with workload identity federation: the client assertion (the GitHub OIDC token) must be
// signed by a trusted issuer, unexpired, and match a federated credential (issuer, subject, audience) registered on
// the app; otherwise it answers with Entra's own error shape (400, `AADSTS…` codes). Access tokens it issues are
// HMAC-signed JWTs that the ARM and Kubernetes stand-ins check through `isValidToken`.
import { createHmac, createVerify, randomBytes, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './tls.js';

/** The AKS Entra server application: the same id in every cloud. */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
export const DEFAULT_FEDERATION_AUDIENCE = 'api://AzureADTokenExchange';

export interface FederatedCredential {
  issuer: string;
  subject: string;
  /** Defaults to api://AzureADTokenExchange. */
  audience?: string;
}

export interface EntraApp {
  tenantId: string;
  clientId: string;
  federatedCredentials: FederatedCredential[];
}

export interface TrustedIssuer {
  issuer: string;
  publicKey: KeyObject;
}

export interface EntraOptions {
  tls: Pick<TestCertificate, 'cert' | 'key'>;
  /** OIDC issuers whose tokens Entra can verify (the GitHub OIDC stand-in fits this shape). */
  trust: TrustedIssuer[];
  apps: EntraApp[];
  /** Resources tokens can be issued for, besides the AKS server app; e.g. the ARM stand-in's URL. */
  resources: string[];
  /** Lifetime of issued access tokens; real ones last about an hour. */
  accessTokenLifetimeSeconds?: number;
  /**
   * Also answer a real kube-apiserver's TokenReview webhook (POST /tokenreview), the way AKS checks Entra tokens of
   * an Entra ID cluster, on this fixed port (the apiserver's webhook config names it before the apiserver starts).
   * Tokens for the AKS server app that are valid here authenticate as their app id, in `groups`.
   */
  tokenReview?: { port: number; groups: string[] };
}

export interface TokenRequestRecord {
  tenantId: string;
  clientId: string;
  scope: string;
  assertionClaims?: Record<string, unknown>;
  status: number;
  errorCode?: string;
}

export interface Entra {
  url: string;
  requests: { method: string; path: string }[];
  tokenRequests: TokenRequestRecord[];
  /** Access tokens issued so far, newest last. */
  issued: { audience: string; token: string; expiresOn: number }[];
  /** True when `token` was issued here, has not expired and is for `audience`. */
  isValidToken(token: string, audience: string): boolean;
  /** Each TokenReview the apiserver sent, and whether the token was accepted. */
  tokenReviews: { authenticated: boolean; at: number }[];
  /** Make every token request fail with this AADSTS code (e.g. 'AADSTS700024'); `undefined` stops refusing. */
  refuse(code: string | undefined): void;
  /**
   * Make every token request fail on Entra's side: `status` (500, 503…) with Entra's own error body (AADSTS90033, a
   * trace id), or with `html` a proxy's HTML page; `undefined` stops.
   */
  failOnServer(failure: { status: number; html?: boolean } | undefined): void;
  close(): Promise<void>;
}

interface Refusal {
  status: number;
  error: string;
  code: string;
  description: string;
}

const DESCRIPTIONS: Record<string, string> = {
  AADSTS70021: 'No matching federated identity record found for presented assertion.',
  AADSTS700016:
    'Application with identifier was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.',
  AADSTS700024: 'Client assertion is not within its valid time range.',
  AADSTS90002: 'Tenant not found.',
};

const trimSlash = (value: string) => value.replace(/\/+$/, '');

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

export async function startEntra(options: EntraOptions): Promise<Entra> {
  const lifetimeSeconds = options.accessTokenLifetimeSeconds ?? 3600;
  const secret = randomBytes(32);
  const requests: Entra['requests'] = [];
  const tokenRequests: TokenRequestRecord[] = [];
  const issued: Entra['issued'] = [];
  const resources = [...options.resources.map(trimSlash), AKS_SERVER_APP_ID];
  let refusedCode: string | undefined;
  let serverFailure: { status: number; html?: boolean } | undefined;
  let url = '';

  const hmac = (input: string) => createHmac('sha256', secret).update(input).digest('base64url');

  function issueAccessToken(tenantId: string, clientId: string, audience: string) {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({
        aud: audience,
        iss: `https://sts.windows.net/${tenantId}/`,
        appid: clientId,
        tid: tenantId,
        oid: randomUUID(),
        iat: now,
        nbf: now,
        exp: now + lifetimeSeconds,
      }),
    ).toString('base64url');
    const token = `${header}.${claims}.${hmac(`${header}.${claims}`)}`;
    issued.push({ audience, token, expiresOn: (now + lifetimeSeconds) * 1000 });
    return token;
  }

  function isValidToken(token: string, audience: string): boolean {
    const [header, claims, signature] = token.split('.');
    if (!header || !claims || !signature) return false;
    const expected = Buffer.from(hmac(`${header}.${claims}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    const payload = decodePart(claims);
    return (
      typeof payload?.exp === 'number' &&
      payload.exp * 1000 > Date.now() &&
      trimSlash(String(payload.aud)) === trimSlash(audience)
    );
  }

  const refusal = (code: string, error: string, description: string, status = 400): Refusal => ({
    status,
    error,
    code,
    description,
  });

  /** Entra's checks on a federated client assertion, in the order it reports them. */
  function checkAssertion(app: EntraApp, assertion: string): Refusal | Record<string, unknown> {
    const [header, body, signature] = assertion.split('.');
    const claims = decodePart(body);
    if (!header || !claims || !signature) {
      return refusal('AADSTS50027', 'invalid_request', 'JWT token is invalid or malformed.');
    }
    const iss = String(claims.iss);
    const sub = String(claims.sub);
    const aud = String(claims.aud);
    const trusted = options.trust.find((t) => t.issuer === iss);
    if (!trusted || !app.federatedCredentials.some((c) => c.issuer === iss)) {
      return refusal(
        'AADSTS700211',
        'invalid_client',
        `No matching federated identity record found for presented assertion issuer '${iss}'.`,
      );
    }
    const verified = createVerify('RSA-SHA256')
      .update(`${header}.${body}`)
      .verify(trusted.publicKey, Buffer.from(signature, 'base64url'));
    if (!verified) {
      return refusal('AADSTS50013', 'invalid_client', 'Assertion failed signature validation.');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) {
      return refusal(
        'AADSTS700024',
        'invalid_client',
        `Client assertion is not within its valid time range. Current time: ${new Date(now * 1000).toISOString()}, expiry time of assertion ${new Date(Number(claims.exp) * 1000).toISOString()}.`,
      );
    }
    const forIssuer = app.federatedCredentials.filter((c) => c.issuer === iss);
    if (!forIssuer.some((c) => (c.audience ?? DEFAULT_FEDERATION_AUDIENCE) === aud)) {
      return refusal(
        'AADSTS700212',
        'invalid_client',
        `No matching federated identity record found for presented assertion audience '${aud}'.`,
      );
    }
    if (!forIssuer.some((c) => c.subject === sub)) {
      return refusal(
        'AADSTS70021',
        'invalid_request',
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${aud}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
      );
    }
    return claims;
  }

  function errorBody(refused: Refusal) {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    return {
      error: refused.error,
      error_description: `${refused.code}: ${refused.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [Number(refused.code.slice('AADSTS'.length))],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${url}/error?code=${refused.code.slice('AADSTS'.length)}`,
    };
  }

  function tokenResponse(tenantId: string, form: URLSearchParams): { status: number; body: object } {
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    const record: TokenRequestRecord = { tenantId, clientId, scope, status: 200 };
    tokenRequests.push(record);
    const fail = (refused: Refusal) => {
      record.status = refused.status;
      record.errorCode = refused.code;
      return { status: refused.status, body: errorBody(refused) };
    };
    if (refusedCode) {
      return fail(refusal(refusedCode, 'invalid_client', DESCRIPTIONS[refusedCode] ?? 'Refused by the test.'));
    }
    if (!options.apps.some((a) => a.tenantId === tenantId)) {
      return fail(refusal('AADSTS90002', 'invalid_tenant', `Tenant '${tenantId}' not found.`));
    }
    const app = options.apps.find((a) => a.tenantId === tenantId && a.clientId === clientId);
    if (!app) {
      return fail(
        refusal(
          'AADSTS700016',
          'unauthorized_client',
          `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        ),
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return fail(refusal('AADSTS70003', 'unsupported_grant_type', 'The app requested an unsupported grant type.'));
    }
    const checked = checkAssertion(app, form.get('client_assertion') ?? '');
    if ('code' in checked && 'status' in checked) return fail(checked as Refusal);
    record.assertionClaims = checked;
    const resource = scope.split(' ').find((s) => s.endsWith('/.default'));
    const audience = resource && trimSlash(resource.slice(0, -'/.default'.length));
    if (!audience || !resources.includes(audience)) {
      return fail(
        refusal(
          'AADSTS500011',
          'invalid_resource',
          `The resource principal named ${resource ?? scope} was not found in the tenant named ${tenantId}.`,
        ),
      );
    }
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: lifetimeSeconds,
        ext_expires_in: lifetimeSeconds,
        access_token: issueAccessToken(tenantId, clientId, audience),
      },
    };
  }

  function openIdConfiguration(tenantId: string) {
    const base = `${url}/${tenantId}`;
    return {
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'EU',
      cloud_instance_name: new URL(url).host,
    };
  }

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'https://localhost').pathname;
    requests.push({ method: req.method ?? '', path });
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (req.method === 'GET' && discovery) return reply(200, openIdConfiguration(discovery[1]));
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && token && serverFailure) {
      tokenRequests.push({ tenantId: token[1], clientId: '', scope: '', status: serverFailure.status });
      if (serverFailure.html) {
        res.writeHead(serverFailure.status, { 'content-type': 'text/html' });
        return res.end(`<html><body><h1>${serverFailure.status} Service Unavailable</h1></body></html>`);
      }
      const refused = refusal(
        'AADSTS90033',
        'temporarily_unavailable',
        'A transient error has occurred. Please try again.',
        serverFailure.status,
      );
      return reply(serverFailure.status, errorBody(refused));
    }
    if (req.method === 'POST' && token) {
      const result = tokenResponse(token[1], new URLSearchParams(await readBody(req)));
      return reply(result.status, result.body);
    }
    reply(404, { error: 'not_found', error_description: `No such endpoint: ${req.method} ${path}` });
  }

  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    answer(req, res).catch((error: Error) => {
      res.writeHead(500);
      res.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;
  const tokenReviews: Entra['tokenReviews'] = [];
  const reviewer = options.tokenReview && (await startTokenReview(options.tls, options.tokenReview, review));

  /** The apiserver sends TokenReview in the version its webhook config asks for (v1beta1 on v1.20) and wants it back. */
  function review(body: { apiVersion?: string; spec?: { token?: string } }) {
    const token = body.spec?.token ?? '';
    const authenticated = isValidToken(token, AKS_SERVER_APP_ID);
    tokenReviews.push({ authenticated, at: Date.now() });
    const appId = String(decodePart(token.split('.')[1])?.appid ?? '');
    return {
      apiVersion: body.apiVersion ?? 'authentication.k8s.io/v1beta1',
      kind: 'TokenReview',
      status: authenticated
        ? { authenticated, user: { username: appId, uid: appId, groups: options.tokenReview?.groups ?? [] } }
        : { authenticated, error: 'the token is not valid for the AKS server application, or has expired' },
    };
  }

  const stop = (s: ReturnType<typeof createServer>) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return {
    url,
    requests,
    tokenRequests,
    tokenReviews,
    issued,
    isValidToken,
    refuse(code) {
      refusedCode = code;
    },
    failOnServer(failure) {
      serverFailure = failure;
    },
    close: async () => {
      await stop(server);
      if (reviewer) await stop(reviewer);
    },
  };
}

async function startTokenReview(
  tls: EntraOptions['tls'],
  { port }: { port: number },
  review: (body: { apiVersion?: string; spec?: { token?: string } }) => object,
) {
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    readBody(req).then((body) => {
      let parsed: { apiVersion?: string; spec?: { token?: string } } = {};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        // An unreadable review authenticates nobody.
      }
      res.writeHead(req.method === 'POST' ? 200 : 405, { 'content-type': 'application/json' });
      res.end(JSON.stringify(review(parsed)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
