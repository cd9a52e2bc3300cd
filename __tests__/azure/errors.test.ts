import { describe, expect, it } from '@jest/globals';
import { explainArmFailure, parseArmError } from '../../src/azure/arm-errors.js';
import { explainSignInFailure, parseEntraError, type SignInContext } from '../../src/azure/entra-errors.js';

const context: SignInContext = {
  clientId: '11111111-1111-1111-1111-111111111111',
  tenantId: '22222222-2222-2222-2222-222222222222',
  source: 'github',
  authorityHost: 'https://login.microsoftonline.com',
  scope: 'https://management.azure.com/.default',
  claims: {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:octo-org/infra:environment:prod',
    aud: 'api://AzureADTokenExchange',
    job_workflow_ref: 'octo-org/infra/.github/workflows/deploy.yml@refs/heads/main',
  },
};

const identityMessage = (code: string, sentence: string) =>
  `invalid_request(status code 400).\nMore details:\n${code}: ${sentence} Trace ID: 0f0f Correlation ID: 1e1e Timestamp: 2026-11-22 10:00:00Z`;

describe('Entra ID refusals', () => {
  it('reads the code and sentence, dropping trace ids', () => {
    expect(parseEntraError(identityMessage('AADSTS700016', 'Application was not found.'))).toEqual({
      code: '700016',
      description: 'Application was not found.',
    });
    expect(parseEntraError('connect ECONNREFUSED')).toBeUndefined();
  });

  it.each(['AADSTS70021', 'AADSTS700213', 'AADSTS7002138'])(
    '%s prints the claims and the exact federated credential to add',
    (code) => {
      const error = explainSignInFailure(
        identityMessage(code, 'No matching federated identity record found.'),
        context,
      );
      expect(error.message).toContain(code);
      expect(error.details.input).toBe('client-id');
      expect(error.details.hint).toContain(
        'issuer "https://token.actions.githubusercontent.com", subject "repo:octo-org/infra:environment:prod" and audience "api://AzureADTokenExchange"',
      );
      expect(error.details.diagnosis).toContain('job_workflow_ref: octo-org/infra/.github/workflows/deploy.yml');
    },
  );

  it('points at oidc-audience when only the audience differs (AADSTS700212)', () => {
    const error = explainSignInFailure(identityMessage('AADSTS700212', 'No matching audience.'), context);
    expect(error.details.hint).toContain('`oidc-audience`');
  });

  it('names client-id and tenant-id for an unknown application (AADSTS700016)', () => {
    const error = explainSignInFailure(identityMessage('AADSTS700016', 'Application not found.'), context);
    expect(error.details.input).toBe('client-id');
    expect(error.details.hint).toContain(context.clientId);
    expect(error.details.hint).toContain(context.tenantId);
    expect(error.details.hint).toContain('`tenant-id`');
  });

  it('names tenant-id for an unknown tenant (AADSTS90002)', () => {
    expect(explainSignInFailure(identityMessage('AADSTS90002', 'Tenant not found.'), context).details.input).toBe(
      'tenant-id',
    );
  });

  it('explains an expired assertion for each source (AADSTS700024)', () => {
    const message = identityMessage('AADSTS700024', 'Client assertion is not within its valid time range.');
    expect(explainSignInFailure(message, context).details.hint).toContain('GitHub OIDC token had expired');
    expect(explainSignInFailure(message, { ...context, source: 'workload' }).details.hint).toContain(
      'AZURE_FEDERATED_TOKEN_FILE',
    );
  });

  it('tells a missing Resource Manager resource from a missing cluster server application (AADSTS500011)', () => {
    const message = identityMessage('AADSTS500011', 'The resource principal was not found.');
    expect(explainSignInFailure(message, context).details.input).toBe('resource-manager-endpoint');
    const cluster = explainSignInFailure(message, {
      ...context,
      scope: '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
    });
    expect(cluster.details.input).toBeUndefined();
    expect(cluster.details.hint).toContain('Entra server application');
  });

  it.each([500, 503, 429])("says HTTP %i is on Entra's side, with its code and trace id, naming no input", (status) => {
    const message = `temporarily_unavailable: Error(s): 90033 - Description: AADSTS90033: A transient error has occurred. Trace ID: 55f538c5-d99a-470d-a593-3502e3bccca9 Correlation ID: 8c44ebc1-ce16-44dd-b051-f227697e6b0e Timestamp: 2026-12-07 17:21:18Z`;
    const error = explainSignInFailure(message, { ...context, status });
    expect(error.message).toBe(
      `Entra ID failed on its side (HTTP ${status}, AADSTS90033): A transient error has occurred. (trace ID 55f538c5-d99a-470d-a593-3502e3bccca9, correlation ID 8c44ebc1-ce16-44dd-b051-f227697e6b0e)`,
    );
    expect(error.details.input).toBeUndefined();
    expect(error.details.hint).toContain('Re-run the job in a few minutes');
  });

  it('says so too when a gateway answered for Entra without an AADSTS code', () => {
    const error = explainSignInFailure('server_error: A server error occured.\nHttp status code: 502', {
      ...context,
      status: 502,
    });
    expect(error.message).toBe(
      'Entra ID failed on its side (HTTP 502 from https://login.microsoftonline.com, without an Entra error code: a gateway or proxy in front of it may have answered).',
    );
  });

  it('blames the authority host when Entra cannot be reached at all', () => {
    const error = explainSignInFailure('getaddrinfo ENOTFOUND login.example\nstack', context);
    expect(error.details.input).toBe('authority-host');
    expect(error.message).toContain('getaddrinfo ENOTFOUND login.example');
    expect(error.message).not.toContain('stack');
  });
});

