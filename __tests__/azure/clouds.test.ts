import { describe, expect, it } from '@jest/globals';
import { cloudEndpoints } from '../../src/azure/clouds.js';
import type { AzureConfig } from '../../src/inputs/config.js';

const azure = (changes: Partial<AzureConfig> = {}): AzureConfig => ({
  signIn: 'github-oidc',
  clientId: 'c',
  tenantId: 't',
  subscriptionId: 's',
  cloud: 'AzureCloud',
  authorityHost: '',
  resourceManagerEndpoint: '',
  oidcAudience: '',
  ...changes,
});

describe('cloudEndpoints', () => {
  it.each<[AzureConfig['cloud'], string, string, string]>([
    ['AzureCloud', 'https://login.microsoftonline.com', 'https://management.azure.com', 'api://AzureADTokenExchange'],
    [
      'AzureUSGovernment',
      'https://login.microsoftonline.us',
      'https://management.usgovcloudapi.net',
      'api://AzureADTokenExchangeUSGov',
    ],
    [
      'AzureChinaCloud',
      'https://login.chinacloudapi.cn',
      'https://management.chinacloudapi.cn',
      'api://AzureADTokenExchangeChina',
    ],
  ])('%s uses its own authority, Resource Manager and audience', (cloud, authority, arm, audience) => {
    expect(cloudEndpoints(azure({ cloud }))).toEqual({
      authorityHost: authority,
      resourceManager: arm,
      oidcAudience: audience,
      armScope: `${arm}/.default`,
      disableInstanceDiscovery: false,
    });
  });

  it('lets each input override its endpoint, and a custom authority disables instance discovery', () => {
    const endpoints = cloudEndpoints(
      azure({
        cloud: 'AzureUSGovernment',
        authorityHost: 'https://login.proxy.example/ ',
        resourceManagerEndpoint: 'https://arm.proxy.example/',
        oidcAudience: 'api://Custom',
      }),
    );
    expect(endpoints).toEqual({
      authorityHost: 'https://login.proxy.example',
      resourceManager: 'https://arm.proxy.example',
      oidcAudience: 'api://Custom',
      armScope: 'https://arm.proxy.example/.default',
      disableInstanceDiscovery: true,
    });
  });

  it('takes AZURE_AUTHORITY_HOST from workload identity unless authority-host is set', () => {
    expect(cloudEndpoints(azure(), 'https://login.microsoftonline.com/').authorityHost).toBe(
      'https://login.microsoftonline.com',
    );
    expect(cloudEndpoints(azure(), 'https://login.microsoftonline.com/').disableInstanceDiscovery).toBe(false);
    expect(cloudEndpoints(azure({ authorityHost: 'https://a.example' }), 'https://b.example').authorityHost).toBe(
      'https://a.example',
    );
  });
});
