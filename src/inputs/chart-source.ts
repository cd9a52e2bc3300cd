// Where the chart comes from, decided from the `chart` input alone (plus whether such a folder exists; InputFiles
// then checks a local one). `repositoryUrl` is the already validated `chart-repository`.
import type { ChartSource } from './config.js';
import { InvalidInput } from './scalars.js';

export function classifyChart(
  chart: string,
  repositoryUrl: string,
  isDirectory: (path: string) => boolean,
): ChartSource {
  if (chart.startsWith('-')) {
    throw new InvalidInput(
      `${JSON.stringify(chart)} starts with '-', which helm would take for an option: give a chart name, an oci:// reference or a path (./charts/gateway).`,
    );
  }
  if (chart.startsWith('oci://')) {
    if (chart.length <= 'oci://'.length || /\s/.test(chart)) {
      throw new InvalidInput(`${JSON.stringify(chart)} is not an OCI reference: write oci://registry/path/chart.`);
    }
    return { kind: 'oci', reference: chart };
  }
  if (/^(\.{1,2})?\//.test(chart) || isDirectory(chart)) {
    if (!isDirectory(chart)) throw new InvalidInput(`no chart folder at ${JSON.stringify(chart)}.`);
    return { kind: 'local', path: chart };
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(chart)) {
    const hint = chart.includes('/')
      ? ` A repository alias like portkey-ai/gateway does not work here: give the chart name (gateway) and its repository URL in \`chart-repository\`.`
      : '';
    throw new InvalidInput(`${JSON.stringify(chart)} is not a chart name, an oci:// reference or a local path.${hint}`);
  }
  return { kind: 'repository', repositoryUrl, name: chart };
}
