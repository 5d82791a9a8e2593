// Regenerates test/params/fixtures/reference.json: hand-picked and seeded
// random inputs, with the answers of the installed AWS CLI's own code
// (awscli 1.45.11 shorthand/argprocess, botocore validate, Python 3.11 json/int),
// run in-process by reference.py.
//
//   node test/params/capture/capture.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

let seed = 20240611;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
const times = (n, f) => Array.from({ length: n }, f);

// Shorthand building blocks.
const SH_CHARS = ['a', 'b', 'K', '=', '=', ',', ',', '[', ']', '{', '}', "'", '"', '\\', ' ', '\n', '\t', '@', ':', '.', 'x', '1', 'é', '😀', '\u00a0', '\x0b', 'Key', 'Value', '=[', '={', ' ,', '\\,', 'ResourceType', 'Tags', '\r', '\x1c', '\u3000'];
const KEYS = ['a', 'b', 'Key', 'Value', 'ResourceType', 'Tags', 'x.y', 'k#1', '', 'a/b:c', '-_'];
const VALS = ['v', 'snapshot', '1', 'true', 'a b', 'x=y', 'é😀', "'q,x'", "'it\\'s'", '"d,\\"q\\""', "'\\\\'", '"\\\\\\\\"', 'a\\,b', '  sp  ', 'a\nb', '[]', '{}', '', "''", '""', '\u00a0v\u00a0', '}', '\\'];
const chars = (alphabet, max) => times(Math.floor(rnd() * max), () => pick(alphabet)).join('');
function shValue(depth) {
  const r = rnd();
  if (depth < 3 && r < 0.2) {
    return `[${times(Math.floor(rnd() * 4), () => shValue(depth + 1)).join(pick([',', ', ', ' ,']))}${rnd() < 0.2 ? ',' : ''}]`;
  }
  if (depth < 3 && r < 0.4) {
    return `{${times(Math.floor(rnd() * 3), () => pick(KEYS) + pick(['=', ' = ']) + shValue(depth + 1)).join(pick([',', ', ']))}}`;
  }
  return pick(VALS);
}
function shorthand() {
  const parts = times(1 + Math.floor(rnd() * 3), () => {
    let v = shValue(0);
    if (rnd() < 0.3) v = `${v},${pick(VALS)}${rnd() < 0.5 ? `,${pick(VALS)}` : ''}`;
    return pick(KEYS) + pick(['=', '=', ' =', ' = ']) + v;
  });
  let s = parts.join(pick([',', ',', ', ', ' ,']));
  if (rnd() < 0.3) {
    const p = Math.floor(rnd() * (s.length + 1));
    s = rnd() < 0.5 ? s.slice(0, p) + pick(SH_CHARS) + s.slice(p) : s.slice(0, p) + s.slice(p + 1);
  }
  return s;
}

// JSON building blocks.
const JSON_CHARS = ['{', '}', '[', ']', ',', ':', '"', '"a"', '1', '-', '0', '.', 'e', 'E', '+', ' ', '\n', '\t', '\\', 'u', 'd', '8', 'x', 'null', 'true', 'NaN', 'Infinity', '-Infinity', '"\\u', 'é', '😀', '\x01', '\ufeff', 'nul'];
const JKEYS = ['"a"', '"ResourceType"', '"Tags"', '"Key"', '"Value"', '"1"', '"__proto__"', '"\\u00e9"', '"é😀"', '"q\'s"', '"b\\"c"'];
const JVALS = ['1', '1.0', '-0', '-0.0', '1e5', '1E-7', '123456789012345678901234567890', '9007199254740993', '0.1', '1e400', 'NaN', 'Infinity', '-Infinity', 'true', 'false', 'null', '"s"', '"x\\ny"', '"\\ud83d\\ude00"', '"\'"', '"\\""', '"\\\\"', '"\\u0001\\u007f\\u0085\\u00ad"', '"é"', '[]', '{}', '1.5', '100000000000000000.0', '1e16', '1e15', '0.0001', '0.00001', '12345.678e10'];
function jsonValue(depth) {
  const r = rnd();
  if (depth < 4 && r < 0.2) return `[${times(Math.floor(rnd() * 4), () => jsonValue(depth + 1)).join(pick([',', ', ', ' ,\n']))}]`;
  if (depth < 4 && r < 0.4) {
    return `{${times(Math.floor(rnd() * 4), () => pick(JKEYS) + pick([':', ' : ']) + jsonValue(depth + 1)).join(pick([',', ', ']))}}`;
  }
  return pick(JVALS);
}
function json() {
  let s = jsonValue(0);
  if (rnd() < 0.4) {
    const p = Math.floor(rnd() * (s.length + 1));
    s = rnd() < 0.5 ? s.slice(0, p) + pick(JSON_CHARS) + s.slice(p) : s.slice(0, p) + s.slice(p + 1);
  }
  return s;
}

