// --cli-error-format (AWS CLI v2 2.34+ shapes; v1's text stays the default):
// errors that carry a code (service errors, parameter validation,
// configuration, missing Region or credentials) can be printed as a
// document {Code, Message} in json, yaml, text or table form, for machines.
import { CLI_ERROR_FORMATS } from '../model/globals.js';
import { ServiceError, type CliError, type ErrorKind } from '../errors.js';
import { formatJson } from './json.js';
import { formatTable } from './table.js';
import { formatText } from './text.js';
import { formatYaml } from './yaml.js';

export type ErrorFormat = (typeof CLI_ERROR_FORMATS)[number];

const CODES: Partial<Record<ErrorKind, string>> = {
  param: 'ParamValidation',
  validation: 'ParamValidation',
  configuration: 'Configuration',
  'no-region': 'NoRegion',
  'no-credentials': 'NoCredentials',
};

/** The {Code, Message} document of an error that has one. */
export function errorDocument(error: CliError): { Code: string; Message: string } | undefined {
  if (error instanceof ServiceError) return { Code: error.code, Message: error.serviceMessage };
  const code = CODES[error.kind];
  return code === undefined ? undefined : { Code: code, Message: error.message };
}

export function isErrorFormat(value: string | undefined): value is ErrorFormat {
  return (CLI_ERROR_FORMATS as readonly string[]).includes(value ?? '');
}

/** stderr for the error in `format`, or undefined where v1's own text applies. */
export function formatError(error: CliError, format: ErrorFormat): string | undefined {
  const document = errorDocument(error);
  if (!document || format === 'legacy') return undefined;
  switch (format) {
    case 'json':
      return formatJson(document);
    case 'yaml':
      return formatYaml(document);
    case 'text':
      return formatText(document);
    case 'table':
      return formatTable(document, { title: 'error', terminalWidth: 80, color: false });
  }
}
