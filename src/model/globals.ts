// Options every AWS CLI command accepts (GLOBAL_OPTIONS), and the ones v1
// adds to every operation after its members (INPUT_OPTIONS), each in AWS CLI
// v1's order (the order matters: it is the order of argparse's "ambiguous
// option" lists). `extra: true` marks what v1 does not have (AWS CLI v2
// additions and ours): such options are matched only when spelled out in
// full, so no abbreviation that works with v1 can become ambiguous. The
// vocabulary is in options.ts.
import type { OptionDecl } from './options.js';

export const OUTPUT_FORMATS = ['json', 'text', 'table'] as const;
export const EXTRA_OUTPUT_FORMATS = ['yaml', 'yaml-stream', 'off'] as const;
export const COLOR_MODES = ['on', 'off', 'auto'] as const;
export const CLI_BINARY_FORMATS = ['base64', 'raw-in-base64-out'] as const;
export const CLI_ERROR_FORMATS = ['legacy', 'json', 'yaml', 'text', 'table'] as const;

export const GLOBAL_OPTIONS = [
  { flag: '--debug', kind: 'flag', summary: 'Log what happens (settings, the request, the response) to stderr.' },
  { flag: '--endpoint-url', kind: 'value', summary: 'Send the request to this URL instead of the regional EC2 endpoint.' },
  { flag: '--no-verify-ssl', kind: 'flag', summary: 'Do not check the TLS certificate of the endpoint.' },
  { flag: '--no-paginate', kind: 'flag', summary: 'Accepted for compatibility; this command has nothing to paginate.' },
  {
    flag: '--output',
    kind: 'value',
    choices: OUTPUT_FORMATS,
    extraChoices: EXTRA_OUTPUT_FORMATS,
    summary: 'How the result is printed.',
  },
  { flag: '--query', kind: 'value', summary: 'A JMESPath expression applied to the result before printing.' },
  { flag: '--profile', kind: 'value', hint: 'profile', summary: 'The named profile from your config and credentials files.' },
  { flag: '--region', kind: 'value', summary: 'The Region the request goes to, which is also where the copy is made.' },
  { flag: '--version', kind: 'flag', version: true, summary: 'Print the version and exit.' },
  { flag: '--color', kind: 'value', choices: COLOR_MODES, summary: 'Colour in table output: on, off, or auto (on for a terminal).' },
  { flag: '--no-sign-request', kind: 'flag', summary: 'Send the request unsigned, without looking up credentials.' },
  { flag: '--ca-bundle', kind: 'value', hint: 'file', summary: 'A PEM file of certificate authorities to trust for TLS.' },
  { flag: '--cli-read-timeout', kind: 'value', hint: 'integer', summary: 'Seconds to wait for a response (default 60; 0 waits forever).' },
  { flag: '--cli-connect-timeout', kind: 'value', hint: 'integer', summary: 'Seconds to wait for a connection (default 60; 0 waits forever).' },
  { flag: '--v2-debug', kind: 'flag', summary: 'Accepted for compatibility with AWS CLI v1; prints nothing here.' },
  { flag: '--no-cli-pager', kind: 'flag', extra: true, summary: 'Accepted for compatibility with AWS CLI v2; output never goes through a pager.' },
  {
    flag: '--cli-binary-format',
    kind: 'value',
    extra: true,
    choices: CLI_BINARY_FORMATS,
    summary: 'Accepted for compatibility with AWS CLI v2; this command has no binary parameters.',
  },
  {
    flag: '--cli-error-format',
    kind: 'value',
    extra: true,
    choices: CLI_ERROR_FORMATS,
    summary: 'How errors are printed: legacy (the AWS CLI v1 text, the default) or json, yaml, text, table for machines.',
  },
] as const satisfies readonly OptionDecl[];

/** What `--generate-cli-skeleton` prints: v1's modes, and AWS CLI v2's YAML template. */
export const SKELETON_MODES = ['input', 'output'] as const;
export const EXTRA_SKELETON_MODES = ['yaml-input'] as const;

/** Options AWS CLI v1 adds to every operation, after the operation's members (and AWS CLI v2's --cli-input-yaml). */
export const INPUT_OPTIONS = [
  {
    flag: '--cli-input-json',
    kind: 'value',
    summary: 'Read the parameters from JSON (inline or file://); options given on the command line win.',
  },
  {
    flag: '--cli-input-yaml',
    kind: 'value',
    extra: true,
    summary: 'Read the parameters from YAML (inline or file://), as AWS CLI v2 does; options given on the command line win.',
  },
  {
    flag: '--generate-cli-skeleton',
    kind: 'optional',
    choices: SKELETON_MODES,
    extraChoices: EXTRA_SKELETON_MODES,
    constValue: 'input',
    summary: 'Print a parameter template (input, yaml-input) or a sample result (output) and send nothing.',
  },
] as const satisfies readonly OptionDecl[];
