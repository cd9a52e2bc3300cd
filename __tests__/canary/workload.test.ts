import { describe, expect, it } from '@jest/globals';
import {
  canaryName,
  deriveCanary,
  describeStep,
  stepShapes,
  TRACK_LABEL,
  withReplicas,
} from '../../src/canary/workload.js';

const MANIFEST = `---
apiVersion: v1
kind: Service
metadata:
  name: portkey-ai-gateway
spec:
  selector: { app.kubernetes.io/name: gateway, app.kubernetes.io/instance: portkey-ai }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: portkey-ai-gateway
  labels: { app.kubernetes.io/name: gateway, app.kubernetes.io/instance: portkey-ai, app.kubernetes.io/managed-by: Helm }
  annotations: { meta.helm.sh/release-name: portkey-ai, meta.helm.sh/release-namespace: prod, team: gateway }
spec:
  replicas: 2
  strategy: { type: RollingUpdate }
  selector:
    matchLabels: { app.kubernetes.io/name: gateway, app.kubernetes.io/instance: portkey-ai }
  template:
    metadata:
      labels: { app.kubernetes.io/name: gateway, app.kubernetes.io/instance: portkey-ai }
    spec:
      containers:
        - name: gateway
          image: docker.io/portkeyai/gateway_enterprise:2.14.0
          ports: [{ name: mcp, containerPort: 8788 }, { name: gateway, containerPort: 8787 }]
          readinessProbe: { httpGet: { path: /v1/health, port: 8787 } }
          livenessProbe: { httpGet: { path: /v1/health, port: 8787 } }
`;

describe('the canary Deployment derived from the rendered gateway Deployment', () => {
  const canary = deriveCanary(MANIFEST, 'portkey-ai-gateway', 'prod');

  it('copies the pod template, adds the track label to the pods and the selector, and drops helm’s ownership', () => {
    const selector = { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'portkey-ai' };
    expect(canary.name).toBe('portkey-ai-gateway-canary');
    expect(canary.object.metadata).toEqual({
      name: 'portkey-ai-gateway-canary',
      namespace: 'prod',
      labels: { ...selector, 'app.kubernetes.io/managed-by': 'Helm', [TRACK_LABEL]: 'canary' },
      annotations: { team: 'gateway' },
    });
    expect(canary.object.spec.selector).toEqual({ matchLabels: { ...selector, [TRACK_LABEL]: 'canary' } });
    expect(canary.object.spec.template.metadata?.labels).toEqual({ ...selector, [TRACK_LABEL]: 'canary' });
    expect(canary.object.spec.template.spec?.containers?.[0].image).toBe(
      'docker.io/portkeyai/gateway_enterprise:2.14.0',
    );
    expect((canary.object.spec as Record<string, unknown>).strategy).toEqual({ type: 'RollingUpdate' });
    // The Service selects on the stable labels only: it still sends the canary its share.
    expect(canary.selector).toEqual(selector);
  });

  it('finds the metrics port (the one named gateway), the version and the kubelet’s probe paths', () => {
    expect(canary).toMatchObject({ metricsPort: 8787, version: '2.14.0', probePaths: ['/v1/health'] });
  });

  it('sets a step’s replicas without changing the object it came from', () => {
    expect(withReplicas(canary.object, 3).spec.replicas).toBe(3);
    expect(canary.object.spec.replicas).toBe(2);
  });

  it('refuses a manifest without the gateway Deployment, naming the input', () => {
    expect(() => deriveCanary(MANIFEST, 'other-gateway', 'prod')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('rendered no Deployment other-gateway') }),
    );
  });

  it('keeps the canary’s name within 63 characters', () => {
    expect(canaryName('x'.repeat(63))).toBe(`${'x'.repeat(56)}-canary`);
  });
});

describe('the canary’s replicas for each step: a share is a ratio of pods', () => {
  it.each([
    // percent, stable, canary pods, share of the traffic
    [10, 2, 1, 33.3],
    [50, 2, 2, 50],
    [10, 9, 1, 10],
    [25, 3, 1, 25],
    [50, 3, 3, 50],
    [90, 2, 18, 90],
    [1, 2, 1, 33.3],
    [20, 10, 3, 23.1],
  ])('%d %% beside %d stable pods: %d canary pods, %d %% of the traffic', (percent, stable, pods, share) => {
    expect(stepShapes([percent], stable)).toEqual([{ percent, canaryReplicas: pods, stableReplicas: stable, share }]);
  });

  it('says what each step really gives', () => {
    expect(stepShapes([10, 50], 2).map(describeStep)).toEqual([
      '10 % (1 canary pod beside 2 stable, 33.3 % of the traffic)',
      '50 % (2 canary pods beside 2 stable, 50 % of the traffic)',
    ]);
  });
});
