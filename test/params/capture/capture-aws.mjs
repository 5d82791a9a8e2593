// Regenerates test/params/fixtures/aws.json by running the installed `aws`
// (AWS CLI 1.45.11) for each case and keeping its stderr and exit code.
// Nothing reaches AWS: validation and parsing fail before any request, and the
// valid cases end at a refused connection to 127.0.0.1:9.
//
//   node test/params/capture/capture-aws.mjs
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cs-capture-'));

const env = {
  PATH: process.env.PATH,
  HOME: scratch,
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'y',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_MAX_ATTEMPTS: '1',
};

const base = ['ec2', 'copy-snapshot', '--endpoint-url', 'http://127.0.0.1:9', '--cli-connect-timeout', '1'];

/** --tag-specifications words (with the two required options first). */
const words = [
  ['ResourceType=snapshot,Tags=[{Key=a,Value=1}'],
  ['ResourceType'],
  ['ResourceType==x'],
  ['ResourceType=snapshot,ResourceType=volume'],
  ['ResourceType=snapshot,Tags=[{Key=a,Value=1}],\nResourceType=volume'],
  ['ResourceType=snapshot,Tags=[1,2]'],
  ['ResourceType=snapshot,Tags={Key=a,Value=1}'],
  ['ResourceType=snapshot,Tags=abc'],
  ['ResourceType=snapshot,Foo=1,Bar=[x]'],
  ['ResourceType=snapshot,Tags=[{Key=k,Value=}]'],
  ["ResourceType=snapshot,Tags=[{Key=k,Value=''}]"],
  ['ResourceType=snapshot,Tags=[{Key=k,Value="x,y"}]'],
  ['ResourceType=snapshot,'],
  ["ResourceType='snapshot"],
  ['ResourceType="snapshot'],
  ['ResourceType=snapshot', 'ResourceType=volume,Tags=[{Key=k,Value=v},{Key=k2}]'],
  ['ResourceType=snapshot', 'Bogus'],
  ['Tags=[{Key=a,Value=b,Extra=c}],ResourceType=nope'],
  ['ResourceType=a,b,c=d'],
  ['ResourceType=😀,Tags=[{Key=é,Value=\u00a0x\u00a0}]'],
  ['ResourceType=x\ny==z'],
  [''],
  [],
  ['[{"ResourceType": "snapshot",}]'],
  ['{"ResourceType": snapshot}'],
  ['[{"ResourceType":"snapshot"}]', '[{"ResourceType":"snapshot"}]'],
  ['{"ResourceType":"snapshot"}', 'ResourceType=volume'],
  ['{"ResourceType":"snapshot"}', ''],
  ['{"ResourceType":"snapshot"}', '{"ResourceType":5,"Tags":{}}'],
  ['[{"ResourceType":{"a":1},"Tags":[{"Key":1.0,"Value":true}]}]'],
  ['[{"ResourceType":null,"Tags":[null,"x",[],{"Key":"k","Value":"v","Z":NaN}]}]'],
  ['[{"ResourceType":"snapshot","Tags":[{"Key":"k","Value":"v"}]}]'],
  ['[1, "a", []]'],
  ['{"a":1} x'],
  ['["\\x"]'],
  ['[{"ResourceType":"\\u12"}]'],
  ['["a\u0001"]'],
  ['["unterminated]'],
  ['[{"ResourceType": 123456789012345678901234567890, "Tags": [{"Key": -0.0, "Value": 1e400}]}]'],
  ['[{"ResourceType":"snapshot","ResourceType":"volume","1":2}]'],
];

/** A single file:// value for --tag-specifications (file contents). */
const files = [
  'ResourceType=snapshot,Tags=[{Key=sh,Value=1}]',
  'ResourceType=snapshot,Tags=[{Key=sh,Value=1}]\n',
  '[{"ResourceType":"snapshot","Tags":[{"Key":"k","Value":"v"}]}]\n',
  '{"ResourceType":"snapshot"}',
  ' {"ResourceType":"snapshot"}',
  '',
  '[{"ResourceType":"snapshot",}]',
];

/** --cli-input-json documents (no other options). */
const documents = [
  '{"SourceRegion": 5, "SourceSnapshotId": {"a":[1,2.5e300, null, "x\\u00e9\\n"]}, "CompletionDurationMinutes": true, "DryRun": 1, "b":1,"0":2}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":false}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":0}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":15.0}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":"15"}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":-123456789012345678901234567890}',
  '{"SourceRegion":null,"SourceSnapshotId":"s","Description":null}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","TagSpecifications":{"ResourceType":"snapshot"}}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","TagSpecifications":[{"Foo":1,"Tags":[{"Key":"k","Bar":2},5]}]}',
  '{"Foo":1,"SourceRegion":"a","Bar":2}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","Encrypted":"true","DryRun":0}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","Description":["it\'s", "say \\"hi\\"", "both \'\\"", "back\\\\slash", "\\u0000\\u001f\\u007f\\u0085\\u00a0\\u00ad\\u2028\\ud83d\\ude00"]}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","Description":[1e16, 1e15, 0.0001, 0.00001, -0.0, 1.5e-7, 123456789.125, NaN, -Infinity]}',
  '{"SourceRegion":"a","SourceSnapshotId":"s"}',
  '{"SourceRegion":"a",}',
  '[1]x',
];

async function aws(args) {
  try {
    const { stderr } = await run('aws', [...base, ...args], { env, maxBuffer: 1 << 26 });
    return { stderr, rc: 0 };
  } catch (e) {
    return { stderr: e.stderr, rc: e.code };
  }
}

const jobs = [
  ...words.map((w) => ({ kind: 'words', input: w, args: ['--source-region', 'a', '--source-snapshot-id', 'b', '--tag-specifications', ...w] })),
  ...files.map((content, i) => {
    const path = join(scratch, `value-${i}.txt`);
    writeFileSync(path, content);
    return { kind: 'file', input: content, args: ['--source-region', 'a', '--source-snapshot-id', 'b', '--tag-specifications', `file://${path}`] };
  }),
  ...documents.map((d) => ({ kind: 'cli-input-json', input: d, args: ['--cli-input-json', d] })),
];

const results = [];
for (let i = 0; i < jobs.length; i += 8) {
  const batch = jobs.slice(i, i + 8);
  const answers = await Promise.all(batch.map((j) => aws(j.args)));
  batch.forEach((j, n) => results.push({ kind: j.kind, input: j.input, stderr: answers[n].stderr, rc: answers[n].rc }));
}
writeFileSync(join(here, '..', 'fixtures', 'aws.json'), `[\n${results.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(`wrote ${results.length} cases`);
