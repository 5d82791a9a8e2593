// The EC2 calls of a bulk copy, through the project's client setup
// (request/client.ts) and its SDK door: DescribeSnapshots (all pages) on one
// connection per Region, and CopySnapshot through request/send.ts, so each
// copy's body, PresignedUrl and signature are exactly the single command's.
import type { ClientOptions, Ec2Connection } from '../request/client.js';
import type { ListedSnapshot } from './plan.js';
import { makingRequestMessage, sdkInput } from '../params/serialize.js';
import { fromJs, type PyDict } from '../python/value.js';

export interface DescribeInput {
  readonly SnapshotIds?: readonly string[];
  readonly OwnerIds?: readonly string[];
  readonly Filters?: readonly { readonly Name?: string; readonly Values?: readonly string[] }[];
}

export interface SnapshotLister {
  /** Every snapshot DescribeSnapshots lists for the input (following NextToken). */
  list(input: DescribeInput, signal?: AbortSignal): Promise<ListedSnapshot[]>;
  close(): void;
}

export async function snapshotLister(options: ClientOptions): Promise<SnapshotLister> {
  const { connectEc2, translateSdkError } = await import('../request/client.js');
  const { DescribeSnapshotsCommand } = await import('../request/sdk.js');
  const connection: Ec2Connection = await connectEc2(options);
  return {
    async list(input, signal) {
      const listed: ListedSnapshot[] = [];
      let token: string | undefined;
      do {
        const request = { ...input, ...(token === undefined ? {} : { NextToken: token }) };
        options.debug?.log('botocore.endpoint', makingRequestMessage('DescribeSnapshots', fromJs(request) as PyDict, options.endpoint));
        let output;
        try {
          output = await connection.client.send(new DescribeSnapshotsCommand(request as never), { abortSignal: signal });
        } catch (error) {
          throw translateSdkError(error, 'DescribeSnapshots', connection);
        }
        for (const s of output.Snapshots ?? []) {
          if (s.SnapshotId === undefined) continue;
          listed.push({
            snapshotId: s.SnapshotId,
            state: s.State ?? 'pending',
            ...(s.Progress ? { progress: s.Progress } : {}),
            ...(s.StateMessage ? { stateMessage: s.StateMessage } : {}),
            tags: (s.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
          });
        }
        token = output.NextToken || undefined;
      } while (token !== undefined);
      return listed;
    },
    close() {
      connection.client.destroy();
    },
  };
}

/** One CopySnapshot, as the single command sends it; returns the new snapshot's id. */
export async function sendCopy(options: ClientOptions, pyParams: PyDict): Promise<string> {
  const { sendCopySnapshot } = await import('../request/send.js');
  const { assertEncodable } = await import('../request/query-encoding.js');
  options.debug?.log('botocore.endpoint', makingRequestMessage('CopySnapshot', pyParams, options.endpoint));
  const params = sdkInput(pyParams);
  assertEncodable(params);
  const output = await sendCopySnapshot({ ...options, params });
  return String(output.SnapshotId ?? '');
}
