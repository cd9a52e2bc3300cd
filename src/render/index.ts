// The render stage as main.ts sees it: `helm template` with the planned values, secrets hidden.
export { renderChart, type RenderInput } from './render.js';
