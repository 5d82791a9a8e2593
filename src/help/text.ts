// Prose for the help page that the model does not carry: the description,
// the examples and the words around the output shape. Our own wording
// (decisions.md item 12). Option names are never written here: `{member:X}`
// stands for the option that fills model member X, `{global:x}` for the global
// option whose value is stored under x (`destOf` in src/model/options.ts:
// `--ca-bundle` → caBundle), `{op:x}` likewise for the operation's own options
// (our wait options), `{command}` for the command name; render.ts resolves
// them from the option list and fails on unknown ones.
import type { ErrorKind } from '../errors.js';

export const DESCRIPTION: readonly string[] = [
  '{command} asks Amazon EC2 to make a new EBS snapshot out of an existing one. The new snapshot is always created in the Region the request goes to (the one named with {global:region}, or the Region of your profile); {member:SourceRegion} says where the existing snapshot lives. The two may be the same Region.',
  'EC2 answers as soon as it has accepted the work, with the id of the new snapshot. The data itself is copied in the background, which may take anything from minutes to hours; until it is done the new snapshot stays in the pending state.',
  'A copy between Regions needs a request signed for the source Region. {command} signs one for you and sends it along with the destination Region, the way the AWS CLI does, so {member:PresignedUrl} and {member:DestinationRegion} can normally be left out.',
  'Copies of encrypted snapshots are encrypted too. To encrypt the copy of an unencrypted snapshot, add {member:Encrypted}; pick the KMS key with {member:KmsKeyId}, or leave it out to use the EBS default key of the account.',
  'Tags listed with {member:TagSpecifications} are attached when the snapshot is created, so the copy never exists untagged.',
  'Every option is read exactly as `aws ec2 copy-snapshot` reads it, abbreviations and `--name=value` forms included; values can also come from file:// paths.',
];

/** One word of an example command line. */
export type ExampleArg =
  | { readonly member: string; readonly value?: string }
  | { readonly global: string; readonly value?: string };

export interface Example {
  readonly title: string;
  readonly text: string;
  readonly args: readonly ExampleArg[];
  /** The CopySnapshot result EC2 returns; printed through --query/--output as given in args. */
  readonly result: Readonly<Record<string, unknown>>;
  /** What the command prints for `result` (test/help/examples.test.ts checks it against the real formatters). */
  readonly output: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    title: 'Copy a snapshot inside one Region',
    text: 'The profile in use has us-east-1 as its Region, so the copy is made there, next to the original.',
    args: [
      { member: 'SourceRegion', value: 'us-east-1' },
      { member: 'SourceSnapshotId', value: 'snap-0c4b1e7f2a9d35680' },
      { member: 'Description', value: 'Before the schema migration' },
    ],
    result: { SnapshotId: 'snap-09f1e2d3c4b5a6978' },
    output: '{\n    "SnapshotId": "snap-09f1e2d3c4b5a6978"\n}\n',
  },
  {
    title: 'Copy a snapshot to another Region and encrypt it',
    text: 'The request goes to eu-west-1, which is where the copy is made; the original stays in us-east-1. The copy is encrypted with a customer managed key of the destination Region.',
    args: [
      { global: 'region', value: 'eu-west-1' },
      { member: 'SourceRegion', value: 'us-east-1' },
      { member: 'SourceSnapshotId', value: 'snap-0c4b1e7f2a9d35680' },
      { member: 'Encrypted' },
      { member: 'KmsKeyId', value: 'alias/dr-backups' },
    ],
    result: { SnapshotId: 'snap-0aa17c3e5d2b94f61' },
    output: '{\n    "SnapshotId": "snap-0aa17c3e5d2b94f61"\n}\n',
  },
  {
    title: 'Tag the copy when it is created',
    text: 'The tag specification is written in shorthand syntax; give one word per resource type. The tags come back in the result.',
    args: [
      { member: 'SourceRegion', value: 'us-east-1' },
      { member: 'SourceSnapshotId', value: 'snap-0c4b1e7f2a9d35680' },
      { member: 'TagSpecifications', value: 'ResourceType=snapshot,Tags=[{Key=team,Value=storage}]' },
    ],
    result: {
      Tags: [{ Key: 'team', Value: 'storage' }],
      SnapshotId: 'snap-0d6e8f1a2b3c4d5e7',
    },
    output:
      '{\n    "Tags": [\n        {\n            "Key": "team",\n            "Value": "storage"\n        }\n    ],\n    "SnapshotId": "snap-0d6e8f1a2b3c4d5e7"\n}\n',
  },
  {
    title: 'Print only the id of the new snapshot',
    text: 'Handy in scripts: the output is the bare id, ready to be stored in a shell variable.',
    args: [
      { member: 'SourceRegion', value: 'us-east-1' },
      { member: 'SourceSnapshotId', value: 'snap-0c4b1e7f2a9d35680' },
      { global: 'query', value: 'SnapshotId' },
      { global: 'output', value: 'text' },
    ],
    result: { SnapshotId: 'snap-03b5c7d9e1f2a4b68' },
    output: 'snap-03b5c7d9e1f2a4b68\n',
  },
];

