// Entra ID's refusals, translated into what the workflow author should change. Pure: message in, advice out.
import type { JwtClaims } from './github-token.js';
import { ActionError } from '../errors.js';

export interface SignInContext {
  /** Entra's HTTP status, when it answered at all. */
  status?: number;
  clientId: string;
  tenantId: string;
  /** Where the client assertion came from. */
  source: 'github' | 'workload';
  authorityHost: string;
  /** The scope being requested when Entra refused. */
  scope: string;
  /** Claims of the assertion Entra saw; never the token. */
  claims?: JwtClaims;
}

const FEDERATION_MISMATCH = ['70021', '700211', '700212', '700213', '7002138'];

/** The AADSTS code and its sentence, without the trace and correlation ids that follow. */
export function parseEntraError(message: string): { code: string; description: string } | undefined {
  const match = /AADSTS(\d+):\s*([^\r\n]*?)(?:\s*Trace ID:|\r|\n|$)/.exec(message);
  return match ? { code: match[1], description: match[2].trim() } : undefined;
}

function describeClaims(claims: JwtClaims | undefined): string {
  if (!claims) return 'The token presented could not be read.';
  const audience = Array.isArray(claims.aud) ? claims.aud.join(', ') : claims.aud;
  return [
    'The token presented to Entra ID (its claims, not the token):',
    `  issuer:           ${claims.iss ?? '(none)'}`,
    `  subject:          ${claims.sub ?? '(none)'}`,
    `  audience:         ${audience ?? '(none)'}`,
    ...(claims.job_workflow_ref ? [`  job_workflow_ref: ${claims.job_workflow_ref}`] : []),
  ].join('\n');
}

function federationAdvice(code: string, context: SignInContext): ActionError {
  const { claims, clientId } = context;
  const identity = `the app registration or managed identity with client ID ${clientId}`;
  const register =
    `Add a federated credential to ${identity} with issuer "${claims?.iss ?? '?'}", subject ` +
    `"${claims?.sub ?? '?'}" and audience "${claims?.aud ?? '?'}" (Entra matches them exactly, case included)`;
  const hints: Record<string, string> = {
    '700211': `${register}. The issuer differs from every federated credential on it (GitHub Enterprise Cloud with a custom issuer uses its own).`,
    '700212': `${register}, or set the \`oidc-audience\` input to the audience its federated credential expects.`,
  };
  return new ActionError(
    `Azure sign-in refused (AADSTS${code}): no federated credential on ${identity} matches this workflow's ${context.source === 'github' ? 'GitHub OIDC token' : 'workload identity token'}.`,
    {
      input: 'client-id',
      hint:
        hints[code] ??
        `${register}. The subject depends on the trigger: a branch, a tag, an \`environment:\` or a pull request each give a different one.`,
      diagnosis: describeClaims(claims),
    },
  );
}

/** Entra's trace and correlation ids, which Microsoft support asks for. */
function traceIds(message: string): string {
  const trace = /Trace ID: ([0-9a-f-]{36})/i.exec(message)?.[1];
  const correlation = /Correlation ID: ([0-9a-f-]{36})/i.exec(message)?.[1];
  const ids = [trace && `trace ID ${trace}`, correlation && `correlation ID ${correlation}`].filter(Boolean);
  return ids.length > 0 ? ` (${ids.join(', ')})` : '';
}

/** Entra (or a gateway in front of it) failed or throttled: nothing the workflow author's inputs can change. */
function serviceFailure(status: number, message: string, context: SignInContext): ActionError {
  const parsed = parseEntraError(message);
  const said = parsed
    ? `, AADSTS${parsed.code}): ${parsed.description}${traceIds(message)}`
    : ` from ${context.authorityHost}, without an Entra error code: a gateway or proxy in front of it may have answered).`;
  return new ActionError(`Entra ID failed on its side (HTTP ${status}${said}`, {
    hint: `This is not about the sign-in inputs: Entra ID could not issue a token${status === 429 ? ' (it is throttling this identity)' : ''}. Re-run the job in a few minutes; if it keeps failing, check https://azure.status.microsoft, and give Microsoft support the trace ID.`,
  });
}

/** Turns a failed token request into an error that names the input to fix. */
export function explainSignInFailure(message: string, context: SignInContext): ActionError {
  if (context.status !== undefined && (context.status >= 500 || context.status === 429)) {
    return serviceFailure(context.status, message, context);
  }
  const parsed = parseEntraError(message);
  const where = `(client-id ${context.clientId}, tenant-id ${context.tenantId}, authority ${context.authorityHost})`;
  if (!parsed) {
    return new ActionError(`Azure sign-in failed ${where}: ${message.split('\n')[0]}`, {
      input: 'authority-host',
      hint: 'Check that the runner can reach the Entra ID authority host and that `environment` matches your cloud.',
    });
  }
  const { code, description } = parsed;
  const refused = `Azure sign-in refused (AADSTS${code}): ${description}`;
  if (FEDERATION_MISMATCH.includes(code)) return federationAdvice(code, context);
  switch (code) {
    case '700016':
      return new ActionError(refused, {
        input: 'client-id',
        hint: `No application with client ID ${context.clientId} exists in tenant ${context.tenantId}. Check the \`client-id\` and \`tenant-id\` inputs (the app registration's or managed identity's Overview page shows both).`,
      });
    case '90002':
      return new ActionError(refused, {
        input: 'tenant-id',
        hint: `Tenant ${context.tenantId} does not exist in this cloud. Check the \`tenant-id\` input and the \`environment\` input.`,
      });
    case '700024':
      return new ActionError(refused, {
        hint:
          context.source === 'github'
            ? "The GitHub OIDC token had expired when Entra ID received it. Check the runner's clock (self-hosted runners) and re-run the job."
            : 'The workload identity token file holds an expired token; check that the kubelet still rotates AZURE_FEDERATED_TOKEN_FILE.',
        diagnosis: describeClaims(context.claims),
      });
    case '500011':
      // Resource Manager scopes are URLs; a cluster's Entra server application scope is a bare application id.
      return /^https?:\/\//.test(context.scope)
        ? new ActionError(refused, {
            input: 'resource-manager-endpoint',
            hint: `Entra ID does not know the resource behind scope ${context.scope}. Check \`resource-manager-endpoint\` and \`environment\`.`,
          })
        : new ActionError(refused, {
            hint: `Tenant ${context.tenantId} has no service principal for the cluster's Entra server application (scope ${context.scope}). Use \`admin: true\` or pass a \`kubeconfig\`.`,
          });
    default:
      return new ActionError(refused, { hint: `Check the sign-in inputs ${where}.` });
  }
}
