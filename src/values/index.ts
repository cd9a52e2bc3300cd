// The values stage: merge, check and mask (prepareValues), then write the file helm reads.
export { prepareValues, writeValues, type MergedValues } from './prepare.js';
