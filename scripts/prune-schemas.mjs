// Build-time pruning of an AWS SDK v3 client's schema module
// (`@aws-sdk/client-*/dist-es/schemas/schemas_0.js`).
//
// That module declares every shape of the service as a top-level `var`/`const`
// (arrays, with `() => Other$` thunks for references) and esbuild keeps all of
// it, because array literals with computed keys are not provably pure. We only
// send a couple of operations, so we keep the top-level declarations reachable
// from those operations (plus everything with a side effect, e.g. the error
// registrations and `errorTypeRegistries`) and drop the rest.
//
// The analysis is a plain dependency walk over the module's syntax tree
// (TypeScript's parser). It only accepts the constructs it knows are free of
// side effects (literals, arrays, objects, argument-less arrow functions,
// arithmetic on literals, identifiers that resolve to top-level bindings);
// anything else makes the build fail with a message saying what and where.
// After pruning, `verifyPrunedSchemas` evaluates both the original and the
// pruned module and checks that the schema graphs reachable from the roots are
// identical, value for value.
//
// Exports that are pruned are replaced by a stub so that the SDK's other
// (tree-shaken) modules that import them still link. A stub that survives
// tree-shaking, i.e. is actually used by the bundle, carries the marker string
// `PRUNED_MARKER + name`, which the build looks for in its output and rejects.
import ts from 'typescript';

export const PRUNED_MARKER = 'cs-pruned-schema:';

class PruneError extends Error {}

function fail(file, sourceFile, node, message) {
  const where = node ? sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)) : undefined;
  const location = where ? `${file}:${where.line + 1}:${where.character + 1}` : file;
  const snippet = node ? ` in: ${node.getText(sourceFile).slice(0, 160)}` : '';
  throw new PruneError(`schema pruning: ${location}: ${message}${snippet}`);
}

const ARITHMETIC = new Set([
  ts.SyntaxKind.BarToken,
  ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken,
]);

/**
 * Identifiers an expression references, checking that evaluating it has no
 * side effects. Returns { refs, effects }; `effects` is true when the
 * expression calls or constructs something at module evaluation time (such a
 * declaration is kept unconditionally).
 */
function collect(expr, ctx) {
  const refs = new Set();
  let effects = false;
  const visit = (node, lazy) => {
    switch (node.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
      case ts.SyntaxKind.NullKeyword:
        return;
      case ts.SyntaxKind.Identifier:
        refs.add(node.text);
        return;
      case ts.SyntaxKind.ParenthesizedExpression:
        return visit(node.expression, lazy);
      case ts.SyntaxKind.TemplateExpression:
        for (const span of node.templateSpans) {
          // `${x}` converts x to a string; only plain identifiers/literals are accepted.
          if (!ts.isIdentifier(span.expression) && !ts.isStringLiteral(span.expression) && !ts.isNumericLiteral(span.expression)) {
            ctx.fail(span.expression, 'unsupported template substitution');
          }
          visit(span.expression, lazy);
        }
        return;
      case ts.SyntaxKind.PrefixUnaryExpression:
        if (node.operator !== ts.SyntaxKind.MinusToken && node.operator !== ts.SyntaxKind.PlusToken && node.operator !== ts.SyntaxKind.TildeToken) {
          ctx.fail(node, 'unsupported unary operator');
        }
        if (!ts.isNumericLiteral(node.operand)) ctx.fail(node, 'unary operator on a non-literal');
        return;
      case ts.SyntaxKind.BinaryExpression:
        if (!ARITHMETIC.has(node.operatorToken.kind)) ctx.fail(node, 'unsupported binary operator');
        for (const side of [node.left, node.right]) {
          if (!ts.isNumericLiteral(side) && !ts.isBinaryExpression(side) && !ts.isParenthesizedExpression(side)) {
            ctx.fail(node, 'arithmetic on something other than numeric literals');
          }
          visit(side, lazy);
        }
        return;
      case ts.SyntaxKind.ArrayLiteralExpression:
        for (const element of node.elements) {
          if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) ctx.fail(element, 'unsupported array element');
          visit(element, lazy);
        }
        return;
      case ts.SyntaxKind.ObjectLiteralExpression:
        for (const property of node.properties) {
          if (ts.isPropertyAssignment(property)) {
            const name = property.name;
            if (ts.isComputedPropertyName(name)) {
              // A computed key is converted with ToPropertyKey: fine for strings and numbers.
              const key = name.expression;
              if (!ts.isIdentifier(key) && !ts.isStringLiteral(key) && !ts.isNumericLiteral(key)) {
                ctx.fail(key, 'unsupported computed property key');
              }
              visit(key, lazy);
            } else if (!ts.isIdentifier(name) && !ts.isStringLiteral(name) && !ts.isNumericLiteral(name)) {
              ctx.fail(name, 'unsupported property name');
            }
            visit(property.initializer, lazy);
          } else if (ts.isShorthandPropertyAssignment(property)) {
            if (property.objectAssignmentInitializer) ctx.fail(property, 'unsupported shorthand property');
            refs.add(property.name.text);
          } else {
            ctx.fail(property, 'unsupported object member (method, accessor or spread)');
          }
        }
        return;
      case ts.SyntaxKind.ArrowFunction:
        if (node.parameters.length > 0) ctx.fail(node, 'arrow function with parameters');
        if (ts.isBlock(node.body)) ctx.fail(node, 'arrow function with a block body');
        return visit(node.body, true);
      case ts.SyntaxKind.NewExpression:
      case ts.SyntaxKind.CallExpression: {
        if (lazy) ctx.fail(node, 'call inside a schema thunk');
        effects = true;
        const callee = node.expression;
        if (!ts.isIdentifier(callee) && !(ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression))) {
          ctx.fail(callee, 'unsupported callee');
        }
        visit(ts.isIdentifier(callee) ? callee : callee.expression, lazy);
        for (const argument of node.arguments ?? []) visit(argument, lazy);
        return;
      }
      default:
        ctx.fail(node, `unsupported expression (${ts.SyntaxKind[node.kind]})`);
    }
  };
  visit(expr, false);
  return { refs, effects };
}

