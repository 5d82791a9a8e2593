// --output yaml / yaml-stream (AWS CLI v2 behaviour; v2 is not installed here).
// Expected bytes: test/output/fixtures/yaml.json, written by
// `python3 test/output/fixtures/gen_yaml.py`: libyaml's emitter (as ruamel.yaml.clib
// uses it) with a YAML 1.2 resolver, ruamel's float text, keys sorted, allow_unicode,
// plus v2's formatter rules from the spec (scalars as JSON, `{}` prints nothing).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatYaml, formatYamlStream } from '../../src/output/yaml.js';
import { jsonLoads } from '../../src/python/json.js';

interface Case {
  name: string;
  data: string | null;
  yaml: string;
  yamlStream: string;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/yaml.json', import.meta.url), 'utf8')) as Case[];

function input(c: Case): unknown {
  if (c.data !== null) return jsonLoads(c.data);
  // shared-refs: one object referenced from several places, as a --query can produce.
  const tags = [{ Key: 'k', Value: 'v' }];
  return { a: tags, b: tags, c: [tags, tags[0]] };
}

describe('formatYaml / formatYamlStream match AWS CLI v2 (ruamel + libyaml)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const v = input(c);
    expect({ yaml: formatYaml(v), yamlStream: formatYamlStream(v) }).toEqual({ yaml: c.yaml, yamlStream: c.yamlStream });
  });
});

// shared/spec/awscli-behavior.md §5.3 (captured from v2 2.36.7 by the spec's authors).
describe('formatYaml: spec samples', () => {
  const response = { SnapshotId: 'snap-1', Tags: [{ Key: 'k', Value: 'v' }] };
  it.each([
    ['yaml', formatYaml(response), 'SnapshotId: snap-1\nTags:\n- Key: k\n  Value: v\n'],
    ['yaml-stream', formatYamlStream(response), '- SnapshotId: snap-1\n  Tags:\n  - Key: k\n    Value: v\n'],
    ['yaml scalar', formatYaml('snap-1'), '"snap-1"\n'],
    ['yaml null', formatYaml(null), 'null\n'],
    ['yaml {}', formatYaml({}), ''],
    ['yaml-stream {}', formatYamlStream({}), ''],
  ])('%s', (_n, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
