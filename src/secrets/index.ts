// What is secret and how nothing secret leaves the process: the run's SecretSet with the forms each secret travels
// in, the vocabulary that recognises a secret by its name or its shape, which inputs are secret, the record a
// release keeps of its secret key paths, and the writers of the log (redacted streams, fenced foreign text) and of
// everything else the action sends out.
export { base64Forms, derivedForms, pullSecretForms } from './derived-forms.js';
export { printForeign, redactStandardStreams } from './log.js';
export { Outbound, type OutboundSinks } from './outbound.js';
export { readSecretPaths, SECRET_PATHS_RECORD, withSecretPaths } from './release-record.js';
export { isSecretInput } from './secret-inputs.js';
export { REDACTED, SecretSet } from './secret-set.js';
export { carriesSecret, embeddedSecrets, isSecretName, isSecretParameter, keyWords } from './vocabulary.js';
