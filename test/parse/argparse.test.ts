// Expected messages and orderings were captured from `aws ec2 copy-snapshot`
// (AWS CLI v1 1.45.11 on Python 3.11.7) with the same words.
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { parseCommandLine } from '../../src/parse/index.js';

function errorOf(argv: string[]): { kind: string; message: string } {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof CliError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

const REQUIRED = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];

describe('operation options', () => {
  it('maps every option to its model member, in model order', () => {
    const inv = parseCommandLine([
      ...REQUIRED,
      '--description', 'd', '--destination-outpost-arn', 'arn', '--destination-region', 'eu-west-1',
      '--encrypted', '--kms-key-id', 'alias/k', '--presigned-url', 'p', '--tag-specifications', 'a', 'b',
      '--completion-duration-minutes', '15', '--destination-availability-zone', 'az', '--dry-run',
    ]);
    expect(inv).toEqual({
      kind: 'operation',
      globals: {},
      members: {
        SourceRegion: 'us-east-1', SourceSnapshotId: 'snap-1', Description: 'd', DestinationOutpostArn: 'arn',
        DestinationRegion: 'eu-west-1', Encrypted: true, KmsKeyId: 'alias/k', PresignedUrl: 'p',
        TagSpecifications: ['a', 'b'], CompletionDurationMinutes: '15', DestinationAvailabilityZone: 'az', DryRun: true,
      },
      cliInputJson: undefined,
      skeleton: undefined,
    });
  });

  it.each([
    [['--source-snap', 'snap-9', '--source-region', 'r', '--desc', 'x'], { SourceSnapshotId: 'snap-9', SourceRegion: 'r', Description: 'x' }],
    [['--source-snapshot-id=snap-2', '--source-region=r', '--description=key=value'], { SourceSnapshotId: 'snap-2', SourceRegion: 'r', Description: 'key=value' }],
    [[...REQUIRED, '--description', 'first', '--description', 'second'], { Description: 'second' }],
    [[...REQUIRED, '--encrypted', '--no-encrypted'], { Encrypted: false }],
    [[...REQUIRED, '--no-dry-run', '--dry-run'], { DryRun: true }],
    [[...REQUIRED, '--description', '-x y'], { Description: '-x y' }],
    [[...REQUIRED, '--description=-x'], { Description: '-x' }],
    [[...REQUIRED, '--completion-duration-minutes', '-15'], { CompletionDurationMinutes: '-15' }],
    [[...REQUIRED, '--tag-specifications'], { TagSpecifications: [] }],
    [[...REQUIRED, '--tag-specifications', 'a', '--tag-specifications', 'b', 'c'], { TagSpecifications: ['b', 'c'] }],
    [[...REQUIRED, '--enc'], { Encrypted: true }],
  ])('%j', (argv, expected) => {
    const inv = parseCommandLine(argv);
    expect(inv.kind).toBe('operation');
    if (inv.kind === 'operation') expect(inv.members).toMatchObject(expected);
  });

  it('takes global options anywhere, and a unique global prefix before an operation one', () => {
    const inv = parseCommandLine(['--desc', 'x', '--reg', 'us-west-2', ...REQUIRED, '--o', 'text', '--de', '--q', 'SnapshotId']);
    expect(inv).toMatchObject({
      kind: 'operation',
      globals: { region: 'us-west-2', output: 'text', debug: true, query: 'SnapshotId' },
      members: { Description: 'x' },
    });
  });

  it('reads --no-verify-ssl, --no-sign-request and --no-paginate as false settings', () => {
    const inv = parseCommandLine([...REQUIRED, '--no-verify-ssl', '--no-sign-request', '--no-paginate']);
    expect(inv).toMatchObject({ globals: { verifySsl: false, signRequest: false, paginate: false } });
  });

  it.each([
    [['--generate-cli-skeleton'], 'input'],
    [['--generate-cli-skeleton', 'input'], 'input'],
    [['--generate-cli-skeleton', 'yaml-input'], 'yaml-input'],
    [[...REQUIRED, '--generate-cli-skeleton', 'output'], 'output'],
  ])('--generate-cli-skeleton %j', (argv, mode) => {
    expect(parseCommandLine(argv)).toMatchObject({ kind: 'operation', skeleton: mode });
  });
});

