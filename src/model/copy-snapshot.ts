// The CopySnapshot operation (EC2 API 2016-11-15), the single source of truth
// for every option, type, enum and wire name. Adding a member here adds its
// option, skeleton entry, help entry, validation and completion.
import type { OperationModel, Shape, StructureShape } from './shapes.js';

/** Values accepted for TagSpecification.ResourceType, in the service's order. */
export const RESOURCE_TYPES: readonly string[] = [
  "capacity-reservation", "client-vpn-endpoint", "customer-gateway", "carrier-gateway",
  "coip-pool", "declarative-policies-report", "dedicated-host", "dhcp-options",
  "egress-only-internet-gateway", "elastic-ip", "elastic-gpu", "export-image-task",
  "export-instance-task", "fleet", "fpga-image", "host-reservation", "image", "image-usage-report",
  "import-image-task", "import-snapshot-task", "instance", "instance-event-window",
  "internet-gateway", "ipam", "ipam-pool", "ipam-scope", "ipv4pool-ec2", "ipv6pool-ec2",
  "key-pair", "launch-template", "local-gateway", "local-gateway-route-table",
  "local-gateway-virtual-interface", "local-gateway-virtual-interface-group",
  "local-gateway-route-table-vpc-association",
  "local-gateway-route-table-virtual-interface-group-association", "natgateway", "network-acl",
  "network-interface", "network-insights-analysis", "network-insights-path",
  "network-insights-access-scope", "network-insights-access-scope-analysis", "outpost-lag",
  "placement-group", "prefix-list", "replace-root-volume-task", "reserved-instances",
  "route-table", "security-group", "security-group-rule", "service-link-virtual-interface",
  "snapshot", "spot-fleet-request", "spot-instances-request", "subnet", "subnet-cidr-reservation",
  "traffic-mirror-filter", "traffic-mirror-session", "traffic-mirror-target", "transit-gateway",
  "transit-gateway-attachment", "transit-gateway-connect-peer", "transit-gateway-multicast-domain",
  "transit-gateway-policy-table", "transit-gateway-metering-policy", "transit-gateway-route-table",
  "transit-gateway-route-table-announcement", "volume", "vpc", "vpc-endpoint",
  "vpc-endpoint-connection", "vpc-endpoint-service", "vpc-endpoint-service-permission",
  "vpc-peering-connection", "vpn-connection", "vpn-gateway", "vpc-flow-log",
  "capacity-reservation-fleet", "traffic-mirror-filter-rule",
  "vpc-endpoint-connection-device-type", "verified-access-instance", "verified-access-group",
  "verified-access-endpoint", "verified-access-policy", "verified-access-trust-provider",
  "vpn-connection-device-type", "vpc-block-public-access-exclusion", "vpc-encryption-control",
  "route-server", "route-server-endpoint", "route-server-peer", "ipam-resource-discovery",
  "ipam-resource-discovery-association", "instance-connect-endpoint",
  "verified-access-endpoint-target", "ipam-external-resource-verification-token", "capacity-block",
  "mac-modification-task", "ipam-prefix-list-resolver", "ipam-policy",
  "ipam-prefix-list-resolver-target", "secondary-interface", "secondary-network",
  "secondary-subnet", "capacity-manager-data-export", "vpn-concentrator", "ipam-pool-allocation",
];

const stringShape: Shape = { type: 'string' };

const tagShape: StructureShape = {
  type: 'structure',
  members: [
    { name: 'Key', wireName: 'Key', shape: stringShape, summary: 'The tag key.' },
    { name: 'Value', wireName: 'Value', shape: stringShape, summary: 'The tag value.' },
  ],
};

const tagListShape: Shape = { type: 'list', member: tagShape };

const tagSpecificationShape: StructureShape = {
  type: 'structure',
  members: [
    {
      name: 'ResourceType',
      wireName: 'ResourceType',
      shape: { type: 'string', enum: RESOURCE_TYPES },
      summary: 'The kind of resource the tags go on; for a snapshot copy, use snapshot.',
    },
    { name: 'Tags', wireName: 'Tag', shape: tagListShape, summary: 'The tags to apply.' },
  ],
};

