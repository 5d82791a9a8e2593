// Web identity (botocore's AssumeRoleWithWebIdentityProvider, METHOD
// `assume-role-with-web-identity`), from the profile and from the
// environment. STUB: to be written.
import type { CredentialContext, Found } from './types.js';

/**
 * The web-identity provider for `profileName`. `disableEnvVars` is true when
 * --profile was given (botocore then ignores AWS_ROLE_ARN & co.) and for
 * source profiles of assume-role.
 */
export async function webIdentityProvider(_context: CredentialContext, _profileName: string, _disableEnvVars: boolean): Promise<Found | undefined> {
  return undefined;
}