// CopySnapshot request documents for validation.
const MEMBERS = ['Description', 'DestinationOutpostArn', 'DestinationRegion', 'Encrypted', 'KmsKeyId', 'PresignedUrl', 'SourceRegion', 'SourceSnapshotId', 'TagSpecifications', 'CompletionDurationMinutes', 'DestinationAvailabilityZone', 'DryRun', 'Foo', '1', 'b'];
const MEMBER_VALUES = ['"x"', '1', '0', '-5', 'true', 'false', 'null', '1.0', '[]', '{}', '["a"]', '{"a":1}', '[{"ResourceType":"snapshot","Tags":[{"Key":"k","Value":"v"}]}]', '[{"ResourceType":1,"Tags":{"Key":"k"},"X":2}]', '[{"Tags":[{"Key":1,"Value":null,"Z":"q"},"s",[]]}]', '["s"]', '[null]', '123456789012345678901234567890', 'NaN', '"é\\n"', '"it\'s"'];
const request = () => `{${times(Math.floor(rnd() * 5), () => `"${pick(MEMBERS)}":${pick(MEMBER_VALUES)}`).join(',')}}`;

const handShorthand = [
  'a=b', 'a=b,c', 'a=b,c,d=e', 'a=b,c=d', 'a=', 'a=,b=c', '=b', 'a', '', ' ', 'a=b ', ' a = b ', 'a=b c', 'a=b=c',
  'a=\\,b', 'a=b\\,c,d', 'a=[b,]', 'a=[]', 'a=[,]', 'a=[ b , c ]', 'a=[[b],[c,d]]', 'a={}', 'a={b=c}', 'a={b=c,b=d}',
  'a={Key=k,Value=}', "a={Key=k,Value=''}", 'a="x,y"', "a='x,y'", "a='it\\'s'", 'a="say \\"hi\\""', "a='\\\\'", "a='a\\\\' b'",
  "a='abc\\'", 'a=b,', 'a=b,,c', "a=b,'c,d'=e", 'a=b,c\\,d=e', 'a@=x', 'a @ = x', 'a@x', 'a=b\nc', 'a=b,\nc==d',
  'ResourceType=snapshot,Tags=[{Key=a,Value=1}]', 'ResourceType=snapshot,Tags=[{Key=a,Value=1}', 'ResourceType',
  'ResourceType==x', 'ResourceType=snapshot,ResourceType=volume', 'ResourceType=snapshot ResourceType=volume',
  "a='unterminated", 'a="unterminated', "a=[b,'c]", 'a=[b', 'a={b', 'a={b=c', 'a={=c}', 'a=}', 'a=]', 'a=[}]',
  'a=😀', 'a=x😀', 'a=é', 'k#1.x/y:z-_=v', 'a=b,c=d,a=e', 'a=b\n,a=c', 'a=b,\u00a0c', 'a=\u00a0b\u00a0', 'a=b\x0b',
  'a=b,c=d\ne=f', 'Tags={Key=a,Value=1}', 'Tags=abc', 'a=[\n b,\n c\n]', 'a = [ { b = c } , { d = e } ]',
  "a=[{b='x y'},\"z\"]", 'a={b=[c,d],e={f=g}}', 'a=b,c,d', 'a=b,"c",d', "a=b,'c'", 'a=b ,c', 'a=b, c ,d', 'a=b,c d=e',
];

