// Last touches to the merged values, for how Portkey's real chart renders them (its templates in Portkey-AI/helm,
// charts/portkey-gateway): each one turns a value the chart would render into something a real API server refuses, or
// silently misreads, into the value that means what the user asked for. Pure; returns a warning for each change worth
// telling.
import { isMap, type Values } from './merge.js';

/**
 * - An empty string in `environment.data` renders as `KEY: ` (a YAML null) inside the env Secret, and the API server
 *   refuses the whole release (`unknown object type "nil" in Secret.data.KEY`): null says "unset" the way the chart
 *   understands, so "" becomes null, wherever it came from.
 * - SERVER_MODE `gateway`: the chart knows only empty, `all` and `mcp`; any other value leaves the gateway with no
 *   ports. Portkey's guide calls gateway-only "empty or not provided".
 * - `imageCredentials` items without `email` render `"email":"%!s(<nil>)"` into the `.dockerconfigjson`.
 */
export function fitToChart(values: Values): string[] {
  const warnings: string[] = [];
  const environment = values.environment;
  if (isMap(environment) && isMap(environment.data)) {
    const data = environment.data;
    if (data.SERVER_MODE === 'gateway') {
      data.SERVER_MODE = null;
      warnings.push('environment.data.SERVER_MODE "gateway" was left unset (the chart\'s way of saying gateway only).');
    }
    for (const [key, value] of Object.entries(data)) if (value === '') data[key] = null;
  }
  if (Array.isArray(values.imageCredentials)) {
    for (const item of values.imageCredentials) {
      if (isMap(item) && item.create !== false && !item.auth && item.email === undefined) item.email = '';
    }
  }
  return warnings;
}
