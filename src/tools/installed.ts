// What the tools stage hands the stages after it: each binary it installed, where, and what vouched for it.

export type ToolName = 'helm' | 'kubectl';

/** What vouched for the download this run: the workflow's pin, the publisher's signature, or its checksum file. */
export type ToolTrust = 'pin' | 'signature' | 'published checksum';

export interface InstalledTool {
  /** Inside the action's private folder: a copy this run verified, never a file of the shared tool cache. */
  path: string;
  /** Without a leading `v`, e.g. `4.1.4`. */
  version: string;
  verifiedBy?: ToolTrust;
  /** The download came from the runner's tool cache (and was verified as if it had just been downloaded). */
  fromCache?: boolean;
}

export interface InstalledTools {
  helm: InstalledTool & { major: 3 | 4 };
  kubectl: InstalledTool;
}
