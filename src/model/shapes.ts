// The vocabulary of the operation model: a small subset of the Smithy/botocore
// shape system, just what CopySnapshot needs. Everything downstream (argv
// options, skeletons, validation, wire ordering, help, completion) reads these.

export type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructureShape;

export interface StringShape {
  readonly type: 'string';
  readonly enum?: readonly string[];
  /** The service marks the value as secret (the CLI still prints it; --debug masks it). */
  readonly sensitive?: boolean;
}

export interface IntegerShape {
  readonly type: 'integer';
  readonly min?: number;
  /** Documented only: the AWS CLI does not check it on the client. */
  readonly max?: number;
}

export interface BooleanShape {
  readonly type: 'boolean';
}

export interface ListShape {
  readonly type: 'list';
  readonly member: Shape;
}

export interface StructureShape {
  readonly type: 'structure';
  /** Members in model order: this order drives options, skeletons, help and output. */
  readonly members: readonly Member[];
  readonly required?: readonly string[];
}

export interface Member {
  /** The API member name (PascalCase), as used in JSON input and output. */
  readonly name: string;
  /** The name on the EC2 query wire (the first segment of a flattened key). */
  readonly wireName: string;
  readonly shape: Shape;
  /** One-line summary, our own words; the help page and the YAML skeleton use it. */
  readonly summary: string;
  /** Longer explanation for the help page (optional). */
  readonly details?: string;
}

export interface OperationModel {
  readonly name: string;
  /** The AWS CLI command name (`copy-snapshot`). */
  readonly cliName: string;
  readonly apiVersion: string;
  readonly input: StructureShape;
  readonly output: StructureShape;
  readonly summary: string;
}

/** `SourceSnapshotId` → `source-snapshot-id` (the AWS CLI's option naming rule). */
export function cliOptionName(memberName: string): string {
  return memberName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

export function findMember(shape: StructureShape, name: string): Member | undefined {
  return shape.members.find((m) => m.name === name);
}

export function isRequired(shape: StructureShape, name: string): boolean {
  return shape.required?.includes(name) ?? false;
}
