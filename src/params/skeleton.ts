// `--generate-cli-skeleton`: a template of the input (every member with a
// placeholder) and a sample of the output (every string filled with its
// member's name), both derived from the model.
import type { Shape, StructureShape } from '../model/shapes.js';

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
