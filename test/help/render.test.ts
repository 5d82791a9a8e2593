// The help page's structure, checked against the model it is generated from.
import { describe, expect, it } from 'vitest';
import { renderHelp } from '../../src/help/index.js';
import { jsonSyntax, shorthandSyntax } from '../../src/help/render.js';
import { EXAMPLES } from '../../src/help/text.js';
import { COPY_SNAPSHOT, RESOURCE_TYPES } from '../../src/model/copy-snapshot.js';
import { EXTRA_OUTPUT_FORMATS, EXTRA_SKELETON_MODES, GLOBAL_OPTIONS, OUTPUT_FORMATS, COLOR_MODES, SKELETON_MODES } from '../../src/model/globals.js';
import { cliOptionName, isRequired, type Member, type OperationModel } from '../../src/model/shapes.js';
import { operationOptions } from '../../src/parse/options.js';

const ESC = '\u001b';
const SECTIONS = ['NAME', 'DESCRIPTION', 'SYNOPSIS', 'OPTIONS', 'GLOBAL OPTIONS', 'EXAMPLES', 'OUTPUT', 'SUBCOMMANDS', 'EXIT STATUS', 'ENVIRONMENT'];
const plain = renderHelp({ styled: false, width: 80 });
const lines = plain.split('\n');

/** The lines of one section, from its heading to the next one. */
function section(name: string, text = plain): string[] {
  const all = text.split('\n');
  const start = all.indexOf(name);
  expect(start, `section ${name}`).toBeGreaterThanOrEqual(0);
  const rest = all.slice(start + 1);
  const end = rest.findIndex((l) => SECTIONS.includes(l));
  return end < 0 ? rest : rest.slice(0, end);
}

const flagOf = (m: Member) => `--${cliOptionName(m.name)}`;
const members = COPY_SNAPSHOT.input.members;
/** Options every operation gets beyond its members (--cli-input-json, --generate-cli-skeleton, ...). */
// Options beyond the operation's members (v1's, --wait, and the bulk options of model/bulk.ts).
const addedOptions = operationOptions(COPY_SNAPSHOT).filter((o) => !o.member || !COPY_SNAPSHOT.input.members.includes(o.member));
const takesValue = (o: { kind: string }) => o.kind !== 'flag';

/** Indexes of `needles` in `haystack`, each searched after the previous one. */
function inOrder(haystack: readonly string[], needles: readonly ((line: string) => boolean)[]): number[] {
  const found: number[] = [];
  let from = 0;
  for (const test of needles) {
    const at = haystack.findIndex((l, i) => i >= from && test(l));
    found.push(at);
    if (at >= 0) from = at + 1;
  }
  return found;
}

function typeOf(m: Member): string {
  return m.shape.type;
}

