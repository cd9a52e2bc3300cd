// A throw-away certificate authority for the sandbox's HTTPS servers. Clients trust it the honest way
// (NODE_EXTRA_CA_CERTS for Node, certificate-authority-data for helm and kubectl), never by turning TLS checks off.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCertificate {
  /** PEM of the self-signed certificate; it is its own CA. */
  cert: string;
  key: string;
  /** A file holding `cert`, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  dispose(): void;
}

export function createTestCertificate(): TestCertificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-ca-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'pipe' },
  );
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, cert);
  return { cert, key, caFile, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
