import { describe, expect, it } from 'vitest';
import { CliError, ParamError, renderError, ServiceError, ValidationError, exitCodeOf, toCliError } from '../src/errors.js';

const USAGE = 'usage: copy-snapshot [options]\nTo see help text, you can run:\n\n  copy-snapshot help\n';

describe('renderError', () => {
  it.each([
    [new CliError('usage', 'the following arguments are required: --source-region'), { stdout: '', stderr: `${USAGE}copy-snapshot: error: the following arguments are required: --source-region\n`, exitCode: 2 }],
    [new CliError('unknown-options', 'Unknown options: --x'), { stdout: '', stderr: `${USAGE}\nUnknown options: --x\n`, exitCode: 255 }],
    [new ParamError('--description', 'Unable to load paramfile file://x: boom'), { stdout: '', stderr: "\nError parsing parameter '--description': Unable to load paramfile file://x: boom\n", exitCode: 255 }],
    [new ValidationError(['Missing required parameter in input: "SourceRegion"', 'Unknown parameter in input: "Foo"']), { stdout: '', stderr: '\nParameter validation failed:\nMissing required parameter in input: "SourceRegion"\nUnknown parameter in input: "Foo"\n', exitCode: 255 }],
    [new ServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 'CopySnapshot'), { stdout: '', stderr: '\nAn error occurred (DryRunOperation) when calling the CopySnapshot operation: Request would have succeeded, but DryRun flag is set.\n', exitCode: 255 }],
    [new ServiceError('InternalError', 'An internal error has occurred', 'CopySnapshot', 4), { stdout: '', stderr: '\nAn error occurred (InternalError) when calling the CopySnapshot operation (reached max retries: 4): An internal error has occurred\n', exitCode: 255 }],
    [new CliError('no-credentials', 'Unable to locate credentials.'), { stdout: '', stderr: 'Unable to locate credentials.\n', exitCode: 255 }],
    [new CliError('interrupted', ''), { stdout: '\n', stderr: '', exitCode: 130 }],
  ])('%s', (error, expected) => {
    expect(renderError(error, 'copy-snapshot')).toEqual(expected);
  });

  it('maps each kind to one exit code', () => {
    expect(exitCodeOf('usage')).toBe(2);
    expect(exitCodeOf('service')).toBe(255);
    expect(exitCodeOf('interrupted')).toBe(130);
  });

  it('wraps unexpected throws as general errors, keeping only the message', () => {
    expect(toCliError(new TypeError('boom'))).toMatchObject({ kind: 'general', message: 'boom' });
  });
});
