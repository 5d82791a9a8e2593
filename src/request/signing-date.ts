// One instant for both signatures of a CopySnapshot attempt: the
// PresignedUrl's X-Amz-Date and the request's own. The SDK's signer takes
// the time itself when it signs; the client is given this signer instead,
// which signs at the instant the presign step pinned (when one is pinned).
// With clock-skew correction off, as in v1, that instant is the local clock.
import { SignatureV4 } from './sdk.js';

/** Where the presign step leaves the instant of the attempt being signed. */
export interface SigningDateSlot {
  current: Date | undefined;
}

type SignerInit = ConstructorParameters<typeof SignatureV4>[0] & { readonly signingDateSlot?: SigningDateSlot };

/** A SignatureV4 that signs requests at the slot's instant, when one is pinned. */
export class PinnedDateSigner extends SignatureV4 {
  private readonly slot: SigningDateSlot | undefined;

  constructor(init: SignerInit) {
    super(init);
    this.slot = init.signingDateSlot;
  }

  // sign() is overloaded (strings, events, requests); only requests carry a signingDate to pin.
  override sign: SignatureV4['sign'] = ((toSign: unknown, options?: { signingDate?: Date }) => {
    const pinned = this.slot?.current;
    const signed = pinned === undefined || typeof toSign === 'string' ? options : { ...options, signingDate: pinned };
    return (SignatureV4.prototype.sign as (t: unknown, o: unknown) => Promise<unknown>).call(this, toSign, signed);
  }) as SignatureV4['sign'];
}
