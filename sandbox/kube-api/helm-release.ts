// Helm's release records, as its Secret storage driver keeps them: one Secret `sh.helm.release.v1.<name>.v<N>` per
// revision, labels {name, owner: helm, status, version}, and `data.release` holding base64(gzip(JSON)). Because
// that string is itself stored as Secret data, the JSON API shows it base64-encoded a second time.
import { gunzipSync, gzipSync } from 'node:zlib';
import { findByGroupResource } from './resources.js';
import type { KubeObject } from './selectors.js';
import { KubeError, type ObjectStore } from './store.js';

const SECRETS = findByGroupResource('', 'secrets')!;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export function decodeRelease(data: string): Record<string, unknown> {
  let bytes = Buffer.from(data, 'base64');
  // One more layer of base64 when read through the JSON API (the usual case).
  if (!bytes.subarray(0, 2).equals(GZIP_MAGIC)) bytes = Buffer.from(bytes.toString('utf8'), 'base64');
  const json = bytes.subarray(0, 2).equals(GZIP_MAGIC) ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as Record<string, unknown>;
}

/** The inverse of decodeRelease for the Secret's JSON `data.release` field (double base64). */
export function encodeRelease(release: Record<string, unknown>): string {
  const inner = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return Buffer.from(inner).toString('base64');
}

export function latestReleaseSecret(store: ObjectStore, namespace: string, name: string): KubeObject | undefined {
  return store
    .list(SECRETS, namespace)
    .filter((s) => s.metadata.labels?.owner === 'helm' && s.metadata.labels?.name === name)
    .sort((a, b) => Number(b.metadata.labels?.version) - Number(a.metadata.labels?.version))[0];
}

/** Leaves the newest revision in `status` (e.g. 'pending-upgrade'), the way a cancelled helm run does. */
export function markReleaseStatus(store: ObjectStore, namespace: string, name: string, status: string): void {
  const secret = latestReleaseSecret(store, namespace, name);
  if (!secret) throw new KubeError(404, 'NotFound', `no helm release "${name}" in namespace "${namespace}"`);
  const data = secret.data as Record<string, string>;
  const release = decodeRelease(data.release);
  release.info = { ...(release.info as Record<string, unknown>), status };
  store.update(SECRETS, {
    ...secret,
    metadata: { ...secret.metadata, labels: { ...secret.metadata.labels, status } },
    data: { ...data, release: encodeRelease(release) },
  });
}
