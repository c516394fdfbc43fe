// ESLint rule: a relative import (or require, or jest.mock) may not leave the package folder of the file it is in.
// Across packages, code goes by package name, so that each package declares what it uses and can be built,
// bundled (the Lambda) or linked into an OHIF checkout on its own; a relative path would silently reach into
// another package's sources and work only inside this repository.
const { existsSync } = require('node:fs');
const { dirname, join, resolve, sep } = require('node:path');

const packageRoots = new Map();

/** The folder of the nearest package.json at or above `dir`. */
function packageRootOf(dir) {
  if (packageRoots.has(dir)) return packageRoots.get(dir);
  const parent = dirname(dir);
  const root = existsSync(join(dir, 'package.json')) || parent === dir ? dir : packageRootOf(parent);
  packageRoots.set(dir, root);
  return root;
}

function isInside(file, dir) {
  return file === dir || file.startsWith(dir + sep);
}

/** The string argument of `require('x')`, `jest.mock('x')`, `jest.requireActual('x')` and the like. */
function requiredSpecifier(node) {
  const [first] = node.arguments;
  if (!first || first.type !== 'Literal' || typeof first.value !== 'string') return undefined;
  const callee = node.callee;
  if (callee.type === 'Identifier' && callee.name === 'require') return first;
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'jest')
    return first;
  if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'require' &&
    callee.property.name === 'resolve'
  )
    return first;
  return undefined;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Import other workspace packages by package name, never by a relative path into their folder',
    },
    schema: [],
    messages: {
      crossPackage:
        "'{{specifier}}' leaves this package's folder ({{from}}) for {{to}}: import it by package name (add it to package.json and, for more than its index, to its \"exports\")",
    },
  },
  create(context) {
    const filename = context.filename;
    const ownRoot = packageRootOf(dirname(filename));
    function check(literal) {
      if (!literal || typeof literal.value !== 'string' || !literal.value.startsWith('.')) return;
      const target = resolve(dirname(filename), literal.value);
      const targetRoot = packageRootOf(existsSync(target) ? target : dirname(target));
      // The repository root is a package too: its tools reach into the workspaces only by name as well.
      if (targetRoot === ownRoot) return;
      context.report({
        node: literal,
        messageId: 'crossPackage',
        data: { specifier: literal.value, from: relativeToCwd(ownRoot), to: relativeToCwd(targetRoot) },
      });
    }
    return {
      ImportDeclaration: node => check(node.source),
      ExportNamedDeclaration: node => check(node.source),
      ExportAllDeclaration: node => check(node.source),
      ImportExpression: node => (node.source.type === 'Literal' ? check(node.source) : undefined),
      CallExpression: node => check(requiredSpecifier(node)),
    };
  },
};

function relativeToCwd(dir) {
  const cwd = process.cwd();
  return isInside(dir, cwd) ? dir.slice(cwd.length + 1) || '.' : dir;
}