describe('help page structure', () => {
  it('has the sections in order, each heading on a line of its own', () => {
    const at = SECTIONS.map((s) => lines.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(plain.endsWith('\n')).toBe(true);
    expect(plain.endsWith('\n\n')).toBe(false);
  });

  it('names the command with the model summary', () => {
    const name = section('NAME').join(' ').replace(/\s+/g, ' ').trim();
    expect(name).toBe(`${COPY_SNAPSHOT.cliName} - ${COPY_SNAPSHOT.summary}`);
  });

  it('resolves every option reference in its prose', () => {
    expect(plain).not.toMatch(/\{(member|global|command)/);
    const description = section('DESCRIPTION').join(' ');
    expect(description).toContain('--source-region');
    expect(description).toContain('--region');
  });

  it('is in our own words, not AWS prose', () => {
    const flat = plain.replace(/\s+/g, ' ');
    for (const phrase of [
      'Copies a point-in-time snapshot of an EBS volume and stores it in Amazon S3',
      'See also: AWS API Documentation',
      'To copy a snapshot',
    ]) {
      expect(flat).not.toContain(phrase);
    }
  });
});

describe('SYNOPSIS', () => {
  const synopsis = section('SYNOPSIS').map((l) => l.trim()).filter((l) => l !== '');

  it('lists every operation option in model order, then the added ones, then every global option', () => {
    const expected: string[] = [];
    for (const m of members) {
      if (m.shape.type === 'boolean') expected.push(`[${flagOf(m)} | --no-${cliOptionName(m.name)}]`);
      else if (isRequired(COPY_SNAPSHOT.input, m.name)) expected.push(`${flagOf(m)} <value>`);
      else expected.push(`[${flagOf(m)} <value>]`);
    }
    for (const o of addedOptions) {
      expected.push(o.kind === 'list' && o.member === undefined ? `[${o.flag} <value> [<value>...]]` : takesValue(o) ? `[${o.flag} <value>]` : `[${o.flag}]`);
    }
    for (const g of GLOBAL_OPTIONS) expected.push(g.kind === 'flag' ? `[${g.flag}]` : `[${g.flag} <value>]`);
    expect(synopsis).toEqual([COPY_SNAPSHOT.cliName, ...expected]);
  });

  it('leaves the required options unbracketed and pairs booleans', () => {
    expect(synopsis).toContain('--source-region <value>');
    expect(synopsis).toContain('--source-snapshot-id <value>');
    expect(synopsis).toContain('[--encrypted | --no-encrypted]');
    expect(synopsis).toContain('[--dry-run | --no-dry-run]');
    expect(synopsis).toContain('[--cli-input-json <value>]');
    expect(synopsis).toContain('[--generate-cli-skeleton <value>]');
    expect(synopsis).toContain('[--wait-for <value> [<value>...]]');
  });
});

describe('OPTIONS', () => {
  const options = section('OPTIONS');

  it('describes every operation option in model order with its type and summary', () => {
    const headings = members.map((m) =>
      m.shape.type === 'boolean'
        ? `    ${flagOf(m)} | --no-${cliOptionName(m.name)} (boolean)`
        : `    ${flagOf(m)} (${typeOf(m)})${isRequired(COPY_SNAPSHOT.input, m.name) ? ' [required]' : ''}`,
    );
    const added = addedOptions.map((o) => `    ${o.flag} (${o.member?.shape.type ?? (o.kind === 'list' ? 'list' : takesValue(o) ? 'string' : 'boolean')})`);
    const at = inOrder(options, [...headings.map((h) => (l: string) => l === h), ...added.map((h) => (l: string) => l.startsWith(h))]);
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    const text = options.join('\n').replace(/\s+/g, ' ');
    for (const m of members) expect(text).toContain(m.summary.replace(/\s+/g, ' '));
  });

  it('shows each of the types string, boolean, integer and list', () => {
    const text = options.join('\n');
    expect(text).toContain('--description (string)');
    expect(text).toContain('--encrypted | --no-encrypted (boolean)');
    expect(text).toContain('--completion-duration-minutes (integer)');
    expect(text).toContain('--tag-specifications (list)');
  });

  it('gives shorthand and JSON syntax for --tag-specifications, with every ResourceType value', () => {
    const text = options.join('\n');
    expect(text).toContain('            ResourceType=string,Tags=[{Key=string,Value=string},...]\n');
    const start = options.findIndex((l) => l.trim() === 'JSON syntax:');
    expect(start).toBeGreaterThan(0);
    const block = options.slice(start + 2, options.indexOf('            ]', start) + 1).join('\n');
    expect(block.startsWith('            [\n              {\n                "ResourceType": "capacity-reservation"|')).toBe(true);
    expect(block).toContain('"Tags": [');
    expect(block).toContain('"Key": "string",');
    const listed = [...block.matchAll(/"([a-z0-9-]+)"\|?/g)].map((m) => m[1]).filter((v) => v !== 'string');
    expect(listed).toEqual(RESOURCE_TYPES);
  });

  it('describes the nested members and the enum values', () => {
    const text = options.join('\n');
    expect(text).toContain('          ResourceType -> (string)');
    expect(text).toContain('          Tags -> (list)');
    expect(text).toContain('                Key -> (string)');
    const possible = text.slice(text.indexOf('Possible values:')).split('\n\n')[0]!.replace(/\s+/g, ' ');
    expect(possible).toBe(`Possible values: ${RESOURCE_TYPES.join(', ')}`);
  });

  it('lists --generate-cli-skeleton choices, marking those v1 lacks', () => {
    const text = options.join('\n');
    for (const mode of SKELETON_MODES) expect(text).toContain(`          * ${mode}\n`);
    for (const mode of EXTRA_SKELETON_MODES) expect(text).toContain(`          * ${mode} (not in AWS CLI v1)\n`);
  });
});

describe('GLOBAL OPTIONS', () => {
  const globals = section('GLOBAL OPTIONS');

  it('describes every global option in order with type and summary', () => {
    const headings = GLOBAL_OPTIONS.map((g) => (l: string) => l.startsWith(`    ${g.flag} (`));
    const at = inOrder(globals, headings);
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    for (const g of GLOBAL_OPTIONS) {
      const heading = globals.find((l) => l.startsWith(`    ${g.flag} (`))!;
      const type = g.kind === 'flag' ? '\\(boolean\\)' : '\\((string|integer)\\)';
      // Options v1 lacks carry a marker after the type.
      expect(heading).toMatch(new RegExp(`${type}${'extra' in g && g.extra ? ' \\[not in AWS CLI v1\\]' : ''}$`));
    }
    expect(globals).toContain('    --cli-read-timeout (integer)');
    const text = globals.join(' ').replace(/\s+/g, ' ');
    for (const g of GLOBAL_OPTIONS) expect(text).toContain(g.summary);
  });

  it('lists the --output and --color choices, marking our extras', () => {
    const text = globals.join('\n');
    const output = text.slice(text.indexOf('    --output (string)'), text.indexOf('    --query'));
    expect(output.match(/\* \S+.*/g)).toEqual([
      ...OUTPUT_FORMATS.map((f) => `* ${f}`),
      ...EXTRA_OUTPUT_FORMATS.map((f) => `* ${f} (not in AWS CLI v1)`),
    ]);
    const color = text.slice(text.indexOf('    --color (string)'));
    expect(color.match(/\* \S+/g)?.slice(0, COLOR_MODES.length)).toEqual(COLOR_MODES.map((c) => `* ${c}`));
  });
});

describe('EXAMPLES and OUTPUT', () => {
  const examples = section('EXAMPLES');
  const text = examples.join('\n');

  it('shows the examples with their commands and outputs', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
    expect(EXAMPLES.length).toBeLessThanOrEqual(4);
    for (const e of EXAMPLES) expect(examples).toContain(`    ${e.title}`);
    expect(text.match(/^ {12}copy-snapshot \\$/gm)).toHaveLength(EXAMPLES.length);
    // cross-Region encrypted copy
    expect(text).toMatch(/--region eu-west-1 \\\n\s+--source-region us-east-1 \\[\s\S]*--encrypted \\\n\s+--kms-key-id/);
    // tags
    expect(text).toContain("'ResourceType=snapshot,Tags=[{Key=team,Value=storage}]'");
    // --query/--output text prints the bare id
    expect(text).toMatch(/--query SnapshotId \\\n\s+--output text\n\n\s+Output:\n\n {12}snap-[0-9a-f]+\n/);
    expect(text).toContain('                "SnapshotId": "snap-');
  });

  it('describes the result members in model order', () => {
    const output = section('OUTPUT');
    const at = inOrder(
      output,
      COPY_SNAPSHOT.output.members.map((m) => (l: string) => l === `    ${m.name} -> (${m.shape.type})`),
    );
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(output.join(' ')).toContain('--output');
  });
});

describe('styling and width', () => {
  const styled = renderHelp({ styled: true, width: 80 });
  const strip = (s: string) => s.replace(/\u001b\[\d+m/g, '');

  it('plain text has no escape sequences', () => {
    expect(plain).not.toContain(ESC);
  });

  it('styled text bolds headings and option names and underlines placeholders', () => {
    const boldWords = (text: string) => text.split(' ').map((w) => `${ESC}[1m${w}${ESC}[22m`).join(' ');
    const styledLines = styled.split('\n');
    for (const s of SECTIONS) expect(styledLines).toContain(boldWords(s));
    expect(styled).toContain(`    ${ESC}[1m--source-region${ESC}[22m (string) [required]`);
    expect(styled).toContain(`[${ESC}[1m--description${ESC}[22m <${ESC}[4mvalue${ESC}[24m>]`);
  });

  it('styled text is the plain text plus escapes', () => {
    expect(strip(styled)).toBe(plain);
  });

  it.each([40, 50, 64, 80, 100, 132, 200])('keeps every line within %i columns', (width) => {
    for (const styledFlag of [false, true]) {
      const page = renderHelp({ styled: styledFlag, width });
      const wide = page.split('\n').filter((l) => [...strip(l)].length > width);
      expect(wide).toEqual([]);
    }
  });

  it('fills wider terminals: fewer lines at 132 than at 80', () => {
    expect(renderHelp({ styled: false, width: 132 }).split('\n').length).toBeLessThan(lines.length);
  });

  it('raises tiny widths to a readable minimum', () => {
    expect(renderHelp({ styled: false, width: 5 })).toBe(renderHelp({ styled: false, width: 40 }));
  });
});

describe('generated from the model', () => {
  it('syntax helpers follow the shape', () => {
    const shape = members.find((m) => m.name === 'TagSpecifications')!.shape;
    expect(shorthandSyntax(shape)).toBe('ResourceType=string,Tags=[{Key=string,Value=string},...]');
    expect(jsonSyntax({ type: 'list', member: { type: 'string' } })).toEqual(['[', '  "string"', '  ...', ']']);
  });

  it('a member added to the model appears in SYNOPSIS and OPTIONS', () => {
    const operation: OperationModel = {
      ...COPY_SNAPSHOT,
      input: {
        ...COPY_SNAPSHOT.input,
        members: [
          ...members,
          { name: 'PollSeconds', wireName: 'PollSeconds', shape: { type: 'integer' }, summary: 'A member only this test has.' },
          {
            name: 'Mode',
            wireName: 'Mode',
            shape: { type: 'string', enum: ['fast', 'slow'] },
            summary: 'Another one.',
          },
        ],
      },
    };
    const page = renderHelp({ styled: false, width: 80 }, operation);
    const synopsis = section('SYNOPSIS', page).map((l) => l.trim());
    expect(synopsis.indexOf('[--poll-seconds <value>]')).toBe(synopsis.indexOf('[--dry-run | --no-dry-run]') + 1);
    expect(synopsis.indexOf('[--mode <value>]')).toBe(synopsis.indexOf('[--poll-seconds <value>]') + 1);
    const options = section('OPTIONS', page).join('\n');
    expect(options).toContain('    --poll-seconds (integer)\n        A member only this test has.');
    expect(options).toContain('    --mode (string)\n        Another one.\n\n        Possible values: fast, slow');
  });
});