const cases = [];
for (const input of handShorthand) cases.push({ mode: 'shorthand', input });
for (const input of times(400, shorthand)) cases.push({ mode: 'shorthand', input });
for (const input of times(150, () => chars(SH_CHARS, 16))) cases.push({ mode: 'shorthand', input });

const handWords = [
  [], [''], [' '], ['ResourceType=snapshot'], ['ResourceType=snapshot', 'ResourceType=volume,Tags=[{Key=k,Value=v}]'],
  ['ResourceType=snapshot,Tags={Key=a,Value=1}'], ['ResourceType=snapshot,Tags=abc'], ['ResourceType=snapshot,Tags=[1,2]'],
  ['Foo=1'], ['[{"ResourceType":"snapshot"}]'], [' [{"ResourceType":"snapshot"}] '], ['{"ResourceType":"snapshot"}'],
  ['{"ResourceType":"snapshot"}', '{"ResourceType":"volume"}'], ['[{"ResourceType":"snapshot"}]', '[{"ResourceType":"snapshot"}]'],
  ['{"ResourceType":"snapshot"}', 'ResourceType=volume'], ['{"ResourceType":"snapshot"}', ''], ['{}', ' '],
  ['[{"ResourceType": "snapshot",}]'], ['{"ResourceType": snapshot}'], ['[1,2]'], ['{"a":1} x'], ['[', ']'],
  ['\x0b[]'], ['\ufeff[]'], ['{"ResourceType":{"a":1},"Tags":[{"Key":1.0,"Value":true}]}'],
  ['ResourceType=snapshot', '{"ResourceType":"volume"}'],
];
for (const input of handWords) cases.push({ mode: 'words', input });
for (const input of times(200, () => times(Math.floor(rnd() * 3), () => (rnd() < 0.3 ? json() : shorthand())))) {
  cases.push({ mode: 'words', input });
}
for (const input of handWords) cases.push({ mode: 'wordsvalidate', input });
for (const input of times(200, () => (rnd() < 0.5 ? [`[${pick(MEMBER_VALUES)},${request()}]`] : times(1 + Math.floor(rnd() * 2), shorthand)))) {
  cases.push({ mode: 'wordsvalidate', input });
}

const handValues = [
  'ResourceType=snapshot,Tags=[{Key=sh,Value=1}]', 'ResourceType=snapshot,Tags=[{Key=sh,Value=1}]\n', '', ' ',
  '[{"ResourceType":"snapshot"}]', '[{"ResourceType":"snapshot"}]\n', ' [1]', '{"ResourceType":"snapshot"}',
  ' {"ResourceType":"snapshot"}', '\n{}', '{', 'Foo=bar',
];
for (const input of handValues) cases.push({ mode: 'value', input });
for (const input of times(100, shorthand)) cases.push({ mode: 'value', input });

