// One instant for both signatures of a CopySnapshot attempt: the
// PresignedUrl's X-Amz-Date and the request's own. The SDK's signer takes
// the time itself when it signs; the client is given this signer instead,
// which signs at the instant the presign step pinned (when one is pinned).
// With clock-skew correction off, as in v1, that instant is the local clock.
import { SIGNER_CANONICAL_REQUEST, SignatureV4 } from './sdk.js';

/** Where the presign step leaves the instant of the attempt being signed. */
export interface SigningDateSlot {
  current: Date | undefined;
}

type SignerInit = ConstructorParameters<typeof SignatureV4>[0] & {
  readonly signingDateSlot?: SigningDateSlot;
  /**
   * The canonical query botocore signs for a request whose parameters are
   * all in its body: the endpoint's own query, pairs as written, sorted (see
   * endpoint-url.ts). The SDK would encode them again.
   */
  readonly canonicalQuery?: string;
};

/** A SignatureV4 that signs requests at the slot's instant, when one is pinned. */
export class PinnedDateSigner extends SignatureV4 {
  private readonly slot: SigningDateSlot | undefined;
  private readonly canonicalQuery: string | undefined;

  constructor(init: SignerInit) {
    super(init);
    this.slot = init.signingDateSlot;
    this.canonicalQuery = init.canonicalQuery;
  }

  // The canonical request is method, path, query, headers...: its third line is the query.
  protected override [SIGNER_CANONICAL_REQUEST](...args: Parameters<SignatureV4[typeof SIGNER_CANONICAL_REQUEST]>): string {
    const canonical = super[SIGNER_CANONICAL_REQUEST](...args);
    if (this.canonicalQuery === undefined) return canonical;
    const lines = canonical.split('\n');
    lines[2] = this.canonicalQuery;
    return lines.join('\n');
  }

  // sign() is overloaded (strings, events, requests); only requests carry a signingDate to pin.
  override sign: SignatureV4['sign'] = ((toSign: unknown, options?: { signingDate?: Date }) => {
    const pinned = this.slot?.current;
    const signed = pinned === undefined || typeof toSign === 'string' ? options : { ...options, signingDate: pinned };
    return (SignatureV4.prototype.sign as (t: unknown, o: unknown) => Promise<unknown>).call(this, toSign, signed);
  }) as SignatureV4['sign'];
}