function hasModifier(node, kind) {
  return (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

/** Parse the module into units (statements) with the names they bind and reference. */
function analyse(source, file) {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const ctx = { fail: (node, message) => fail(file, sourceFile, node, message) };
  if (sourceFile.parseDiagnostics?.length) {
    throw new PruneError(`schema pruning: ${file}: does not parse: ${sourceFile.parseDiagnostics[0].messageText}`);
  }
  const units = [];
  const binder = new Map(); // top-level name → unit
  const exported = new Map(); // exported name → unit
  const bind = (name, unit, node) => {
    if (binder.has(name)) ctx.fail(node, `"${name}" is declared twice`);
    binder.set(name, unit);
  };
  for (const statement of sourceFile.statements) {
    const unit = { statement, names: [], refs: new Set(), root: false, kind: '' };
    units.push(unit);
    if (ts.isImportDeclaration(statement)) {
      // Imports have no dependencies; esbuild drops the ones the kept code does not use.
      unit.kind = 'import';
      unit.root = true;
      const clause = statement.importClause;
      if (!clause) ctx.fail(statement, 'side-effect-only import');
      if (clause.isTypeOnly) continue;
      if (clause.name) bind(clause.name.text, unit, statement);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bind(named.name.text, unit, statement);
      if (named && ts.isNamedImports(named)) for (const element of named.elements) bind(element.name.text, unit, statement);
    } else if (ts.isVariableStatement(statement)) {
      unit.kind = 'declaration';
      const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      for (const modifier of ts.getModifiers(statement) ?? []) {
        if (modifier.kind !== ts.SyntaxKind.ExportKeyword) ctx.fail(statement, 'unsupported modifier');
      }
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) ctx.fail(declaration, 'destructuring declaration');
        if (!declaration.initializer) ctx.fail(declaration, 'declaration without initializer');
        const name = declaration.name.text;
        bind(name, unit, declaration);
        unit.names.push(name);
        if (isExported) exported.set(name, unit);
        const { refs, effects } = collect(declaration.initializer, ctx);
        for (const ref of refs) unit.refs.add(ref);
        if (effects) unit.root = true;
      }
    } else if (ts.isExpressionStatement(statement)) {
      // e.g. `_s_registry.registerError(FooException$, FooException)`: a side effect, always kept.
      unit.kind = 'effect';
      unit.root = true;
      if (!ts.isCallExpression(statement.expression)) ctx.fail(statement, 'unsupported top-level statement');
      for (const ref of collect(statement.expression, ctx).refs) unit.refs.add(ref);
    } else {
      ctx.fail(statement, `unsupported top-level statement (${ts.SyntaxKind[statement.kind]})`);
    }
  }
  const KNOWN_GLOBALS = new Set(['undefined']);
  for (const unit of units) {
    for (const ref of unit.refs) {
      if (!binder.has(ref) && !KNOWN_GLOBALS.has(ref)) ctx.fail(unit.statement, `reference to unknown identifier "${ref}"`);
    }
  }
  return { sourceFile, units, binder, exported };
}

