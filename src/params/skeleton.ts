// `--generate-cli-skeleton`: a template of the input (every member with a
// placeholder) and a sample of the output (every string filled with its
// member's name), both derived from the model.
import type { Member, Shape, StructureShape } from '../model/shapes.js';

export function inputSkeleton(shape: Shape): unknown {
  switch (shape.type) {
    case 'string':
      // v1 picks an enum value at random; we take the first, as v2 does.
      return shape.enum?.[0] ?? '';
    case 'integer':
      return 0;
    case 'boolean':
      return true;
    case 'list':
      return [inputSkeleton(shape.member)];
    case 'structure':
      return Object.fromEntries(shape.members.map((m) => [m.name, inputSkeleton(m.shape)]));
  }
}

export function sampleOutput(shape: Shape, name = ''): unknown {
  switch (shape.type) {
    case 'string':
      return shape.enum?.[0] ?? name;
    case 'integer':
      return 0;
    case 'boolean':
      return true;
    case 'list':
      return [sampleOutput(shape.member, name)];
    case 'structure':
      return Object.fromEntries(shape.members.map((m) => [m.name, sampleOutput(m.shape, m.name)]));
  }
}

export function skeletonJson(shape: StructureShape): string {
  return `${JSON.stringify(inputSkeleton(shape), null, 4)}\n`;
}

/** The first sentence of a summary, for YAML skeleton comments. */
function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

function yamlScalar(value: unknown): string {
  return value === '' ? "''" : String(value);
}

function memberComment(member: Member, required: boolean): string {
  const parts = [required ? '[REQUIRED] ' : '', firstSentence(member.summary)];
  if (member.shape.type === 'string' && member.shape.enum) parts.push(` Valid values are: ${member.shape.enum.join(', ')}.`);
  return ` # ${parts.join('')}`;
}

function yamlLines(shape: StructureShape, indent: string, firstPrefix: string): string[] {
  const lines: string[] = [];
  shape.members.forEach((member, i) => {
    const lead = i === 0 ? firstPrefix : indent;
    const comment = memberComment(member, shape.required?.includes(member.name) ?? false);
    const value = inputSkeleton(member.shape);
    if (member.shape.type === 'structure') {
      lines.push(`${lead}${member.name}:${comment}`, ...yamlLines(member.shape, `${indent}  `, `${indent}  `));
    } else if (member.shape.type === 'list') {
      const item = member.shape.member;
      lines.push(`${lead}${member.name}:${comment}`);
      if (item.type === 'structure') lines.push(...yamlLines(item, `${indent}  `, `${indent}- `));
      else lines.push(`${indent}- ${yamlScalar(inputSkeleton(item))}`);
    } else {
      lines.push(`${lead}${member.name}: ${yamlScalar(value)}${comment}`);
    }
  });
  return lines;
}

/** `--generate-cli-skeleton yaml-input` (AWS CLI v2): the template as YAML, each key commented from the model. */
export function skeletonYaml(shape: StructureShape): string {
  return `${yamlLines(shape, '', '').join('\n')}\n`;
}
