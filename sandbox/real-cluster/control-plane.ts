// The real Kubernetes control plane of ../shared/real-cluster (kube-apiserver, controller-manager and scheduler
// v1.20.2 over etcd, on loopback): starting and stopping it through its own scripts, and a small admin client
// (client certificate) for the node agent and for assertions on the cluster's objects. No kubelet runs behind it:
// see node-agent.ts for what plays one.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../binaries.js';

const execFileAsync = promisify(execFile);

export const KIT_DIR = path.resolve(repoRoot, '..', 'shared', 'real-cluster');
/** Where build.sh and start.sh keep binaries, PKI, etcd data and logs. */
export const PK8S = process.env.PK8S ?? '/var/tmp/portkey-k8s';
export const API_PORT = Number(process.env.PK8S_API_PORT ?? 26443);
export const API_URL = `https://127.0.0.1:${API_PORT}`;

export function isBuilt(): boolean {
  return ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].every((bin) =>
    existsSync(path.join(PK8S, 'bin', bin)),
  );
}

async function kitScript(script: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await execFileAsync('bash', [path.join(KIT_DIR, script), ...args], {
    env: { ...process.env, PK8S, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Builds when needed (root only; ~8 min once per machine, then instant). */
export async function buildControlPlane(): Promise<void> {
  if (isBuilt()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`The real control plane is not built: run \`sudo ${path.join(KIT_DIR, 'build.sh')}\` once.`);
  }
  await kitScript('build.sh', []);
}

/**
 * A fresh, empty cluster. Whatever ran before is stopped first: a control plane left running by someone else would
 * not carry this run's TokenReview webhook.
 */
export async function startControlPlane(options: { authnWebhookConfig?: string } = {}): Promise<void> {
  await kitScript('stop.sh', []);
  await kitScript('start.sh', ['--fresh'], { PK8S_AUTHN_WEBHOOK: options.authnWebhookConfig ?? '' });
}

export async function stopControlPlane(): Promise<void> {
  await kitScript('stop.sh', ['--wipe']);
}

/** The admin kubeconfig start.sh wrote (client certificate of a system:masters user). */
export function adminKubeconfig(): string {
  return readFileSync(path.join(PK8S, 'kubeconfig'), 'utf8');
}

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
    creationTimestamp?: string;
    ownerReferences?: { kind: string; name: string }[];
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  type?: string;
}

export interface KubeList<T = KubeObject> {
  metadata: { resourceVersion: string };
  items: T[];
}

/** The apiserver as its administrator sees it, over the cluster CA and the admin client certificate. */
export class AdminClient {
  private readonly tls: Pick<RequestOptions, 'ca' | 'cert' | 'key'>;

  constructor(pki = path.join(PK8S, 'pki')) {
    const read = (name: string) => readFileSync(path.join(pki, name));
    this.tls = { ca: read('ca.crt'), cert: read('admin.crt'), key: read('admin.key') };
  }

  async request<T = KubeObject>(
    method: string,
    apiPath: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<KubeResponse<T>> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${API_URL}${apiPath}`,
        // A connection per request: a reused socket after an aborted watch made the apiserver answer 400.
        { method, ...this.tls, agent: false, headers: { accept: 'application/json', 'content-type': contentType } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Not JSON: keep the text for the error message.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  /** GET that must succeed; undefined on 404. */
  async get<T = KubeObject>(apiPath: string): Promise<T | undefined> {
    const res = await this.request<T>('GET', apiPath);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`GET ${apiPath}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async list<T = KubeObject>(apiPath: string): Promise<T[]> {
    return (await this.get<KubeList<T>>(apiPath))?.items ?? [];
  }

  /** A write that must succeed (2xx); `tolerate` lists statuses that are fine too (404 for a delete, say). */
  async send(method: string, apiPath: string, body?: unknown, contentType?: string, tolerate: number[] = []) {
    const res = await this.request(method, apiPath, body, contentType);
    if ((res.status < 200 || res.status >= 300) && !tolerate.includes(res.status)) {
      throw new Error(`${method} ${apiPath}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res;
  }

  /**
   * Streams watch events of a collection until `signal` aborts; `onEvent` gets each one. The stream is reopened
   * (from a fresh list, which is replayed as ADDED) whenever the apiserver ends it.
   */
  async watch(
    collection: string,
    onEvent: (type: string, object: KubeObject) => void,
    signal: AbortSignal,
  ): Promise<void> {
    while (!signal.aborted) {
      const listed = await this.get<KubeList>(collection).catch(() => undefined);
      if (!listed) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const item of listed.items) onEvent('ADDED', item);
      await this.stream(
        `${collection}?watch=true&resourceVersion=${listed.metadata.resourceVersion}`,
        onEvent,
        signal,
      ).catch(() => undefined);
    }
  }

  private stream(apiPath: string, onEvent: (type: string, object: KubeObject) => void, signal: AbortSignal) {
    return new Promise<void>((resolve, reject) => {
      const req = request(`${API_URL}${apiPath}`, { method: 'GET', ...this.tls, agent: false, signal }, (res) => {
        let pending = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          const lines = (pending + chunk).split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines.filter(Boolean)) {
            const event = JSON.parse(line) as { type: string; object: KubeObject };
            // An expired resourceVersion: end the stream, the caller lists again.
            if (event.type === 'ERROR') return res.destroy();
            onEvent(event.type, event.object);
          }
        });
        res.on('end', resolve);
        res.on('close', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }
}