export const OUTPUT_INTRO =
  'On success one result is printed, in the format chosen with {global:output} (json unless your profile or the environment picks another); {global:query} selects parts of it. Its members are:';

/** Placed after the members of an element of a list of structures. */
export const SHORTHAND_INTRO = 'Shorthand syntax (each word is one element of the list):';
export const JSON_INTRO = 'JSON syntax:';

/** How options and choices that AWS CLI v1 lacks are marked. */
export const EXTRA_NOTE = 'not in AWS CLI v1';

/** The SUBCOMMANDS section: words that may replace the options (their names and descriptions come from the completion spec). */
export const SUBCOMMANDS_INTRO = 'Instead of options, the command line may be one of these words:';

/** What each kind of ending means, for the EXIT STATUS section (the codes come from src/errors.ts). */
export const EXIT_STATUS_INTRO = 'The exit codes are those of `aws ec2 copy-snapshot` (AWS CLI v1), with two more for stopping a wait (1 is where v1 ends with a Python traceback):';
export const EXIT_KIND_TEXT: Readonly<Record<ErrorKind | 'success', string>> = {
  success: 'the copy was accepted (and, with {op:wait} or {op:waitFor}, completed), or the requested text was printed',
  usage: 'an argument error: a missing required option, an option without its value, an ambiguous abbreviation, an invalid choice',
  'unknown-options': 'words no option takes',
  param: 'a value that cannot be read (shorthand, JSON, file://)',
  validation: 'the parameters do not fit the model',
  configuration: 'settings that cannot be used (missing profile, bad endpoint, bad Region name)',
  'no-region': 'no Region is configured',
  'no-credentials': 'no credentials are found',
  service: 'EC2 answered with an error (DryRunOperation included)',
  connection: 'the endpoint could not be reached or did not answer',
  general: 'anything else, including a copy that failed or a {op:waitTimeout} that ran out',
  interrupted: 'Ctrl-C (SIGINT)',
  terminated: 'SIGTERM while waiting; the copy goes on in EC2',
  hangup: 'SIGHUP while waiting; the copy goes on in EC2',
  crash: 'a config or credentials file that cannot be parsed (where v1 ends with a Python traceback)',
};

/** The ENVIRONMENT section: variables read, and what for. */
export const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  ['AWS_PROFILE, AWS_DEFAULT_PROFILE', 'The profile to use when {global:profile} is not given (AWS_DEFAULT_PROFILE wins).'],
  ['AWS_DEFAULT_REGION', 'The Region when {global:region} is not given; then the profile\'s region; AWS_REGION is used last.'],
  ['AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN', 'Credentials, used before those of the profile.'],
  ['AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE', 'Where the config and credentials files are (default ~/.aws/config, ~/.aws/credentials).'],
  ['AWS_CA_BUNDLE', 'A PEM file of certificate authorities, when {global:caBundle} is not given.'],
  ['AWS_MAX_ATTEMPTS, AWS_RETRY_MODE', 'How requests are retried (default 5 attempts, legacy mode).'],
  ['AWS_DEFAULT_OUTPUT', 'The output format when {global:output} is not given.'],
  ['AWS_CLI_ERROR_FORMAT', 'The error format when {global:cliErrorFormat} is not given.'],
  ['AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2', 'The endpoint when {global:endpointUrl} is not given.'],
  ['AWS_EC2_METADATA_DISABLED', 'true: do not ask the instance metadata service for credentials.'],
  ['HTTPS_PROXY, HTTP_PROXY, NO_PROXY', 'Proxies for https:// and http:// endpoints, and the hosts reached directly (lower-case names win).'],
  ['PAGER', 'The program that shows this page on a terminal.'],
  ['TERM', 'dumb: {op:wait} prints one line per change instead of a bar.'],
  ['NODE_COMPILE_CACHE, NODE_DISABLE_COMPILE_CACHE', 'Where the compiled code is cached (default a directory of yours under $TMPDIR); 1 turns the cache off.'],
];
