// Who sends our requests: `copy-snapshot/<version>`, at the end of the SDK's
// User-Agent on EC2's requests (as the AWS CLI appends aws-cli/<version>) and
// as the whole User-Agent of the STS and SSO calls we make ourselves, so that
// what copy-snapshot did can be told apart in CloudTrail.
import packageInfo from '../../package.json' with { type: 'json' };
import { PROGRAM_NAME } from '../model/copy-snapshot.js';

export const USER_AGENT_PRODUCT = `${PROGRAM_NAME}/${packageInfo.version}`;
