// `command: uninstall`: remove the release and say which objects went with it.
import type { ClusterTools } from '../kube/cluster-tools.js';
import type { Seams } from '../seams.js';
import { manifestResources, readManifest, uninstall, type ReleaseRef } from './helm-release.js';

export interface UninstallRequest extends ReleaseRef {
  /** Budget for helm to delete the objects and wait for them to go. */
  timeoutSeconds?: number;
}

export interface UninstallResult {
  found: boolean;
  /** `Kind/name` of every object the release's last manifest held. */
  removed: string[];
  summary: string;
}

export async function uninstallRelease(
  request: UninstallRequest,
  tools: ClusterTools,
  seams: Seams,
): Promise<UninstallResult> {
  const release = { name: request.name, namespace: request.namespace };
  const manifest = await readManifest(release, tools, seams);
  if (manifest === undefined) {
    return {
      found: false,
      removed: [],
      summary: `Release ${release.name} was not found in namespace ${release.namespace}; nothing to uninstall.`,
    };
  }
  const removed = manifestResources(manifest);
  await uninstall(release, { timeoutSeconds: request.timeoutSeconds }, tools, seams);
  return {
    found: true,
    removed,
    summary: `Uninstalled release ${release.name} from namespace ${release.namespace}, removing ${removed.length} object(s)${removed.length ? `: ${removed.join(', ')}` : ''}.`,
  };
}
