// One vocabulary for values keys, environment variables, command-line flags, kubeconfig fields and parameters.
import { describe, expect, it } from '@jest/globals';
import { carriesSecret, embeddedSecrets, isSecretName, isSecretParameter } from '../../src/secrets/index.js';

describe('isSecretName', () => {
  it.each([
    // values keys and environment variables
    ['dbPassword', true],
    ['MY_PWD', true],
    ['LOG_STORE_SECRET_KEY', true],
    ['MONGO_DB_CONNECTION_URL', true],
    ['apiKey', true],
    ['secretName', false],
    ['passwordFile', false],
    ['TOKEN_TTL', false],
    ['AZURE_AUTH_MODE', false],
    ['existingSecret', false],
    // Kubernetes' label-naming fields (topologySpreadConstraints, affinity terms)
    ['topologyKey', false],
    ['matchLabelKeys', false],
    ['TOPOLOGY_KEY', true],
    ['key', false],
    ['MAX_TOKENS', false],
    // command-line flags of a credential program
    ['--client-secret', true],
    ['--token', true],
    ['--password-stdin', true],
    ['--server-id', false],
    ['--token-file', false],
    // kubeconfig user fields and auth-provider settings
    ['token', true],
    ['client-key-data', true],
    ['access-token', true],
    ['refresh-token', true],
    ['client-certificate-data', false],
    ['tokenFile', false],
    ['apiserver-id', false],
  ])('%s: %s', (name, secret) => expect(isSecretName(name)).toBe(secret));
});

describe('isSecretParameter', () => {
  it.each([
    ['sig', true],
    ['X-Amz-Signature', true],
    ['key', true],
    ['AccountKey', true],
    ['accountkey', true],
    ['SharedAccessKey', true],
    ['SharedAccessKeyName', false],
    ['access_token', true],
    ['Password', true],
    ['sv', false],
    ['User Id', false],
  ])('%s: %s', (name, secret) => expect(isSecretParameter(name)).toBe(secret));
});

describe('embeddedSecrets', () => {
  it.each([
    ['Server=db;User Id=sa;Password=sql-pw;', ['sql-pw']],
    ['Endpoint=sb://x/;SharedAccessKeyName=Root;SharedAccessKey=k3y=', ['k3y=']],
    ['https://a.blob.core.windows.net/c?sv=2024&sig=s%2Fig', ['s%2Fig']],
    ['https://api.example/v1?api_key=ak-1&page=2', ['ak-1']],
    ['rediss://:p%40ss@cache:6380', ['p%40ss', 'p@ss']],
    ['https://example.com/path?page=2', []],
    ['mode=fast', []],
  ])('%s carries %j', (value, secrets) => {
    expect(embeddedSecrets(value)).toEqual(secrets);
    expect(carriesSecret(value)).toBe(secrets.length > 0);
  });

  it('knows a private key by its shape', () => {
    expect(carriesSecret('-----BEGIN RSA PRIVATE KEY-----\nMIIE...')).toBe(true);
  });
});
