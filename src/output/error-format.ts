// --cli-error-format (AWS CLI v2 2.34+ shapes; v1's text stays the default):
// every error the program prints can be printed as a document {Code, Message}
// in json, yaml, text or table form, for machines. The codes are v2's where
// v2 has one (argument and parameter errors are ParamValidation, service
// errors carry EC2's code), botocore's exception names for connection
// errors, and our own for what v2 prints as plain text (the wait's ends).
import { CLI_ERROR_FORMATS } from '../model/globals.js';
import { ServiceError, type CliError, type ErrorKind } from '../errors.js';
import { formatJson } from './json.js';
import { formatTable } from './table.js';
import { formatText } from './text.js';
import { formatYaml } from './yaml.js';

export type ErrorFormat = (typeof CLI_ERROR_FORMATS)[number];

const CODES: Record<ErrorKind, string> = {
  usage: 'ParamValidation',
  'unknown-options': 'ParamValidation',
  param: 'ParamValidation',
  validation: 'ParamValidation',
  configuration: 'Configuration',
  'no-region': 'NoRegion',
  'no-credentials': 'NoCredentials',
  service: 'Unknown',
  connection: 'EndpointConnectionError',
  general: 'General',
  interrupted: 'Interrupted',
  terminated: 'Terminated',
  hangup: 'Hangup',
};

/** Connection errors by their (v1) wording: botocore's exception names. */
const CONNECTION_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^SSL validation failed/, 'SSLError'],
  [/^Failed to connect to proxy URL/, 'ProxyConnectionError'],
  [/^Connection was closed/, 'ConnectionClosedError'],
  [/^Connect timeout/, 'ConnectTimeoutError'],
  [/^Read timeout/, 'ReadTimeoutError'],
];

/** The {Code, Message} document of an error. */
export function errorDocument(error: CliError): { Code: string; Message: string } {
  const message = error instanceof ServiceError ? error.serviceMessage : error.message;
  const byWording = error.kind === 'connection' ? CONNECTION_CODES.find(([wording]) => wording.test(error.message))?.[1] : undefined;
  return { Code: error.code ?? byWording ?? CODES[error.kind], Message: message };
}

export function isErrorFormat(value: string | undefined): value is ErrorFormat {
  return (CLI_ERROR_FORMATS as readonly string[]).includes(value ?? '');
}

/** stderr for the error in `format`, or undefined where v1's own text applies. */
export function formatError(error: CliError, format: ErrorFormat): string | undefined {
  if (format === 'legacy' || error.message === '') return undefined;
  const document = errorDocument(error);
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
