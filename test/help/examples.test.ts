// The help page prints each example's output as stored text (so help loads no
// formatter); this checks every stored text against the real formatters.
import { describe, expect, it } from 'vitest';
import { EXAMPLES, type ExampleArg } from '../../src/help/text.js';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import { formatOutput } from '../../src/output/index.js';
import { compileQuery } from '../../src/output/query.js';

describe('help examples', () => {
  it.each(EXAMPLES.map((e) => [e.title, e] as const))('%s prints what copy-snapshot prints', (_title, example) => {
    const global = (name: string) =>
      example.args.find((a): a is Extract<ExampleArg, { global: string }> => 'global' in a && a.global === name)?.value;
    const query = global('query');
    const printed = formatOutput(example.result, {
      format: global('output') ?? 'json',
      query: query === undefined ? undefined : compileQuery(query),
      color: false,
      terminalWidth: 80,
      title: COPY_SNAPSHOT.name,
    });
    expect(example.output).toBe(printed);
  });
});
