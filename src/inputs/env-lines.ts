// `KEY=VALUE` lines for the `env` and `secret-env` inputs. Problems never quote a value: in `secret-env` it is a
// secret, and a line without `=` may be nothing but one.

export interface EnvLines {
  values: Record<string, string>;
  problems: string[];
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseEnvLines(raw: string): EnvLines {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  raw.split('\n').forEach((text, index) => {
    const line = text.trim();
    if (!line || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    if (equals < 0) {
      problems.push(`line ${index + 1} has no '=': write KEY=VALUE, one per line.`);
      return;
    }
    const key = line.slice(0, equals).trim();
    if (!variableName.test(key)) {
      problems.push(
        `line ${index + 1}: ${JSON.stringify(key)} is not a valid variable name: use letters, digits and '_', not starting with a digit.`,
      );
      return;
    }
    values[key] = line.slice(equals + 1).trim();
  });
  return { values, problems };
}
