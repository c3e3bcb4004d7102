// `npm run lint` runs this: the shape docs/architecture.md describes, checked on src/.
//   - no import circle (static imports, `import type` included; a dynamic `import()` is a load
//     boundary, so it does not count);
//   - no `flow ===` / `flow !==` comparison outside the two flow objects (src/flows/) and the
//     element's attribute handling: the flows differ through their flow objects;
//   - no file over 600 lines (the generated locale modules excepted).
// Exits 1 naming each problem.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const MAX_LINES = 600;
const GENERATED = /^src\/localization\/locales\//;
/**
 * Where comparing flows is the point: the flow objects, the `flow` attribute's handling, and the
 * programs that are not the element (the relay's route table names the flow a route serves; the
 * doctor parses `--flow`).
 */
const FLOW_COMPARISON_ALLOWED = [
  /^src\/flows\//,
  /^src\/element\/finhub-onboarding\.ts$/,
  /^src\/server\//,
  /^src\/doctor\/cli\.ts$/,
];

const files = readdirSync(src, { recursive: true })
  .map((file) => join(src, String(file)))
  .filter((file) => file.endsWith('.ts'));
const rel = (file) => relative(root, file).split('\\').join('/');

const problems = [];
const report = (_file, message) => problems.push(message);

// ---- imports -------------------------------------------------------------------------------

const STATIC_IMPORT =
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

/** The module `specifier` (relative, `.js`) names, as a file of src/, or undefined. */
function target(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const file = resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
  return files.includes(file) ? file : undefined;
}

const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const edges = new Set();
  for (const match of text.matchAll(STATIC_IMPORT)) {
    const to = target(file, match[1] ?? match[2]);
    if (to) edges.add(to);
  }
  graph.set(file, edges);

  const lines = text.split('\n');
  if (lines.length > MAX_LINES && !GENERATED.test(rel(file))) {
    report(file, `${rel(file)}: ${lines.length} lines (at most ${MAX_LINES})`);
  }
  if (!FLOW_COMPARISON_ALLOWED.some((allowed) => allowed.test(rel(file)))) {
    lines.forEach((line, index) => {
      if (/\bflow\s*[!=]==|[!=]==\s*[\w.]*\bflow\b/.test(line.replace(/\/\/.*$/, ''))) {
        report(file, `${rel(file)}:${index + 1}: compares flows (move it into its flow object)`);
      }
    });
  }
}

// Tarjan's strongly connected components: any with two or more files is a circle.
let index = 0;
const stack = [];
const state = new Map();
function visit(file) {
  const entry = { index, low: index, onStack: true };
  index += 1;
  state.set(file, entry);
  stack.push(file);
  for (const next of graph.get(file)) {
    const seen = state.get(next);
    if (!seen) {
      visit(next);
      entry.low = Math.min(entry.low, state.get(next).low);
    } else if (seen.onStack) {
      entry.low = Math.min(entry.low, seen.index);
    }
  }
  if (entry.low === entry.index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file).has(file)) {
      problems.push(`import circle: ${component.map(rel).sort().join(' → ')}`);
    }
  }
}
for (const file of files) if (!state.has(file)) visit(file);

if (problems.length) {
  console.error(`check-structure: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-structure: ${files.length} files, no import circle, no flow comparison, none over ${MAX_LINES} lines.`,
);
