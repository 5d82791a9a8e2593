// Where a service lives in a Region when no endpoint URL is configured: the
// one place for botocore's partitions (botocore/data/partitions.json) and for
// the EC2 endpoint rule set (FIPS, dual-stack). Pure.

export interface Partition {
  readonly name: string;
  readonly dnsSuffix: string;
  readonly dualStackDnsSuffix: string;
}

interface PartitionEntry extends Partition {
  readonly regionRegex: RegExp;
  /** Region names listed outside the pattern (the partitions' pseudo-Regions). */
  readonly listed: readonly string[];
}

// In botocore's order: the first partition that lists the Region, or whose
// pattern matches it, is the Region's; anything else is `aws`'s. Every
// partition supports FIPS and dual-stack endpoints.
const PARTITIONS: readonly PartitionEntry[] = [
  { name: 'aws', regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, dnsSuffix: 'amazonaws.com', dualStackDnsSuffix: 'api.aws', listed: ['aws-global'] },
  { name: 'aws-cn', regionRegex: /^cn-\w+-\d+$/, dnsSuffix: 'amazonaws.com.cn', dualStackDnsSuffix: 'api.amazonwebservices.com.cn', listed: ['aws-cn-global'] },
  { name: 'aws-eusc', regionRegex: /^eusc-(de)-\w+-\d+$/, dnsSuffix: 'amazonaws.eu', dualStackDnsSuffix: 'api.amazonwebservices.eu', listed: [] },
  { name: 'aws-iso', regionRegex: /^us-iso-\w+-\d+$/, dnsSuffix: 'c2s.ic.gov', dualStackDnsSuffix: 'api.aws.ic.gov', listed: ['aws-iso-global'] },
  { name: 'aws-iso-b', regionRegex: /^us-isob-\w+-\d+$/, dnsSuffix: 'sc2s.sgov.gov', dualStackDnsSuffix: 'api.aws.scloud', listed: ['aws-iso-b-global'] },
  { name: 'aws-iso-e', regionRegex: /^eu-isoe-\w+-\d+$/, dnsSuffix: 'cloud.adc-e.uk', dualStackDnsSuffix: 'api.cloud-aws.adc-e.uk', listed: ['aws-iso-e-global'] },
  { name: 'aws-iso-f', regionRegex: /^us-isof-\w+-\d+$/, dnsSuffix: 'csp.hci.ic.gov', dualStackDnsSuffix: 'api.aws.hci.ic.gov', listed: ['aws-iso-f-global'] },
  { name: 'aws-us-gov', regionRegex: /^us-gov-\w+-\d+$/, dnsSuffix: 'amazonaws.com', dualStackDnsSuffix: 'api.aws', listed: ['aws-us-gov-global'] },
];

/** The partition a Region belongs to (botocore's `aws.partition`). */
export function partitionOf(region: string): Partition {
  // Python's `$` also matches before one final newline.
  const name = region.endsWith('\n') ? region.slice(0, -1) : region;
  return PARTITIONS.find((p) => p.listed.includes(region) || p.regionRegex.test(name)) ?? PARTITIONS[0]!;
}

/**
 * botocore's fips pseudo-Regions: `fips-us-east-1` and `us-east-1-fips` mean
 * Region `us-east-1` with FIPS endpoints (every `fips-` and `-fips` is taken out).
 */
export function withoutFipsPseudoRegion(region: string): { readonly region: string; readonly fips: boolean } {
  const plain = region.split('fips-').join('').split('-fips').join('');
  return { region: plain, fips: plain !== region };
}

export interface EndpointVariant {
  readonly fips: boolean;
  readonly dualStack: boolean;
}

/**
 * A service's endpoint in a Region by the rule set EC2, STS, SSO and SSO OIDC
 * share (botocore/data/<service>/<version>/endpoint-rule-set-1.json): FIPS
 * hosts take `-fips` after the prefix, except in GovCloud, where the plain
 * name is already FIPS.
 */
export function standardEndpoint(prefix: string, region: string, variant: EndpointVariant): string {
  const partition = partitionOf(region);
  if (variant.fips && variant.dualStack) return `https://${prefix}-fips.${region}.${partition.dualStackDnsSuffix}`;
  if (variant.fips) return partition.name === 'aws-us-gov' ? `https://${prefix}.${region}.amazonaws.com` : `https://${prefix}-fips.${region}.${partition.dnsSuffix}`;
  if (variant.dualStack) return `https://${prefix}.${region}.${partition.dualStackDnsSuffix}`;
  return `https://${prefix}.${region}.${partition.dnsSuffix}`;
}
