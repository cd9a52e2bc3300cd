// HTTP routing for the Kubernetes API stand-in: bearer-token auth, discovery and OpenAPI, and the REST verbs on
// `/api/v1/...` and `/apis/<group>/<version>/...`. Errors are Kubernetes Status bodies with the real reason and
// message, because helm and kubectl print those messages verbatim.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { Controllers } from './controllers.js';
import { applyDefaults } from './defaults.js';
import { applyPatch, patchKindOf } from './patch.js';
import { decodeProtobufObject, isProtobuf } from './protobuf.js';
import {
  apiVersionOf,
  discoveryDocument,
  findByGroupResource,
  findResource,
  openApiDocument,
  openApiIndex,
  type ResourceType,
} from './resources.js';
import { parseFieldSelector, parseLabelSelector, type KubeObject } from './selectors.js';
import { KubeError, notFound, type ObjectStore } from './store.js';
import { toTable, wantsTable } from './table.js';
import { serveWatch } from './watch.js';
import { proxyToService, SERVICE_PROXY, type PodNetwork } from './service-proxy.js';
import { POD_METRICS, servePodMetrics } from './pod-metrics.js';

const NAMESPACES = findByGroupResource('', 'namespaces')!;

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface RouterOptions {
  store: ObjectStore;
  controllers: Controllers;
  isAuthorized: (bearer: string) => boolean;
  requests: RequestRecord[];
  /** Open watch responses, ended when the server closes. */
  watches: Set<ServerResponse>;
  /** Where pods' container ports listen, for the service proxy. */
  podNetwork?: PodNetwork;
  /** Whether RBAC lets the caller use services/proxy (the scenario's `proxy`). */
  proxyAllowed?: () => boolean;
}

interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const VERSION = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.0',
  gitCommit: 'sandbox',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.25.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function statusBody(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** `/api/v1/namespaces/ns/pods/name/log` → {pods, ns, name, log}; undefined when no served resource matches. */
function parseTarget(path: string): Target | undefined {
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!match) return undefined;
  const [group, version] = match[1] ? ['', 'v1'] : [match[2], match[3]];
  const parts = match[4].split('/').filter(Boolean).map(decodeURIComponent);
  const namespaced = parts[0] === 'namespaces' && parts.length >= 3 && findResource(group, version, parts[2]);
  if (namespaced) {
    if (!namespaced.namespaced) return undefined;
    return { type: namespaced, namespace: parts[1], name: parts[3], subresource: parts[4] };
  }
  const type = findResource(group, version, parts[0]);
  if (!type) return undefined;
  // `/api/v1/pods` lists pods across namespaces; a named namespaced object needs its namespace in the path.
  if (type.namespaced) return parts.length === 1 ? { type } : undefined;
  return { type, name: parts[1], subresource: parts[2] };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(body: Buffer, contentType: string): unknown {
  if (body.length === 0) return undefined;
  if (isProtobuf(contentType)) return decodeProtobufObject(body);
  try {
    return contentType.includes('yaml') ? parseYaml(body.toString('utf8')) : JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new KubeError(400, 'BadRequest', `the request body could not be decoded: ${(error as Error).message}`);
  }
}

/** `kubectl auth can-i` asks here. */
const ACCESS_REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

interface AccessReview {
  spec?: { resourceAttributes?: { resource?: string; subresource?: string } };
}

export function createRouter(options: RouterOptions) {
  const { store, controllers } = options;

  function requireNamespace(namespace: string | undefined): void {
    if (namespace !== undefined && !store.get(NAMESPACES, undefined, namespace)) throw notFound(NAMESPACES, namespace);
  }

  /** Validates the object the client sent against the URL, like the real server's admission. */
  function admit(target: Target, input: unknown, name?: string): KubeObject {
    if (!input || typeof input !== 'object')
      throw new KubeError(400, 'BadRequest', 'the request body is empty or not an object');
    const object = input as KubeObject;
    object.metadata ??= { name: '' };
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = `${object.metadata.generateName}${randomBytes(3).toString('hex').slice(0, 5)}`;
    }
    if (name && !object.metadata.name) object.metadata.name = name;
    if (!object.metadata.name)
      throw new KubeError(
        422,
        'Invalid',
        `${target.type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      );
    if (name && object.metadata.name !== name) {
      throw new KubeError(
        400,
        'BadRequest',
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (object.kind && object.kind !== target.type.kind) {
      throw new KubeError(
        400,
        'BadRequest',
        `${object.kind} in version "${object.apiVersion}" cannot be handled as a ${target.type.kind}`,
      );
    }
    if (target.type.namespaced) {
      if (object.metadata.namespace && object.metadata.namespace !== target.namespace) {
        throw new KubeError(
          400,
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace = target.namespace;
    } else delete object.metadata.namespace;
    return object;
  }

  function write(target: Target, object: KubeObject, query: URLSearchParams, previous?: KubeObject): KubeObject {
    const dryRun = query.has('dryRun');
    if (target.subresource !== 'status') applyDefaults(target.type, object, previous);
    if (dryRun) return { ...object, apiVersion: apiVersionOf(target.type), kind: target.type.kind };
    return previous ? store.update(target.type, object, target.subresource) : store.create(target.type, object);
  }

  async function handleResource(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    query: URLSearchParams,
  ): Promise<void> {
    const { type, namespace, name, subresource } = target;
    const method = req.method ?? 'GET';
    const contentType = req.headers['content-type'] ?? 'application/json';
    if (subresource === 'log') {
      if (type.kind !== 'Pod' || method !== 'GET')
        throw new KubeError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return send(res, 200, controllers.pods.log(namespace!, name!, query));
    }
    if (subresource && !(type.subresources ?? []).includes(subresource)) {
      throw new KubeError(404, 'NotFound', 'the server could not find the requested resource');
    }
    if (!name) {
      const labels = parseLabelSelector(query.get('labelSelector'));
      const fields = parseFieldSelector(query.get('fieldSelector'));
      const matches = (o: KubeObject) => labels(o) && fields(o);
      if (method === 'GET' && ['true', '1'].includes(query.get('watch') ?? '')) {
        return serveWatch(req, res, { store, type, namespace, matches, query, watches: options.watches });
      }
      if (method === 'GET') {
        const items = store.list(type, namespace, matches);
        if (wantsTable(req.headers.accept)) return send(res, 200, toTable(type.kind, items, store.resourceVersion));
        return send(res, 200, {
          kind: `${type.kind}List`,
          apiVersion: apiVersionOf(type),
          metadata: { resourceVersion: store.resourceVersion },
          items,
        });
      }
      if (method === 'POST') {
        requireNamespace(namespace);
        const object = admit(target, parseBody(await readBody(req), contentType));
        return send(res, 201, write(target, object, query));
      }
      if (method === 'DELETE') {
        const items = store.list(type, namespace, matches);
        for (const item of items) store.delete(type, item.metadata.namespace, item.metadata.name);
        return send(res, 200, {
          kind: `${type.kind}List`,
          apiVersion: apiVersionOf(type),
          metadata: { resourceVersion: store.resourceVersion },
          items,
        });
      }
      throw new KubeError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
    const live = store.get(type, namespace, name);
    switch (method) {
      case 'GET':
        if (!live) throw notFound(type, name);
        return send(
          res,
          200,
          wantsTable(req.headers.accept) ? toTable(type.kind, [live], store.resourceVersion) : live,
        );
      case 'PUT': {
        if (!live) throw notFound(type, name);
        const object = admit(target, parseBody(await readBody(req), contentType), name);
        return send(res, 200, write(target, object, query, live));
      }
      case 'PATCH': {
        const kind = patchKindOf(contentType);
        if (!kind)
          throw new KubeError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        const patch = parseBody(await readBody(req), kind === 'apply' ? 'yaml' : 'application/json');
        if (!live) {
          // Server-side apply creates what does not exist yet; other patches need an object to patch.
          if (kind !== 'apply') throw notFound(type, name);
          requireNamespace(namespace);
          return send(res, 201, write(target, admit(target, patch, name), query));
        }
        const patched = applyPatch(kind, live, patch) as KubeObject;
        return send(res, 200, write(target, admit(target, patched, name), query, live));
      }
      case 'DELETE':
        if (!live) throw notFound(type, name);
        if (query.has('dryRun')) return send(res, 200, live);
        return send(res, 200, store.delete(type, namespace, name));
      default:
        throw new KubeError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const proxied = SERVICE_PROXY.exec(url.pathname);
    if (proxied) {
      return proxyToService(req, res, proxied, url.search, {
        store,
        podNetwork: options.podNetwork,
        allowed: options.proxyAllowed?.() ?? true,
        user: 'sandbox-user',
      });
    }
    const metrics = POD_METRICS.exec(url.pathname);
    if (metrics && req.method === 'GET') return servePodMetrics(res, metrics, store);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === ACCESS_REVIEWS && req.method === 'POST') {
      const review = parseBody(await readBody(req), req.headers['content-type'] ?? 'application/json') as AccessReview;
      const asked = review?.spec?.resourceAttributes ?? {};
      // No RBAC here: everything is allowed but what the scenario forbids, the service proxy.
      const proxy = asked.resource === 'services' && asked.subresource === 'proxy';
      const allowed = !proxy || (options.proxyAllowed?.() ?? true);
      return send(res, 201, {
        ...review,
        status: { allowed, ...(!allowed && { reason: 'forbidden by the scenario' }) },
      });
    }
    if (path === '/version') return send(res, 200, VERSION);
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return send(res, 200, 'ok');
    if (path === '/openapi/v3') return send(res, 200, openApiIndex());
    if (path === '/openapi/v2') {
      // Clients fall back to the v2 document to validate kinds the v3 index does not list. An empty protobuf
      // Document has no definitions, so they skip client-side validation and report the unknown kind itself.
      res.writeHead(200, {
        'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
        'Content-Length': 0,
      });
      return void res.end();
    }
    const document = path.startsWith('/openapi/v3/') ? openApiDocument(path) : discoveryDocument(path);
    if (document) return send(res, 200, document);
    const target = parseTarget(path);
    if (!target) throw new KubeError(404, 'NotFound', 'the server could not find the requested resource');
    return handleResource(req, res, target, url.searchParams);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'https://sandbox').pathname;
    res.on('finish', () =>
      options.requests.push({ method: req.method ?? 'GET', path, status: res.statusCode, at: Date.now() }),
    );
    try {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !options.isAuthorized(bearer))
        return send(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized'));
      await route(req, res);
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof KubeError)
        return send(res, error.code, statusBody(error.code, error.reason, error.message, error.details));
      send(res, 500, statusBody(500, 'InternalError', `sandbox kube-api: ${(error as Error).stack ?? error}`));
    }
  };
}
