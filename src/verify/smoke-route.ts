// Where the smoke test asks the gateway: at its published address from the runner, or, when the runner cannot reach
// the cluster at all (a private cluster through runCommand), from inside it through the API server's service proxy.
import * as core from '@actions/core';
import type { ClusterSession } from '../cluster/session.js';
import type { SmokeTestConfig } from '../inputs/config.js';
import type { Seams } from '../seams.js';
import type { GatewayAddress } from './address.js';
import { throughServiceProxy } from './service-proxy.js';

export interface SmokeTestRoute {
  config: SmokeTestConfig;
  url: string;
  seams: Seams;
  /** Already in the log; for the summary. */
  warnings: string[];
}

export function smokeTestRoute(
  config: SmokeTestConfig,
  address: Pick<GatewayAddress, 'url' | 'serviceName' | 'inClusterUrl'>,
  namespace: string,
  session: ClusterSession,
  seams: Seams,
): SmokeTestRoute {
  // smoke-test-url says where the runner reaches the gateway: that wins.
  if (!session.remote || config.url) return { config, url: config.url || address.url, seams, warnings: [] };
  // The Service's own port (an Ingress's address has 80 or 443).
  const target = { namespace, name: address.serviceName, port: Number(new URL(address.inClusterUrl).port) };
  const warnings = config.chat.model
    ? [
        `The smoke test's chat completion (smoke-test-chat-model: ${config.chat.model}) was skipped: through runCommand ` +
          'the gateway is reached with kubectl through the API server, which cannot send its headers. Set ' +
          'smoke-test-url to an address this runner reaches to run it.',
      ]
    : [];
  for (const warning of warnings) core.warning(warning);
  return {
    config: { ...config, chat: { ...config.chat, model: '' } },
    url: address.inClusterUrl,
    seams: { ...seams, http: throughServiceProxy(session, seams, target, address.inClusterUrl) },
    warnings,
  };
}
