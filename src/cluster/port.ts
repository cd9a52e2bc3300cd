// The cluster port: what a stage asks of the cluster, said as data, whichever way the cluster is reached. Reads say
// what they read (objects, logs, a raw API path, a release's record), changes say what they change (the release, the
// files helm needs, the object to apply or delete) and take a stop handle. Two implementations answer it: helm and
// kubectl here with the kubeconfig (`local.ts`), and a private cluster's own, run in its AKS command pod
// (`src/private-cluster/`), which learns nothing from a command line: it ships the files a change names, batches the
// reads a caller hands it together, and stops the change its stop handle names.
import type { ChartConfig } from '../inputs/config.js';
import type { ReleaseRef } from '../helm/release.js';
import type { RunResult } from '../seams.js';
import type { InstalledTool, InstalledTools, ToolName } from '../tools/installed.js';

/** A helm read of a release's record; json unless it is the manifest. */
export interface ReleaseRead {
  kind: 'release';
  what: 'status' | 'metadata' | 'history' | 'manifest' | 'values';
  release: ReleaseRef;
  /** history: only the newest `max` revisions. */
  max?: number;
  /** manifest: of this revision rather than the newest. */
  revision?: number;
}

/**
 * A read the cluster answers. Objects come back as kubectl's JSON (a List for more than one name or a selector);
 * `raw` is a GET of an API path, its HTTP status in kubectl's -v=6 log on stderr.
 */
export type ClusterRead =
  | ReleaseRead
  | {
      kind: 'objects';
      /** `service`, `pods,replicasets`, `events`; none when every name says its kind (`deployment/x`). */
      resource?: string;
      names?: string[];
      namespace: string;
      selector?: string;
      fieldSelector?: string;
      /** Nothing printed (rather than an error) when nothing matched. */
      ignoreNotFound?: boolean;
    }
  | { kind: 'logs'; namespace: string; pod: string; container: string; tail: number; previous: boolean }
  | { kind: 'raw'; path: string }
  | { kind: 'version' }
  | { kind: 'api-versions' }
  | { kind: 'can-i'; verb: string; resource: string; subresource?: string; namespace: string };

/** A Kubernetes object as the API takes it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * A change to the cluster. A helm change names its release (a private cluster's stop goes to its namespace) and
 * every file of the runner's workspace its arguments name: those, and only those, travel to a remote helm.
 */
export type ClusterChange =
  | { kind: 'helm'; release: ReleaseRef; args: string[]; files: string[] }
  /** Server-side apply, owned by the field manager `portkey-azure-deploy`. */
  | { kind: 'apply'; object: KubeObject }
  | { kind: 'delete'; resource: string; name: string; namespace: string };

export interface ChangeOptions {
  /**
   * Stops the change as SIGINT stops a local helm (it marks its revision failed and exits); a change stopped before
   * it started does not start (exit 130).
   */
  stop?: AbortSignal;
  /** Each line of its output, as it arrives here, or once it is done in a private cluster. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ClusterPort {
  /** How the cluster is reached, for the log and the summary: `AKS runCommand (helm 3.18.0 in the command pod)`. */
  readonly description: string;
  /** The answer as the tool gave it, whatever the exit code. */
  read(request: ClusterRead, signal?: AbortSignal): Promise<RunResult>;
  /** The reads of one look together: a private cluster answers them in one invocation. In order. */
  readAll(requests: ClusterRead[], signal?: AbortSignal): Promise<RunResult[]>;
  change(request: ClusterChange, options?: ChangeOptions): Promise<RunResult>;
}

/** A cluster whose helm and kubectl run inside it: the port, and the chart made reachable for its helm. */
export interface RemoteClusterPort extends ClusterPort {
  /** The chart packaged here, to travel with the change that installs it. */
  chart(chart: ChartConfig): Promise<ChartConfig>;
}

