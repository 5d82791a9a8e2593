// SSO (botocore's SSOProvider, METHOD `sso`): the sso_session form and the
// legacy sso_start_url form, from the AWS CLI's token cache. STUB: to be written.
import type { CredentialContext, Found } from './types.js';

export async function ssoProvider(_context: CredentialContext, _profileName: string): Promise<Found | undefined> {
  return undefined;
}
