// YAML decoding for --cli-input-yaml, kept in its own module so the yaml
// package is loaded only when YAML input is given. A static named import:
// the bundled package is CommonJS, whose dynamic import has no named exports.
import { parse, YAMLError } from 'yaml';

/** The document, or undefined when the text is not YAML. Warnings are not printed (logLevel 'error' throws errors and stays quiet otherwise). */
export function parseYamlDocument(text: string): { value: unknown } | undefined {
  try {
    return { value: parse(text, { logLevel: 'error' }) };
  } catch (error) {
    if (error instanceof YAMLError) return undefined;
    throw error;
  }
}