export const COPY_SNAPSHOT: OperationModel = {
  name: 'CopySnapshot',
  cliName: 'copy-snapshot',
  apiVersion: '2016-11-15',
  summary:
    'Starts a copy of an EBS snapshot, within its Region or into another Region, Outpost or Local Zone, and prints the id of the new snapshot.',
  input: {
    type: 'structure',
    required: ['SourceRegion', 'SourceSnapshotId'],
    members: [
      {
        name: 'Description',
        wireName: 'Description',
        shape: stringShape,
        summary: 'Free text stored with the new snapshot.',
      },
      {
        name: 'DestinationOutpostArn',
        wireName: 'DestinationOutpostArn',
        shape: stringShape,
        summary: 'ARN of the Outpost that should receive the copy.',
        details: 'Only for copies from a Region to an Outpost of that Region. Copies on an Outpost must be encrypted.',
      },
      {
        name: 'DestinationRegion',
        wireName: 'DestinationRegion',
        shape: stringShape,
        summary: 'The Region the copy is made in.',
        details:
          'The copy is always made in the Region the request is sent to (--region, or your configured Region). When no presigned URL is given, this value is replaced by that Region before sending.',
      },
      {
        name: 'Encrypted',
        wireName: 'Encrypted',
        shape: { type: 'boolean' },
        summary: 'Encrypt the copy.',
        details:
          'Needed to encrypt a copy of an unencrypted snapshot when encryption by default is off. An encrypted source always gives an encrypted copy.',
      },
      {
        name: 'KmsKeyId',
        wireName: 'KmsKeyId',
        shape: stringShape,
        summary: 'The KMS key that encrypts the copy, as a key id, alias or ARN.',
        details: 'Without it the account default key for EBS is used. Setting it requires --encrypted.',
      },
      {
        name: 'PresignedUrl',
        wireName: 'PresignedUrl',
        shape: { type: 'string', sensitive: true },
        summary: 'A presigned CopySnapshot request for the source Region.',
        details:
          'Normally left out: copy-snapshot signs one for you, valid for an hour, and sends the destination Region with it. Given here, it is sent exactly as written and nothing is added.',
      },
      {
        name: 'SourceRegion',
        wireName: 'SourceRegion',
        shape: stringShape,
        summary: 'The Region that holds the snapshot to copy.',
      },
      {
        name: 'SourceSnapshotId',
        wireName: 'SourceSnapshotId',
        shape: stringShape,
        summary: 'The id of the snapshot to copy.',
      },
      {
        name: 'TagSpecifications',
        wireName: 'TagSpecification',
        shape: { type: 'list', member: tagSpecificationShape },
        summary: 'Tags to put on the new snapshot.',
      },
      {
        name: 'CompletionDurationMinutes',
        wireName: 'CompletionDurationMinutes',
        shape: { type: 'integer', min: 1, max: 2880 },
        summary: 'Finish the copy within this many minutes (a time-based copy), from 15 to 2880 in steps of 15.',
      },
      {
        name: 'DestinationAvailabilityZone',
        wireName: 'DestinationAvailabilityZone',
        shape: stringShape,
        summary: 'The Local Zone that should receive the copy, such as us-west-2-lax-1a.',
      },
      {
        name: 'DryRun',
        wireName: 'DryRun',
        shape: { type: 'boolean' },
        summary: 'Only check permissions and parameters; the service answers DryRunOperation when the call would succeed.',
      },
    ],
  },
  output: {
    type: 'structure',
    members: [
      { name: 'Tags', wireName: 'tagSet', shape: tagListShape, summary: 'The tags applied to the new snapshot.' },
      { name: 'SnapshotId', wireName: 'snapshotId', shape: stringShape, summary: 'The id of the new snapshot.' },
    ],
  },
};

/**
 * The program's name: the command it replaces (`aws ec2 copy-snapshot`). The
 * one place it is written: error lines, messages, the version line, help,
 * completion and the User-Agent read it from here.
 */
export const PROGRAM_NAME = COPY_SNAPSHOT.cliName;