const handJson = [
  '[', '{', '[1,', '{"a"', '{"a":', '{"a":1', '{"a":1,', '[1 2]', '"abc', '"a\\', '"\\x"', '"\\u12"', '"\\u12x"', '"\\u1234',
  '"\\ud800\\u12"', '"\\ud800\\udc0"', '"a\x01"', '"a\x1f"', '"a\x7f"', '\ufeff[]', '١', '-', '-a', '1.', '1e', '1e+', '[1]x',
  ' [1] \n x', 'NaN', '-Infinity', 'Infinity', 'nan', '\x0b[]', '', '  ', '"\\ud800"', '"\\ud83d\\ude00"', '{"a":1,}',
  '[1,]', 'tru', '\n\n  x', '[-]', '"\\u00"', '"\\u"', '{"a":1,"b":2,"a":3}', '{"1":1,"a":2,"0":3}', '{"__proto__":1}',
  '[1, 1.0, -0, -0.0, 1e5, 1E+5, 1e-5, 0.0001, 1e16, 1e15, 123456789012345678901234567890, 2.5e300, 1e400, -1e400]',
  '[{"ResourceType": "snapshot",}]', '{"ResourceType": snapshot}', '😀', '"😀', '[😀]', '{"😀":1,}', '"a\\"b\'c"',
  '"\\/\\b\\f\\n\\r\\t"', '0123', '00', '-01', '1.5e', '.5', '+1', '[1,,2]', '{"a" 1}', '{1:2}', '[true,false,null]', 'truex',
];
// Strings through json.loads, for repr(): quotes, escapes, printable or not
// (including characters Unicode assigned after Python 3.11's Unicode 14).
const CODE_POINTS = [0x0, 0x7, 0x9, 0xa, 0xd, 0x1b, 0x1f, 0x20, 0x22, 0x27, 0x5c, 0x7e, 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xa1, 0xad, 0xe9, 0xff, 0x100, 0x378, 0x37e, 0x61c, 0x1680, 0x2000, 0x200b, 0x200d, 0x2028, 0x2029, 0x202f, 0x2060, 0x3000, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x1fbca, 0x1fbcb, 0x11f00, 0x1e4d0, 0x31350, 0xe0001, 0xf0000, 0x10fffd, 0x10ffff, 0x4e2d, 0x88f];
const pyString = () => JSON.stringify(times(Math.floor(rnd() * 6), () => String.fromCodePoint(pick(CODE_POINTS))).join('')).replace(/[\ud800-\udfff]/g, (u) => `\\u${u.charCodeAt(0).toString(16)}`);
for (const input of times(250, pyString)) cases.push({ mode: 'jsonplain', input });
for (const input of times(50, () => `[${times(1 + Math.floor(rnd() * 3), pyString).join(', ')}]`)) cases.push({ mode: 'jsonplain', input });
for (const input of handJson) cases.push({ mode: 'json', input }, { mode: 'jsonplain', input });
for (const input of times(400, json)) cases.push({ mode: 'json', input });
for (const input of times(150, () => chars(JSON_CHARS, 12))) cases.push({ mode: 'json', input });

const handRequests = [
  '{}', '{"SourceRegion":"a","SourceSnapshotId":"b"}', '{"SourceRegion": 5, "SourceSnapshotId": {"a":[1,2.5e300, null, "x\\u00e9\\n"]}, "CompletionDurationMinutes": true, "DryRun": 1, "b":1,"0":2}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":false}', '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":0}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":-99999999999999999999}', '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":15.0}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","CompletionDurationMinutes":"15"}', '{"SourceRegion":null,"SourceSnapshotId":"s","Description":null}',
  '{"SourceRegion":"a","SourceSnapshotId":"s","TagSpecifications":{"ResourceType":"snapshot"}}', '{"SourceRegion":"a","SourceSnapshotId":"s","TagSpecifications":[{"Foo":1,"Tags":[{"Key":"k","Bar":2},5]}]}',
  '{"Foo":1,"SourceRegion":"a","Bar":2}', '{"SourceRegion":"a","SourceSnapshotId":"s","Encrypted":"true","DryRun":0}', '{"SourceRegion":"a","SourceSnapshotId":"s","Description":"it\'s"}',
];
for (const input of handRequests) cases.push({ mode: 'validate', input });
for (const input of times(300, request)) cases.push({ mode: 'validate', input });

const handInts = ['15', ' 15 ', '+15', '-15', '1_000', '1__0', '_1', '1_', '', ' ', 'abc', '1.5', '0x10', '٣', '\u00a012\u3000', '- 1', '+-1', '00', '-0', '99999999999999999999', '1'.repeat(4300), '1'.repeat(4301), '1'.repeat(4301) + 'x', "it's", 'a"b\'c', '1\n'];
for (const input of handInts) cases.push({ mode: 'int', input });

const py = spawnSync('python3', [join(here, 'reference.py')], { input: JSON.stringify(cases), maxBuffer: 1 << 30 });
if (py.status !== 0) {
  process.stderr.write(py.stderr);
  process.exit(1);
}
const answers = JSON.parse(py.stdout.toString());
const out = cases.map((c, i) => {
  const { type, ...answer } = answers[i];
  return { ...c, expected: answer };
});
mkdirSync(join(here, '..', 'fixtures'), { recursive: true });
writeFileSync(join(here, '..', 'fixtures', 'reference.json'), `[\n${out.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
console.log(`wrote ${out.length} cases`);
