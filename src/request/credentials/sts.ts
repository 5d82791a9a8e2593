// The STS calls behind assume-role and web identity, as botocore's STS
// client makes them. STUB: to be written.
import { CliError } from '../../errors.js';
import type { CredentialContext, Keys } from './types.js';

export interface AssumeRoleArgs {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly ExternalId?: string;
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
  readonly DurationSeconds?: number;
}

export interface AssumeRoleWithWebIdentityArgs {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly WebIdentityToken: string;
  readonly DurationSeconds?: number;
}

/** AssumeRole signed with `source`; errors worded as v1 words them (`... when calling the AssumeRole operation: ...`). */
export async function assumeRole(_context: CredentialContext, _source: Keys, _args: AssumeRoleArgs): Promise<Keys> {
  throw new CliError('general', 'AssumeRole: not implemented');
}

/** AssumeRoleWithWebIdentity (unsigned). */
export async function assumeRoleWithWebIdentity(_context: CredentialContext, _args: AssumeRoleWithWebIdentityArgs): Promise<Keys> {
  throw new CliError('general', 'AssumeRoleWithWebIdentity: not implemented');
}
