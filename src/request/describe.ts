// DescribeSnapshots for one snapshot, through the same EC2 client setup as
// CopySnapshot (Region, endpoint, credentials, v1's retries and transport):
// what --wait polls. One connection serves every poll of a wait.
import { DescribeSnapshotsCommand } from './sdk.js';
import { connectEc2, translateSdkError, type ClientOptions } from './client.js';
import { makingRequestMessage } from '../params/serialize.js';
import { PyDict } from '../python/value.js';

/** What --wait needs of a snapshot. */
export interface SnapshotStatus {
  readonly snapshotId: string;
  /** pending | completed | error | recoverable | recovering (kept as EC2 sends it). */
  readonly state: string;
  /** As EC2 sends it, e.g. `45%`; absent early in a copy. */
  readonly progress?: string;
  /** Why a snapshot is in the `error` state. */
  readonly stateMessage?: string;
}

export interface SnapshotDescriber {
  /**
   * The snapshot's status; undefined when EC2 lists no such snapshot.
   * Throws a CliError worded as AWS CLI v1 words DescribeSnapshots errors
   * (InvalidSnapshot.NotFound included).
   */
  describe(snapshotId: string, signal?: AbortSignal): Promise<SnapshotStatus | undefined>;
  /** Closes the connection; call once the wait is over. */
  close(): void;
}

export async function snapshotDescriber(options: ClientOptions): Promise<SnapshotDescriber> {
  const connection = await connectEc2(options);
  return {
    async describe(snapshotId, signal) {
      const input = { SnapshotIds: [snapshotId] };
      options.debug?.log('botocore.endpoint', makingRequestMessage('DescribeSnapshots', new PyDict([['SnapshotIds', [snapshotId]]]), options.endpoint));
      let output;
      try {
        output = await connection.client.send(new DescribeSnapshotsCommand(input), { abortSignal: signal });
      } catch (error) {
        throw translateSdkError(error, 'DescribeSnapshots', connection);
      }
      const snapshot = output.Snapshots?.find((s) => s.SnapshotId === snapshotId);
      if (snapshot === undefined) return undefined;
      return {
        snapshotId: snapshot.SnapshotId ?? snapshotId,
        state: snapshot.State ?? 'pending',
        ...(snapshot.Progress ? { progress: snapshot.Progress } : {}),
        ...(snapshot.StateMessage ? { stateMessage: snapshot.StateMessage } : {}),
      };
    },
    close() {
      connection.client.destroy();
    },
  };
}
