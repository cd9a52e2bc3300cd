// `command: uninstall`: remove the release and say which objects went with it.
import * as runner from '../runner.js';
import type { ClusterSession } from '../cluster/port.js';
import { HelmClient } from '../helm/client.js';
import { manifestResources, type ReleaseRef } from '../helm/release.js';
import type { Seams } from '../seams.js';

export interface UninstallRequest extends ReleaseRef {
  /** Budget for helm to delete the objects and wait for them to go (`timeout`). */
  timeoutSeconds: number;
}

export interface UninstallResult {
  found: boolean;
  /** `Kind/name` of every object the release's last manifest held. */
  removed: string[];
  summary: string;
}

export async function uninstallRelease(
  request: UninstallRequest,
  session: ClusterSession,
  seams: Seams,
): Promise<UninstallResult> {
  const helm = new HelmClient(session, seams);
  const release = { name: request.name, namespace: request.namespace };
  const manifest = await helm.manifest(release);
  if (manifest === undefined) {
    const summary = `Release ${release.name} was not found in namespace ${release.namespace}; nothing to uninstall.`;
    runner.info(summary);
    return { found: false, removed: [], summary };
  }
  const removed = manifestResources(manifest);
  await helm.uninstall(release, { timeoutSeconds: request.timeoutSeconds });
  const summary = `Uninstalled release ${release.name} from namespace ${release.namespace}, removing ${removed.length} object(s)${removed.length ? `: ${removed.join(', ')}` : ''}.`;
  runner.info(summary);
  return { found: true, removed, summary };
}
