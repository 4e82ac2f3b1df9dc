/**
 * No function in src/ is longer than 80 lines (issue #12: long functions are split along their
 * seams into small ones named for what they return). Measured from the declaration's first line
 * to its closing brace, comments before it not counted; a nested function counts in its own right
 * and in the function around it. Nothing is exempt: a longer function fails this test.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const maxLines = 80;
const src = path.resolve(import.meta.dirname, '../../src');

interface FunctionLength {
  place: string;
  name: string;
  lines: number;
}

/** Every function, method, accessor, constructor and arrow function in a file, with its length in lines. */
export function functionLengths(fileName: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source));
      const end = source.getLineAndCharacterOfPosition(node.getEnd());
      found.push({ place: `${fileName}:${start.line + 1}:${start.character + 1}`, name: functionName(node), lines: end.line - start.line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The function's own name, or the name it is assigned to (`const f = () => …`, `{ f: () => … }`). */
function functionName(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name))) return named.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

function sourceFiles(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(?:ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => path.join('src', name))
    .sort();
}

test('the measure counts a function from its first line to its closing brace', () => {
  const text = '/** doc */\nexport function f() {\n  const g = () => {\n    return 1;\n  };\n  return g();\n}\n';
  assert.deepEqual(
    functionLengths('a.ts', text).map(({ name, lines }) => [name, lines]),
    [
      ['f', 6],
      ['g', 3],
    ],
  );
});

test(`no function in src/ is longer than ${maxLines} lines`, () => {
  const files = sourceFiles();
  assert.ok(files.length > 100, `src/ has only ${files.length} source files: is the path right?`);
  const long = files
    .flatMap((file) => functionLengths(file, readFileSync(path.resolve(src, '..', file), 'utf8')))
    .filter((found) => found.lines > maxLines)
    .map((found) => `${found.place} ${found.name}: ${found.lines} lines`);
  assert.deepEqual(long, []);
});
