// The summary's word on the Kubernetes schema check: which version the objects were checked against and how the
// cluster compares. Each finding is one of the run's warnings, listed under Warnings.
import type { SchemaReport } from '../kubernetes-schema/index.js';
import { plain } from './markdown.js';

export function schemaCheckSection(report: SchemaReport): string {
  const found = report.findings.length;
  const verdict = found ? `⚠️ ${found} finding${found === 1 ? '' : 's'} (under Warnings)` : '✅ no findings';
  return `### Kubernetes schemas\n\n${verdict}: ${plain(report.note)}`;
}
