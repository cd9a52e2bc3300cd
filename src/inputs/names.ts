// Kubernetes names. The release name also prefixes a Service name, and Service names must start with a letter,
// so it is held to the stricter rule.
import { InvalidInput } from './scalars.js';

export function parseReleaseName(raw: string): string {
  if (/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 53) return raw;
  throw new InvalidInput(
    `${JSON.stringify(raw)} is not a valid release name: use lower-case letters, digits and '-', starting with a letter, at most 53 characters.`,
  );
}

export function parseNamespace(raw: string): string {
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 63) return raw;
  throw new InvalidInput(
    `${JSON.stringify(raw)} is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.`,
  );
}

export function parseServiceAccountName(raw: string): string {
  const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
  if (new RegExp(`^${label}(\\.${label})*$`).test(raw) && raw.length <= 253) return raw;
  throw new InvalidInput(
    `${JSON.stringify(raw)} is not a valid service account name: use lower-case letters, digits, '-' and '.'.`,
  );
}
