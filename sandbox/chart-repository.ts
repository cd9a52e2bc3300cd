// A Helm chart repository on loopback HTTPS: serves a folder holding `index.yaml` and the chart archives it lists,
// the layout of https://portkey-ai.github.io/helm. The sandbox points it at Portkey's REAL gateway chart in
// ../shared/charts (packaged unmodified, never copied into this repository) when that folder is there.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { repoRoot } from './binaries.js';
import type { TestCertificate } from './tls.js';

/** Where the real chart sits beside the project: `../shared/charts` of this checkout. */
export const REAL_CHARTS_DIR = path.resolve(repoRoot, '..', 'shared', 'charts');

export function realChartsAvailable(dir = REAL_CHARTS_DIR): boolean {
  return existsSync(path.join(dir, 'index.yaml'));
}

export interface ChartRepository {
  /** Base URL for `chart-repository`, ending without a slash. */
  url: string;
  /** Paths asked for, in order (`/index.yaml`, `/gateway-1.7.7.tgz`, …). */
  requests: string[];
  close(): Promise<void>;
}

export async function startChartRepository(options: {
  tls: Pick<TestCertificate, 'cert' | 'key'>;
  dir: string;
}): Promise<ChartRepository> {
  const requests: string[] = [];
  const root = path.resolve(options.dir);
  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname);
    requests.push(pathname);
    const file = path.join(root, path.normalize(pathname));
    const served = /\.(tgz|yaml)$/.test(file) && file.startsWith(`${root}${path.sep}`);
    if (req.method !== 'GET' || !served) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = file.endsWith('.tgz') ? 'application/gzip' : 'application/x-yaml';
        res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
