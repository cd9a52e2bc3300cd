// The check of rendered objects against the Kubernetes OpenAPI schemas, as the plan and render stages use it. The
// schemas (about 80 KB of generated data) are loaded on the first check, not when the action starts.
import * as runner from '../runner.js';
import { parseAllDocuments } from 'yaml';
import { describeCheck, servedByCluster, servedUntilUpgrade, type CheckContext, type SchemaReport } from './cluster.js';
import { checkObjects } from './schema.js';

export type { CheckContext, SchemaReport } from './cluster.js';
export type { SchemaFinding } from './schema.js';

/** The objects of a manifest; a document YAML cannot parse (a key rendered twice) is named, not checked. */
function objectsOf(manifest: string): { objects: Record<string, unknown>[]; unparsed: number } {
  const objects: Record<string, unknown>[] = [];
  let unparsed = 0;
  for (const document of parseAllDocuments(manifest)) {
    if (document.errors.length > 0) unparsed++;
    else {
      const value: unknown = document.toJS();
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        objects.push(value as Record<string, unknown>);
      }
    }
  }
  return { objects, unparsed };
}

export async function checkManifest(manifest: string, context: CheckContext): Promise<SchemaReport> {
  const { SCHEMA } = await import('./schema-data.js');
  const { objects, unparsed } = objectsOf(manifest);
  const check = checkObjects(objects, SCHEMA);
  if ('cluster' in context) {
    // The cluster's own discovery says whether it serves an alpha or beta API: servedByCluster names it if not.
    const known = context.cluster.apiVersions
      ? check.findings.filter((f) => f.problem !== 'off-by-default')
      : check.findings;
    check.findings = [
      ...servedUntilUpgrade(known, context.cluster, check.kubernetes),
      ...servedByCluster(objects, context.cluster),
    ];
  }
  const unparsedNote = unparsed
    ? ` ${unparsed} document${unparsed === 1 ? '' : 's'} YAML could not parse, not checked.`
    : '';
  const version = 'cluster' in context ? context.cluster.version?.gitVersion : undefined;
  return { ...check, ...(version && { cluster: version }), note: describeCheck(check, context) + unparsedNote };
}

/** One line per finding, for the log's warnings and the summary's. */
export const schemaWarnings = (report: SchemaReport): string[] =>
  report.findings.map(
    (finding) => `Kubernetes ${report.kubernetes} schema check: ${finding.object}: ${finding.message}.`,
  );

/** The note in the log, each finding as a warning. */
export function logSchemaReport(report: SchemaReport): void {
  runner.info(report.note);
  for (const warning of schemaWarnings(report)) runner.warning(warning);
}