describe('version and help', () => {
  it.each([[['--version']], [['--source-region', 'x', '--version', '--output', 'xml']], [['--vers']]])('%j prints the version', (argv) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'version' });
  });
  it.each([[['help']], [[...REQUIRED, 'help']], [['--region', 'x', 'help']], [['--help']], [['--source-region', 'x', '--help']]])('%j shows help', (argv) => {
    expect(parseCommandLine(argv).kind).toBe('help');
  });
});

describe('argparse errors (rc 2)', () => {
  it.each([
    [[], 'the following arguments are required: --source-region, --source-snapshot-id'],
    [['--source-region', 'x'], 'the following arguments are required: --source-snapshot-id'],
    [['--description', 'x', 'help'], 'the following arguments are required: --source-region, --source-snapshot-id'],
    [['--cli-input-json=file://x'], 'the following arguments are required: --source-region, --source-snapshot-id'],
    [['--generate-cli-skeleton', 'output'], 'the following arguments are required: --source-region, --source-snapshot-id'],
    [['--c', 'x'], 'ambiguous option: --c could match --color, --ca-bundle, --cli-read-timeout, --cli-connect-timeout'],
    [['--no'], 'ambiguous option: --no could match --no-verify-ssl, --no-paginate, --no-sign-request'],
    [['--s', 'x'], 'ambiguous option: --s could match --source-region, --source-snapshot-id'],
    [['--s=x'], 'ambiguous option: --s=x could match --source-region, --source-snapshot-id'],
    [['--dest', 'x'], 'ambiguous option: --dest could match --destination-outpost-arn, --destination-region, --destination-availability-zone'],
    [[...REQUIRED, '--description', '-x'], 'argument --description: expected one argument'],
    [[...REQUIRED, '--description'], 'argument --description: expected one argument'],
    [[...REQUIRED, '--query', '--debug'], 'argument --query: expected one argument'],
    [['--encrypted=true'], "argument --encrypted: ignored explicit argument 'true'"],
    [['--debug='], "argument --debug: ignored explicit argument ''"],
    [
      ['--output', 'xml'],
      'argument --output: Invalid choice, valid choices are:\n\njson                                     | text                                    \ntable                                   ',
    ],
    [
      ['--output', 'jsn'],
      "argument --output: Invalid choice, valid choices are:\n\njson                                     | text                                    \ntable                                   \n\n\nInvalid choice: 'jsn', maybe you meant:\n\n  * json",
    ],
    [
      ['--color', 'purple'],
      'argument --color: Invalid choice, valid choices are:\n\non                                       | off                                     \nauto                                    ',
    ],
    [
      ['--generate-cli-skeleton', 'inpu'],
      "argument --generate-cli-skeleton: Invalid choice, valid choices are:\n\ninput                                    | output                                  \n\n\nInvalid choice: 'inpu', maybe you meant:\n\n  * input",
    ],
  ])('%j', (argv, message) => {
    expect(errorOf(argv)).toEqual({ kind: 'usage', message });
  });

  it('checks the global options before the operation options', () => {
    expect(errorOf(['--description', '--output', 'xml']).message).toMatch(/^argument --output: Invalid choice/);
  });
});

describe('Unknown options (rc 255), in v1 order', () => {
  it.each([
    [[...REQUIRED, '--frobnicate', 'yes'], 'Unknown options: --frobnicate, yes'],
    [[...REQUIRED, 'foo', 'bar', '--zzz'], 'Unknown options: bar, --zzz, foo'],
    [[...REQUIRED, '--foo', 'bar', '--baz'], 'Unknown options: --foo, --baz, bar'],
    [[...REQUIRED, '--zzz=1', 'foo'], 'Unknown options: --zzz=1, foo'],
    [[...REQUIRED, '-x'], 'Unknown options: -x'],
    [[...REQUIRED, '--', '--x'], 'Unknown options: --x'],
    [[...REQUIRED, '--frob', '--desc=a', 'b', 'c', '--zz=1', '-x'], 'Unknown options: --frob, c, --zz=1, -x, b'],
  ])('%j', (argv, message) => {
    expect(errorOf(argv)).toEqual({ kind: 'unknown-options', message });
  });
});
