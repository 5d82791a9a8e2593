// Types for scripts/prune-schemas.mjs (used by the build and by test/build/).
import type { Plugin } from 'esbuild';

export declare const PRUNED_MARKER: string;

export interface PruneResult {
  /** The pruned module, with stubs for the exports that were pruned. */
  readonly code: string;
  /** The pruned module without those stubs. */
  readonly keptCode: string;
  /** Top-level names kept. */
  readonly kept: readonly string[];
  /** Number of top-level declaration statements in the original. */
  readonly declarations: number;
  readonly exportedKept: readonly string[];
  readonly exportedPruned: readonly string[];
}

export declare function pruneSchemas(source: string, options: { roots: readonly string[]; file?: string }): PruneResult;

export declare function verifyPrunedSchemas(
  original: string,
  pruned: string,
  options: { roots: readonly string[]; file?: string },
): { nodes: number };

export interface PruneReport {
  readonly client: string;
  readonly path: string;
  readonly originalBytes: number;
  readonly prunedBytes: number;
  readonly declarations: number;
  readonly kept: number;
  readonly exportedKept: readonly string[];
  readonly verifiedNodes: number;
  readonly ms: number;
}

export declare function pruneSchemasPlugin(options: {
  roots: Readonly<Record<string, readonly string[]>>;
  onReport?: (report: PruneReport) => void;
}): Plugin;

export declare function findUsedPrunedSchemas(files: ReadonlyMap<string, string>): string[];