/**
 * Prune `source` to what `roots` (exported names) need.
 * Returns { code, keptCode, kept, declarations, exportedKept, exportedPruned };
 * `keptCode` is `code` without the stubs for pruned exports.
 */
export function pruneSchemas(source, { roots, file = 'schemas_0.js' }) {
  const { sourceFile, units, binder, exported } = analyse(source, file);
  const live = new Set();
  const queue = [];
  const mark = (unit) => {
    if (!live.has(unit)) {
      live.add(unit);
      queue.push(unit);
    }
  };
  for (const root of roots) {
    const unit = exported.get(root);
    if (!unit) throw new PruneError(`schema pruning: ${file}: root "${root}" is not exported by the module (did the SDK rename it?)`);
    mark(unit);
  }
  for (const unit of units) if (unit.root) mark(unit);
  while (queue.length > 0) {
    const unit = queue.pop();
    for (const ref of unit.refs) {
      const target = binder.get(ref);
      if (target) mark(target);
    }
  }
  const parts = [];
  for (const unit of units) {
    if (live.has(unit)) parts.push(source.slice(unit.statement.getStart(sourceFile), unit.statement.end));
  }
  const keptCode = parts.join('\n') + '\n';
  const exportedPruned = [...exported.keys()].filter((name) => !live.has(exported.get(name)));
  const exportedKept = [...exported.keys()].filter((name) => live.has(exported.get(name)));
  if (exportedPruned.length > 0) {
    parts.push(
      '// Pruned at build time (scripts/prune-schemas.mjs). Unused stubs are tree-shaken;',
      '// a used one fails the build (its marker string survives in the output).',
      'function __csPrunedSchema(marker) {',
      '  const fail = () => { throw new Error("copy-snapshot: " + marker.slice(' +
        PRUNED_MARKER.length +
        ') + " was removed from this build of the EC2 schemas; add it to the roots in scripts/build.mjs"); };',
      '  return new Proxy([], { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail });',
      '}',
    );
    for (const name of exportedPruned) {
      parts.push(`export var ${name} = /* @__PURE__ */ __csPrunedSchema(${JSON.stringify(PRUNED_MARKER + name)});`);
    }
  }
  const keptUnits = units.filter((unit) => live.has(unit) && unit.kind === 'declaration');
  return {
    code: parts.join('\n') + '\n',
    keptCode,
    kept: keptUnits.flatMap((unit) => unit.names),
    declarations: units.filter((unit) => unit.kind === 'declaration').length,
    exportedKept,
    exportedPruned,
  };
}

/**
 * Evaluate an ES module of this shape as a function: imports become stubs,
 * `export` keywords are dropped, and every top-level name is returned.
 */
function evaluate(source, file) {
  const { sourceFile, units, binder } = analyse(source, file);
  const imports = [];
  let body = '';
  for (const unit of units) {
    const statement = unit.statement;
    if (unit.kind === 'import') {
      const clause = statement.importClause;
      if (clause.name) imports.push(clause.name.text);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) imports.push(named.name.text);
      if (named && ts.isNamedImports(named)) for (const element of named.elements) imports.push(element.name.text);
      continue;
    }
    let text = source.slice(statement.getStart(sourceFile), statement.end);
    if (unit.kind === 'declaration' && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      text = text.replace(/^export\s+/, '');
    }
    body += text + '\n';
  }
  const locals = [...binder.keys()].filter((name) => !imports.includes(name));
  const registrations = [];
  class TypeRegistry {
    constructor(namespace) {
      this.namespace = namespace;
    }
    registerError(schema, ctor) {
      registrations.push({ registry: this.namespace, schema, ctor });
    }
  }
  const stubs = imports.map((name) => (name === 'TypeRegistry' ? TypeRegistry : { stubFor: name }));
  // eslint-disable-next-line no-new-func
  const run = new Function(...imports, `"use strict";\n${body}\nreturn { ${locals.join(', ')} };`);
  return { scope: run(...stubs), registrations };
}

