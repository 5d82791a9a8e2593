// --debug for the HTTP exchange: the request as sent (after signing) and the
// response as received, logged under botocore's logger names.
import type { EC2Client, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentityProvider, DeserializeMiddleware, FinalizeRequestMiddleware, HttpRequest, HttpResponse } from '@smithy/types';
import { takeBody } from './response-body.js';
import { SIGNING_MIDDLEWARE } from './sdk.js';
import type { DebugLogger } from '../debug.js';

function headerLines(headers: Record<string, string | undefined>): string {
  return JSON.stringify(headers);
}

/** `url` is botocore's URL of the request (endpoint-url.ts), which its log names. */
export function logExchange(client: EC2Client, debug: DebugLogger, credentials: AwsCredentialIdentityProvider | undefined, url: string): void {
  const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    if (credentials) {
      const identity = await credentials();
      debug.addSecret(identity.secretAccessKey);
      debug.addSecret(identity.sessionToken);
    }
    const request = args.request as HttpRequest;
    debug.log(
      'botocore.endpoint',
      `Sending http request: <AWSPreparedRequest stream_output=False, method=${request.method}, url=${url}, headers=${headerLines(request.headers)}>`,
    );
    debug.log('botocore.endpoint', `Request body: ${String(request.body ?? '')}`);
    return next(args);
  };
  // Innermost in the deserialize step: sees the raw response before it is parsed.
  const responseLogger: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    const result = await next(args);
    const response = result.response as HttpResponse;
    debug.log('botocore.parsers', `Response headers: ${headerLines(response.headers)}`);
    debug.log('botocore.parsers', `Response body:\n${(await takeBody(response)).toString('utf8')}`);
    return result;
  };
  client.middlewareStack.add(responseLogger, { name: 'debugResponse', step: 'deserialize', priority: 'low' });
  // After signing, inside the retry loop: every attempt is logged as sent.
  if (credentials) {
    client.middlewareStack.addRelativeTo(middleware, { name: 'debugExchange', relation: 'after', toMiddleware: SIGNING_MIDDLEWARE });
  } else {
    client.middlewareStack.add(middleware, { name: 'debugExchange', step: 'finalizeRequest', priority: 'low' });
  }
}
