// The values stage: plan (merge, check, mask) then write.
export { planValues, writeValues, type ValuesPlan, type ReadFile } from './plan.js';