/** Structural equality of two schema graphs, following thunks. */
function sameGraph(a, b, path, seen) {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (typeof a === 'function') {
    if (a.length !== 0 || b.length !== 0) return `${path}: function with parameters`;
    if (a.stubFor !== undefined || b.stubFor !== undefined) return a === b ? undefined : `${path}: import stubs differ`;
    return sameGraph(a(), b(), `${path}()`, seen);
  }
  if (a === null || typeof a !== 'object') return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  if (b === null) return `${path}: object vs null`;
  if (seen.get(a) === b) return undefined;
  if (seen.has(a)) return `${path}: shared node maps to two different nodes`;
  seen.set(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if ('stubFor' in a || 'stubFor' in b) return a.stubFor === b.stubFor ? undefined : `${path}: import stubs differ`;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.length !== keysB.length || keysA.some((key, i) => key !== keysB[i])) return `${path}: keys differ`;
  for (const key of keysA) {
    const problem = sameGraph(a[key], b[key], `${path}[${String(key)}]`, seen);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Evaluate the original and the pruned module (`keptCode`, without the stubs)
 * and check that everything reachable from `roots` (and from the error
 * registrations) is identical.
 */
export function verifyPrunedSchemas(original, pruned, { roots, file = 'schemas_0.js' }) {
  const before = evaluate(original, file);
  const after = evaluate(pruned, `${file} (pruned)`);
  const seen = new Map();
  for (const root of roots) {
    if (!(root in after.scope)) throw new PruneError(`schema pruning: ${file}: "${root}" is missing after pruning`);
    const problem = sameGraph(before.scope[root], after.scope[root], root, seen);
    if (problem) throw new PruneError(`schema pruning: ${file}: pruned schema differs from the original at ${problem}`);
  }
  if (before.registrations.length !== after.registrations.length) {
    throw new PruneError(`schema pruning: ${file}: error registrations differ after pruning`);
  }
  before.registrations.forEach((registration, i) => {
    const problem = sameGraph(registration, after.registrations[i], `registration ${i}`, seen);
    if (problem) throw new PruneError(`schema pruning: ${file}: ${problem}`);
  });
  return { nodes: seen.size };
}

/**
 * esbuild plugin: replaces `@aws-sdk/client-<service>/dist-es/schemas/schemas_0.js`
 * with its pruned form. Options: { roots: { "client-ec2": ["CopySnapshot$", ...] } }.
 * `onReport` receives per-module statistics.
 */
export function pruneSchemasPlugin({ roots, onReport = () => {} }) {
  return {
    name: 'prune-aws-sdk-schemas',
    setup(build) {
      const seen = new Set();
      build.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-[a-z]+[\\/]schemas[\\/][^\\/]+\.js$/ }, async (args) => {
        const match = /[\\/]@aws-sdk[\\/](client-[a-z0-9-]+)[\\/](dist-[a-z]+)[\\/]schemas[\\/]([^\\/]+\.js)$/.exec(args.path);
        const [, client, dist, schemaFile] = match;
        if (dist !== 'dist-es' || schemaFile !== 'schemas_0.js') {
          return { errors: [{ text: `schema pruning: unexpected schema module ${args.path} (only dist-es/schemas/schemas_0.js is understood)` }] };
        }
        const clientRoots = roots[client];
        if (!clientRoots) {
          return { errors: [{ text: `schema pruning: no roots configured for @aws-sdk/${client} (add it to the roots in scripts/build.mjs)` }] };
        }
        const { readFile } = await import('node:fs/promises');
        const original = await readFile(args.path, 'utf8');
        try {
          const started = performance.now();
          // The client's runtime config imports the error type registries; keep them whatever we send.
          const allRoots = [...new Set([...clientRoots, 'errorTypeRegistries'])];
          const result = pruneSchemas(original, { roots: allRoots, file: args.path });
          const { nodes } = verifyPrunedSchemas(original, result.keptCode, { roots: allRoots, file: args.path });
          seen.add(client);
          onReport({
            client,
            path: args.path,
            originalBytes: Buffer.byteLength(original),
            prunedBytes: Buffer.byteLength(result.code),
            declarations: result.declarations,
            kept: result.kept.length,
            exportedKept: result.exportedKept,
            verifiedNodes: nodes,
            ms: Math.round(performance.now() - started),
          });
          return { contents: result.code, loader: 'js' };
        } catch (error) {
          if (error instanceof PruneError) return { errors: [{ text: error.message }] };
          throw error;
        }
      });
    },
  };
}

/**
 * After a build: fail if a pruned stub survived tree-shaking (i.e. the bundle
 * uses a schema that is not among the roots). `files` maps path → contents.
 */
export function findUsedPrunedSchemas(files) {
  const used = new Set();
  const pattern = new RegExp(`["'\`]${PRUNED_MARKER.replace(/[$]/g, '\\$')}([A-Za-z0-9_$]+)["'\`]`, 'g');
  for (const contents of files.values()) {
    for (const match of contents.matchAll(pattern)) used.add(match[1]);
  }
  return [...used].sort();
}
