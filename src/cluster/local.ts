// The cluster port over helm and kubectl here, with the kubeconfig the action wrote and credentials refreshed before
// every command; and `clusterPort`, which hands a stage the port its session reaches the cluster through.
import type { RunResult, Seams } from '../seams.js';
import {
  changeCommand,
  readCommand,
  type ChangeOptions,
  type ClusterChange,
  type ClusterPort,
  type ClusterRead,
  type ClusterSession,
  type CommandLine,
} from './port.js';

type LocalSession = Pick<ClusterSession, 'helm' | 'kubectl' | 'env'> & {
  access: Extract<ClusterSession['access'], { via: 'kubeconfig' }>;
};

function localCluster(session: LocalSession, seams: Seams): ClusterPort {
  const { access } = session;
  const run = async (command: CommandLine, options: Parameters<Seams['run']>[2] = {}): Promise<RunResult> => {
    await access.refreshCredentials();
    const binary = command.tool === 'helm' ? session.helm.path : session.kubectl.path;
    return seams.run(binary, [...command.args, '--kubeconfig', access.kubeconfigPath], {
      env: session.env,
      ...options,
    });
  };
  const read = (request: ClusterRead, signal?: AbortSignal) => run(readCommand(request), { signal });
  return {
    description: 'the kubeconfig',
    read,
    // Side by side: each read is a helm or kubectl process and its round trips, a tenth of a second or more apiece.
    readAll: (requests, signal) => Promise.all(requests.map((request) => read(request, signal))),
    change(request: ClusterChange, options: ChangeOptions = {}) {
      const stdin = request.kind === 'apply' ? JSON.stringify(request.object) : undefined;
      return run(changeCommand(request), { signal: options.stop, onLine: options.onLine, ...(stdin && { stdin }) });
    },
  };
}

/** The port a stage reaches the session's cluster through. */
export function clusterPort(session: ClusterSession, seams: Seams): ClusterPort {
  const { access } = session;
  return access.via === 'run-command' ? access.cluster : localCluster({ ...session, access }, seams);
}