/** How this run reaches the cluster: the kubeconfig it wrote, or a private cluster's runCommand (no kubeconfig). */
export type ClusterAccess =
  | {
      via: 'kubeconfig';
      /** 0600, in the action's private folder. */
      kubeconfigPath: string;
      /** Re-mints a short-lived cluster token when it is close to expiry; a no-op for static credentials. */
      refreshCredentials: () => Promise<void>;
    }
  | { via: 'run-command'; cluster: RemoteClusterPort };

export interface ClusterSession {
  /** The helm that runs the cluster's commands: the installed one, or a remote cluster's own. */
  helm: InstalledTools['helm'];
  kubectl: InstalledTool;
  /** Env for child processes: helm's repository config and caches, and kubectl's, kept inside the action's private folder. */
  env: NodeJS.ProcessEnv;
  access: ClusterAccess;
}

export interface CommandLine {
  tool: ToolName;
  args: string[];
}

/** What `--field-manager` names on every object the action applies itself. */
export const FIELD_MANAGER = 'portkey-azure-deploy';

function releaseArgs(read: ReleaseRead): string[] {
  const { release } = read;
  const command = {
    status: ['status'],
    metadata: ['get', 'metadata'],
    history: ['history', ...(read.max ? ['--max', String(read.max)] : [])],
    manifest: ['get', 'manifest', ...(read.revision === undefined ? [] : ['--revision', String(read.revision)])],
    values: ['get', 'values'],
  }[read.what];
  const json = read.what === 'manifest' ? [] : ['-o', 'json'];
  return [...command, release.name, '-n', release.namespace, ...json];
}

/** The command line of a read, without the kubeconfig. Pure. */
export function readCommand(read: ClusterRead): CommandLine {
  switch (read.kind) {
    case 'release':
      return { tool: 'helm', args: releaseArgs(read) };
    case 'objects':
      return {
        tool: 'kubectl',
        args: [
          'get',
          ...(read.resource ? [read.resource] : []),
          ...(read.names ?? []),
          '-n',
          read.namespace,
          ...(read.selector ? ['-l', read.selector] : []),
          ...(read.fieldSelector ? ['--field-selector', read.fieldSelector] : []),
          ...(read.ignoreNotFound ? ['--ignore-not-found'] : []),
          '-o',
          'json',
        ],
      };
    case 'logs':
      return {
        tool: 'kubectl',
        args: [
          'logs',
          read.pod,
          '-n',
          read.namespace,
          '-c',
          read.container,
          '--tail',
          String(read.tail),
          ...(read.previous ? ['--previous'] : []),
        ],
      };
    case 'raw':
      // -v=6 logs the response's status, which `get --raw` does not otherwise tell.
      return { tool: 'kubectl', args: ['get', '--raw', read.path, '-v=6'] };
    case 'version':
      return { tool: 'kubectl', args: ['version', '-o', 'json'] };
    case 'api-versions':
      return { tool: 'kubectl', args: ['api-versions'] };
    case 'can-i':
      return {
        tool: 'kubectl',
        args: [
          'auth',
          'can-i',
          read.verb,
          read.resource,
          ...(read.subresource ? [`--subresource=${read.subresource}`] : []),
          '--namespace',
          read.namespace,
        ],
      };
  }
}

/**
 * The command line of a change, without the kubeconfig; `objectFile` is where the object to apply is read from (`-`
 * for stdin). Pure.
 */
export function changeCommand(change: ClusterChange, objectFile = '-'): CommandLine {
  switch (change.kind) {
    case 'helm':
      return { tool: 'helm', args: change.args };
    case 'apply':
      return {
        tool: 'kubectl',
        args: ['apply', '--server-side', '--force-conflicts', `--field-manager=${FIELD_MANAGER}`, '-f', objectFile],
      };
    case 'delete':
      return {
        tool: 'kubectl',
        args: ['delete', change.resource, change.name, '-n', change.namespace, '--ignore-not-found'],
      };
  }
}
