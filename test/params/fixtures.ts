// Loads the captured answers of the real AWS CLI (see test/params/capture/):
// - fixtures/reference.json: capture.mjs + reference.py drive the installed
//   awscli 1.45.11 / botocore / Python 3.11.7 modules in-process;
// - fixtures/aws.json: capture-aws.mjs runs the installed `aws` binary.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, ParamError, ValidationError, renderError } from '../../src/errors.js';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import type { Shape } from '../../src/model/shapes.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface ReferenceCase {
  mode: 'shorthand' | 'words' | 'value' | 'wordsvalidate' | 'json' | 'jsonplain' | 'validate' | 'int';
  input: string & string[];
  expected: { repr?: string; error?: string; general?: string; valueerror?: string; report?: string };
}

export interface AwsCase {
  kind: 'words' | 'file' | 'cli-input-json';
  input: string & string[];
  stderr: string;
  rc: number;
}

const reference = JSON.parse(readFileSync(join(here, 'fixtures', 'reference.json'), 'utf8')) as ReferenceCase[];
const aws = JSON.parse(readFileSync(join(here, 'fixtures', 'aws.json'), 'utf8')) as AwsCase[];

export function referenceCases(mode: ReferenceCase['mode']): ReferenceCase[] {
  return reference.filter((c) => c.mode === mode);
}

export function awsCases(kind: AwsCase['kind']): AwsCase[] {
  return aws.filter((c) => c.kind === kind);
}

export const TAG_SPECIFICATIONS: Shape = COPY_SNAPSHOT.input.members.find((m) => m.name === 'TagSpecifications')!.shape;

/** What a failure looks like in the reference answers. */
export function describeError(e: unknown): ReferenceCase['expected'] {
  if (e instanceof ParamError) return { error: e.message };
  if (e instanceof ValidationError) return { report: e.problems.join('\n') };
  if (e instanceof CliError && e.kind === 'general') return { general: e.message };
  if (e instanceof Error && e.name === 'ShorthandSyntaxError') return { error: e.message };
  if (e instanceof Error && e.name === 'PythonJsonError') return { valueerror: e.message };
  throw e;
}

/** stderr as the AWS CLI prints it for this error (program name `aws`). */
export function stderrOf(e: CliError): string {
  return renderError(e, 'aws').stderr;
}

/**
 * The installed 1.45.11 prints `{self._error_location()}` instead of the input
 * and caret (fixed in 1.45.53; decisions.md 4). Compare everything else.
 */
export function withoutLocation(stderr: string): string {
  return stderr.replace(/ for input:\n[\s\S]*$/, ' for input:\n<location>\n');
}
