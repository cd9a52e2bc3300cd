// What run-tier.ts leaves for the tier's test files: a test CA the apiserver's TokenReview webhook trusts, the
// webhook's port, and the webhook config itself. Passed to jest through one environment variable.
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { PodNetwork } from '../../sandbox/gateway.js';
import { createTestCertificate } from '../../sandbox/tls.js';

const TIER_ENV = 'PORTKEY_REAL_CLUSTER_TIER';
/** The Entra group the TokenReview answers carry, bound to cluster-admin by the global setup (AKS's admin group). */
export const ENTRA_ADMIN_GROUP = 'portkey-deployers';

/**
 * The tier's pod network: a network namespace run-tier.ts makes with ../shared/real-cluster/netns.sh. Every pod the
 * node agent runs gets its IP, and the sandbox's gateway listens there, so the API server's service proxy (which
 * refuses loopback endpoints) reaches the real gateway. Overridable so two tiers can run side by side.
 */
export const TIER_POD_NETWORK: PodNetwork = {
  name: process.env.PORTKEY_NETNS ?? 'pk-pods',
  hostIp: process.env.PORTKEY_NETNS_HOST_IP ?? '10.250.0.1',
  podIp: process.env.PORTKEY_NETNS_POD_IP ?? '10.250.0.2',
};

export interface TierFiles {
  dir: string;
  certFile: string;
  keyFile: string;
  tokenReviewPort: number;
  webhookConfig: string;
}

/** Writes the tier's test CA and the apiserver's webhook config; the global setup calls it once. */
export function prepareTierFiles(tokenReviewPort: number): TierFiles {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'real-cluster-tier-'));
  const certificate = createTestCertificate();
  const files: TierFiles = {
    dir,
    certFile: path.join(dir, 'cert.pem'),
    keyFile: path.join(dir, 'key.pem'),
    tokenReviewPort,
    webhookConfig: path.join(dir, 'authn-webhook.kubeconfig'),
  };
  writeFileSync(files.certFile, certificate.cert);
  writeFileSync(files.keyFile, certificate.key, { mode: 0o600 });
  certificate.dispose();
  writeFileSync(
    files.webhookConfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'entra',
          cluster: {
            server: `https://127.0.0.1:${tokenReviewPort}/tokenreview`,
            'certificate-authority': files.certFile,
          },
        },
      ],
      users: [{ name: 'kube-apiserver', user: {} }],
      contexts: [{ name: 'webhook', context: { cluster: 'entra', user: 'kube-apiserver' } }],
      'current-context': 'webhook',
    }),
  );
  process.env[TIER_ENV] = JSON.stringify(files);
  return files;
}

export function tierFiles(): TierFiles {
  const raw = process.env[TIER_ENV];
  if (!raw) throw new Error(`${TIER_ENV} is not set: run this tier with \`npm run test:real-cluster\`.`);
  return JSON.parse(raw) as TierFiles;
}