describe('Resource Manager refusals', () => {
  const cluster = { subscriptionId: 'sub-1', resourceGroup: 'rg-1', clusterName: 'aks-1', admin: false };
  const body = (code: string, message: string) => JSON.stringify({ error: { code, message } });

  it('reads ARM errors and keeps non-JSON bodies readable', () => {
    expect(parseArmError(body('X', 'y'))).toEqual({ code: 'X', message: 'y' });
    expect(parseArmError('<html>bad gateway</html>')).toEqual({ code: '', message: '<html>bad gateway</html>' });
  });

  it('names the missing role on 403, user or admin', () => {
    const user = explainArmFailure(403, body('AuthorizationFailed', 'no'), cluster, 'client-1');
    expect(user.details.hint).toContain('"Azure Kubernetes Service Cluster User Role"');
    expect(user.details.hint).toContain('--assignee client-1');
    expect(user.details.hint).toContain('/subscriptions/sub-1/resourceGroups/rg-1/');
    const admin = explainArmFailure(403, body('AuthorizationFailed', 'no'), { ...cluster, admin: true }, 'client-1');
    expect(admin.details.hint).toContain('"Azure Kubernetes Service Cluster Admin Role"');
  });

  it.each([
    ['SubscriptionNotFound', 'subscription-id'],
    ['ResourceGroupNotFound', 'resource-group'],
    ['ResourceNotFound', 'cluster-name'],
  ])('maps 404 %s to the %s input', (code, input) => {
    const error = explainArmFailure(404, body(code, 'not found'), cluster, 'client-1');
    expect(error.details.input).toBe(input);
    expect(error.message).toContain(`HTTP 404 ${code}`);
  });

  it('suggests admin: false when local accounts are disabled', () => {
    const message = 'Getting static credential is not allowed because this cluster is set to disable local accounts.';
    const error = explainArmFailure(400, body('BadRequest', message), { ...cluster, admin: true }, 'c');
    expect(error.details.input).toBe('admin');
    expect(error.details.hint).toContain('`admin: false`');
  });

  it('blames the cloud endpoints on 401', () => {
    expect(explainArmFailure(401, body('InvalidAuthenticationToken', 'bad'), cluster, 'c').details.input).toBe(
      'resource-manager-endpoint',
    );
  });
});
