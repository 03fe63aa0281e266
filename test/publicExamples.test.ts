/**
 * Every function the package exports (`src/public/index.ts`) carries an `@example` in its doc comment, so the API
 * reference shows how to call it (Turf style), and every example typechecks against the package as a user would
 * write it (`import … from 'aspis'`): a new export without one, or an API change that breaks one, fails here instead
 * of rotting silently. The exports are resolved with the TypeScript checker (through the re-exports to the declaring
 * file); classes and constants are not functions and are left out. The examples are typechecked, not run (several
 * need Redis, a DEM file or a run directory).
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';

const ROOT = packageRoot();
const ENTRY = join(ROOT, 'src', 'public', 'index.ts');
/** Where the examples pretend to live (never written): a folder beside the tests, importing the package source. */
const EXAMPLE_DIR = join(ROOT, 'test', '__examples__');

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  resolveJsonModule: true,
  types: ['node'],
};

/** The code of an `@example` tag: the body of its ```ts fence (or the whole text when it has none). */
function exampleCode(tag: ts.JSDocTag): string {
  const c = tag.comment;
  const text = c === undefined ? '' : typeof c === 'string' ? c : c.map((part) => part.text).join('');
  const fenced = /```(?:ts|typescript)?\n([\s\S]*?)```/.exec(text);
  return (fenced ? fenced[1] : text).trim();
}

/** Name → the code of its first `@example` ('' when none), for every function `src/public/index.ts` exports. */
function exportedFunctionExamples(program: ts.Program): Map<string, string> {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(ENTRY);
  if (!source) throw new Error(`cannot read ${ENTRY}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${ENTRY} is not a module`);
  const out = new Map<string, string>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Function)) continue;
    const tags = (symbol.getDeclarations() ?? []).flatMap((d) => [...ts.getJSDocTags(d)]);
    const example = tags.find((tag) => tag.tagName.text === 'example' && exampleCode(tag).length > 0);
    out.set(exported.name, example ? exampleCode(example) : '');
  }
  return out;
}

/** Typechecks each example as its own module, `'aspis'` resolved to the package source; errors by example name. */
function exampleErrors(examples: ReadonlyMap<string, string>, base: ts.Program): Map<string, string[]> {
  const files = new Map<string, string>();
  for (const [name, code] of examples)
    if (code)
      files.set(
        join(EXAMPLE_DIR, `${name}.ts`),
        code.replaceAll("from 'aspis'", "from '../../src/public/index.js'"),
      );
  const host = ts.createCompilerHost(OPTIONS);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError, create) => {
    const text = files.get(f);
    return text === undefined
      ? getSourceFile.call(host, f, language, onError, create)
      : ts.createSourceFile(f, text, language, true);
  };
  const program = ts.createProgram([ENTRY, ...files.keys()], OPTIONS, host, base);
  const errors = new Map<string, string[]>();
  // only the examples' own diagnostics: checking the whole package is the typecheck's job (and ten times slower)
  const diagnostics = [...files.keys()].flatMap((f) => {
    const sf = program.getSourceFile(f);
    return sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
  });
  for (const d of diagnostics) {
    const f = d.file?.fileName;
    if (f === undefined || !files.has(f)) continue;
    const name = f.slice(EXAMPLE_DIR.length + 1, -'.ts'.length);
    const line =
      d.start === undefined || !d.file ? 0 : d.file.getLineAndCharacterOfPosition(d.start).line + 1;
    const list = errors.get(name) ?? [];
    list.push(`line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    errors.set(name, list);
  }
  return errors;
}

describe('public API documentation', () => {
  const base = ts.createProgram([ENTRY], OPTIONS);
  const examples = exportedFunctionExamples(base);

  it('every exported function has an @example in its doc comment', () => {
    expect(examples.size).toBeGreaterThan(50);
    const missing = [...examples].filter(([, code]) => code === '').map(([name]) => name);
    expect(missing, 'exported from src/public/index.ts without an @example').toEqual([]);
  });

  it('every @example typechecks against the package', () => {
    expect(Object.fromEntries(exampleErrors(examples, base))).toEqual({});
  });
});
