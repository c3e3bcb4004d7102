// One-off, idempotent rewrite of the code's citations of the FinHub reference that lives outside
// the repo (`finhub-api.md §6.2`, a bare `§7.8`, `errata E1`, `E5`, `DESIGN §5`) into links to the
// repo's docs (`docs/finhub-contract.md#document-upload`), by the tables below.
//
//   node scripts/cite-docs.mjs --check   list what would change, by file and kind; exit 1 if any
//   node scripts/cite-docs.mjs           rewrite, re-wrap the comment lines that grew past 100
//                                        columns, format the changed files with Prettier, run
//                                        `npm run analyze` (the manifest quotes JSDoc), then
//                                        check-citations over everything
//   … [paths…]                           only those files or folders (default: as check-citations)
//
// A run of citations (`§5.1 + errata E1/E5`, `§7.2–§7.4`, `§3.2 / §3.3`) becomes one list:
// `docs/finhub-contract.md#individual-registration, #registration-body, …`; in README.md and
// SECURITY.md each becomes a Markdown link named after its heading. A second run changes nothing.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCANNED, checkCitations, filesUnder } from './check-citations.mjs';
import { docAnchors } from './doc-anchors.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = 'finhub-contract.md';
const ARCHITECTURE = 'architecture.md';
const MARKDOWN_LINKS = new Set(['README.md', 'SECURITY.md']);
const WIDTH = 100;

/** Reference section → anchor in docs/finhub-contract.md. */
const SECTIONS = {
  1: 'individual-flow',
  1.1: 'endpoints',
  1.2: 'individual-flow',
  1.3: 'organization-flow',
  2: 'headers',
  2.1: 'envelopes',
  3: 'admin-session',
  3.1: 'admin-session',
  3.2: 'customer-session',
  3.3: 'organization-user-session',
  3.4: 'other-token-mechanisms',
  4: 'categorization-hierarchy',
  4.1: 'categorization-hierarchy',
  4.2: 'smart-categorization',
  4.3: 'categorization-at-registration',
  5: 'individual-registration',
  5.1: 'individual-registration',
  5.2: 'customer-session',
  5.3: 'individual-verification',
  5.4: 'consents',
  5.5: 'readiness-check',
  5.6: 'individual-activation',
  6: 'create-verification',
  6.1: 'create-verification',
  6.2: 'document-upload',
  '6.2(b)': 'document-list',
  6.3: 'approval',
  7: 'organization-registration',
  7.1: 'organization-registration',
  7.2: 'employees',
  7.3: 'directors',
  7.4: 'shareholders',
  7.5: 'organization-user-session',
  7.6: 'kyb-verification',
  7.7: 'consents',
  7.8: 'organization-activation',
  '7.8 [O]': 'wallet-status', // the [O] activation answer names the wallet-status poll
  8: 'errors',
  9: 'retries-and-idempotency',
  10: 'statuses',
  11: 'browser-and-relay',
  12: 'contradictions',
  12.3: 'logout-and-refresh',
  12.4: 'registration-body',
  12.5: 'nationality-and-formats',
  12.6: 'user-id',
  12.8: 'individual-verification',
  12.9: 'document-upload',
  '12.10': 'approval',
  12.12: 'consents',
  12.13: 'individual-activation',
};
/** A whole-chapter range (`§3–§7`): every endpoint. */
const CHAPTER_RANGE = 'endpoints';
const ERRATA = {
  1: 'registration-body',
  2: 'customer-session',
  3: 'logout-and-refresh',
  4: 'user-context-headers',
  5: 'nationality-and-formats',
  6: 'individual-registration',
};
/** DESIGN.md sections → docs/architecture.md. */
const DESIGN = {
  1: 'relay',
  2: 'element',
  3: 'element',
  4: 'tests',
  5: 'element',
  6: 'how-a-step-is-built',
};

/** Whole sentences rewritten as such (checked before the citation grammar). */
const PHRASES = [
  {
    pattern:
      /Section numbers \(§\) refer to(\s+)the FinHub API reference this project is built on \(`finhub-api\.md`\)\./,
    replace: 'Links into `docs/` lead to$1the FinHub API contract this project is built on.',
  },
  {
    pattern: /finhub-api\.md \(with the errata\) describes/,
    replace: 'docs/finhub-contract.md describes',
  },
  {
    pattern: /shaped like finhub-api\.md's examples \(both envelopes\)/,
    replace:
      "shaped like FinHub's documented examples (both envelopes: docs/finhub-contract.md#envelopes)",
  },
  {
    pattern: /§7\.7: the same body as §5\.4, on the organization\./,
    replace: "docs/finhub-contract.md#consents: the individual's body, on the organization.",
  },
  {
    pattern: /the wire shapes finhub-api\.md documents/,
    replace: 'the wire shapes FinHub documents (docs/finhub-contract.md)',
  },
];

// ---- the citation grammar --------------------------------------------------------------------

const SECTION =
  /(?<named>finhub-api\.md\s+)?(?<design>DESIGN(?:\.md)?\s+)?§(?<num>\d+(?:\.\d+)*)(?<letter>[a-c](?:\/[a-c])?)?(?<b>\(b\))?(?:\s*[–-]\s*§(?<to>\d+(?:\.\d+)*))?(?<o> \[O\])?(?<item> item \d+)?/y;
const ERRATUM =
  /(?:(?<file>finhub-api-errata\.md)|(?<word>[Ee]rrata))\s+E(?<n>[1-6])(?<more>(?:\/E[1-6])*)/y;
const BARE_E = /E(?<n>[1-6])(?<more>(?:\/E[1-6])*)\b/y;
const DOC_MENTION = /finhub-api\.md/y;
const SEPARATOR = /\s*[,/+]\s*|\s+and\s+/y;

const at = (regex, text, index) => {
  regex.lastIndex = index;
  return regex.exec(text);
};

/** Every anchor a `§` atom names, e.g. `§7.2–§7.4` → employees, directors, shareholders. */
function sectionTargets(groups, where) {
  const { num, to, b, o, design } = groups;
  if (design !== undefined) {
    const anchor = DESIGN[num.split('.')[0]];
    if (!anchor) throw new Error(`${where}: no mapping for DESIGN §${num}`);
    return [{ doc: ARCHITECTURE, anchor }];
  }
  const one = (n) => {
    const anchor = SECTIONS[n] ?? (n.startsWith('12.') ? SECTIONS[12] : undefined);
    if (!anchor) throw new Error(`${where}: no mapping for §${n}`);
    return { doc: CONTRACT, anchor };
  };
  if (to !== undefined) {
    if (!num.includes('.') && !to.includes('.')) return [{ doc: CONTRACT, anchor: CHAPTER_RANGE }];
    const [major, from] = num.split('.');
    const [majorTo, last] = to.split('.');
    if (major !== majorTo || from === undefined || last === undefined) {
      throw new Error(`${where}: cannot expand §${num}–§${to}`);
    }
    const out = [];
    for (let n = Number(from); n <= Number(last); n++) out.push(one(`${major}.${n}`));
    return out;
  }
  if (b !== undefined) return [one(`${num}(b)`)];
  if (o !== undefined && SECTIONS[`${num} [O]`])
    return [{ doc: CONTRACT, anchor: SECTIONS[`${num} [O]`] }];
  return [one(num)];
}

const erratumTargets = (groups) =>
  [groups.n, ...(groups.more ?? '').split('/E').filter(Boolean)].map((n) => ({
    doc: CONTRACT,
    anchor: ERRATA[n],
  }));

/** The atom at `index`: what it replaces, what it names, and its kind (for the report). */
function atomAt(line, index, where, inRun) {
  let m = at(SECTION, line, index);
  if (m) {
    if (/\bRFC\s*\d+\s*$/.test(line.slice(0, index))) return undefined;
    let { 0: text } = m;
    const { o, item } = m.groups;
    // Keep an `[O]` tag that does not change the anchor; drop `item n` of the old numbering.
    if (o !== undefined && !SECTIONS[`${m.groups.num} [O]`]) {
      text = text.slice(0, text.length - o.length - (item?.length ?? 0));
    }
    const kind = m.groups.design ? 'DESIGN §n' : m.groups.named ? 'finhub-api.md §n' : 'bare §n';
    return { length: text.length, targets: sectionTargets(m.groups, where), kind };
  }
  m = at(ERRATUM, line, index);
  if (m) {
    return {
      length: m[0].length,
      targets: erratumTargets(m.groups),
      kind: m.groups.file ? 'finhub-api-errata.md En' : 'errata En',
    };
  }
  m = at(BARE_E, line, index);
  // A bare `E4` is a citation inside a run, or alone in `(E6)` / `, E4)`.
  if (
    m &&
    (inRun || (/(\(|, )$/.test(line.slice(0, index)) && line[index + m[0].length] === ')'))
  ) {
    if (index > 0 && /\w/.test(line[index - 1])) return undefined;
    return { length: m[0].length, targets: erratumTargets(m.groups), kind: 'bare En' };
  }
  return undefined;
}

/** `docs/a.md#x, #y, docs/b.md#z`, or Markdown links named after each heading. */
function render(targets, markdown, headings) {
  const unique = targets.filter(
    (t, i) => targets.findIndex((u) => u.doc === t.doc && u.anchor === t.anchor) === i,
  );
  if (markdown) {
    return unique
      .map((t) => `[${headings(t.doc).get(t.anchor) ?? t.anchor}](docs/${t.doc}#${t.anchor})`)
      .join(', ');
  }
  return unique
    .map((t, i) =>
      i > 0 && unique[i - 1].doc === t.doc ? `#${t.anchor}` : `docs/${t.doc}#${t.anchor}`,
    )
    .join(', ');
}

/** Rewrites one line; `counts` collects atoms by kind. */
function rewriteLine(line, where, markdown, headings, counts) {
  let out = '';
  let index = 0;
  while (index < line.length) {
    const atom = atomAt(line, index, where, false);
    if (!atom) {
      const mention = at(DOC_MENTION, line, index);
      if (mention && !/[\w-]/.test(line[index - 1] ?? '')) {
        counts.set('finhub-api.md (no §)', (counts.get('finhub-api.md (no §)') ?? 0) + 1);
        out += markdown ? `[docs/${CONTRACT}](docs/${CONTRACT})` : `docs/${CONTRACT}`;
        index += mention[0].length;
        continue;
      }
      out += line[index];
      index += 1;
      continue;
    }
    const targets = [...atom.targets];
    counts.set(atom.kind, (counts.get(atom.kind) ?? 0) + 1);
    let end = index + atom.length;
    for (;;) {
      const separator = at(SEPARATOR, line, end);
      if (!separator) break;
      const next = atomAt(line, end + separator[0].length, where, true);
      if (!next) break;
      counts.set(next.kind, (counts.get(next.kind) ?? 0) + 1);
      targets.push(...next.targets);
      end += separator[0].length + next.length;
    }
    out += render(targets, markdown, headings);
    index = end;
  }
  return out;
}

// ---- comment re-wrapping ----------------------------------------------------------------------

/** `prefix` and `text` of a whole-line comment, or undefined for code. */
function commentParts(line) {
  const block = /^(\s*\*\s+(?:- |\d+\. )?)(.*)$/.exec(line);
  if (block && !/^\s*\*\//.test(line)) {
    const continuation = block[1].replace(/(- |\d+\. )$/, (m) => ' '.repeat(m.length));
    return { prefix: block[1], next: continuation, text: block[2] };
  }
  const slashes = /^(\s*\/\/\s?)(.*)$/.exec(line);
  if (slashes) return { prefix: slashes[1], next: slashes[1], text: slashes[2] };
  return undefined;
}

/** `prefix` and `text` of a Markdown prose line (not a heading, table row, quote or HTML). */
function proseParts(line) {
  if (/^\s*([#|>]|<)/.test(line) || line.trim() === '') return undefined;
  const prose = /^(\s*(?:[-*] |\d+\. )?)(.*)$/.exec(line);
  const continuation = prose[1].replace(/([-*] |\d+\. )$/, (m) => ' '.repeat(m.length));
  return { prefix: prose[1], next: continuation, text: prose[2] };
}

/**
 * Splits `text` at the last space that keeps `prefix + head` within WIDTH, never in front of a
 * `#anchor` that continues a citation list (check-citations reads a list on one line).
 */
function split(prefix, text) {
  const room = WIDTH - prefix.length;
  const fits = (cut) => cut > 0 && text[cut + 1] !== '#';
  let cut = text.lastIndexOf(' ', room);
  while (cut > 0 && !fits(cut)) cut = text.lastIndexOf(' ', cut - 1);
  if (cut <= 0) {
    cut = text.indexOf(' ', room);
    while (cut > 0 && !fits(cut)) cut = text.indexOf(' ', cut + 1);
  }
  if (cut <= 0) return undefined;
  return [text.slice(0, cut), text.slice(cut + 1)];
}

/** Marks the lines inside Markdown code fences, which are never re-wrapped. */
function markFences(lines) {
  let open = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line.text)) {
      open = !open;
      line.fence = true;
    } else {
      line.fence = open;
    }
  }
  return lines;
}

/**
 * Lines the rewrite pushed past WIDTH are wrapped; the overflow joins the next line when that one
 * continues the same paragraph. `/** one line *\/` comments become blocks first, and
 * `// -- title ----` rules lose dashes. `lines` are `{text, changed, fence}`; `partsOf` says what
 * of a line is prefix and what is text (comments in code, prose in Markdown).
 */
function rewrap(lines, partsOf) {
  const out = lines.map((line) => ({ ...line }));
  for (let i = 0; i < out.length; i++) {
    const line = out[i];
    if (!line.changed || line.fence || line.text.length <= WIDTH) continue;
    const rule = /^(\s*\/\/ -- .*? )(-{3,})$/.exec(line.text);
    if (rule) {
      line.text = rule[1] + '-'.repeat(Math.max(3, WIDTH - rule[1].length));
      if (line.text.length <= WIDTH) continue;
      // Still too long: the title keeps the rule, its citations go to the line below.
      const cited = /^(\s*)\/\/ -- (.*?) (\([^()]*\)) $/.exec(rule[1]);
      if (cited) {
        const [, indent, title, list] = cited;
        const head = `${indent}// -- ${title} `;
        line.text = head + '-'.repeat(Math.max(3, WIDTH - head.length));
        out.splice(i + 1, 0, { text: `${indent}// ${list}`, changed: false });
      }
      continue;
    }
    const oneLine = /^(\s*)\/\*\* (.*) \*\/$/.exec(line.text);
    if (oneLine) {
      const [, indent, text] = oneLine;
      out.splice(
        i,
        1,
        { text: `${indent}/**`, changed: false },
        { text: `${indent} * ${text}`, changed: true },
        { text: `${indent} */`, changed: false },
      );
      continue; // the next round wraps the middle line
    }
    const parts = partsOf(line.text);
    if (!parts) continue;
    const halves = split(parts.prefix, parts.text);
    if (!halves) continue;
    line.text = parts.prefix + halves[0];
    const next = out[i + 1];
    const following = next !== undefined && !next.fence ? partsOf(next.text) : undefined;
    const joins =
      following &&
      following.prefix === parts.next &&
      following.text.trim() !== '' &&
      !/^(@|```|\||[-*] |\d+\. )/.test(following.text);
    if (joins) {
      next.text = parts.next + `${halves[1]} ${following.text}`;
      next.changed = true;
    } else {
      out.splice(i + 1, 0, { text: parts.next + halves[1], changed: true });
    }
  }
  return out.map((line) => line.text);
}

// ---- main -------------------------------------------------------------------------------------

export function rewriteFile(file, text, headings) {
  const markdown = MARKDOWN_LINKS.has(file);
  let source = text;
  const counts = new Map();
  for (const { pattern, replace } of PHRASES) {
    if (pattern.test(source)) {
      source = source.replace(pattern, replace);
      counts.set('whole phrase', (counts.get('whole phrase') ?? 0) + 1);
    }
  }
  const before = text.split('\n');
  const lines = source.split('\n').map((line, i) => {
    const next = rewriteLine(line, `${file}:${i + 1}`, markdown, headings, counts);
    return { text: next, changed: next !== line || line !== before[i], was: before[i] };
  });
  // README.md and SECURITY.md are hard-wrapped prose; generated Markdown (bench/results.md) is not.
  const wrapped = markdown
    ? rewrap(markFences(lines), proseParts)
    : file.endsWith('.md')
      ? lines.map((line) => line.text)
      : rewrap(lines, commentParts);
  // Runs that met on one line after wrapping: `docs/a.md#x, docs/a.md#y` → `docs/a.md#x, #y`.
  const compact = (text) => {
    let out = text;
    for (;;) {
      const next = out.replace(/(docs\/([\w./-]+?\.md)#[\w-]+(?:, #[\w-]+)*), docs\/\2#/g, '$1, #');
      if (next === out) return out;
      out = next;
    }
  };
  // For --check: each rewritten line, before re-wrapping.
  const edits = lines
    .map((line, i) => ({ line: i + 1, from: line.was, to: line.text, changed: line.changed }))
    .filter((edit) => edit.changed);
  return { text: (markdown ? wrapped : wrapped.map(compact)).join('\n'), counts, edits };
}

async function formatWithPrettier(files) {
  const prettier = await import(join(root, 'node_modules/prettier/index.mjs'));
  for (const file of files) {
    const path = join(root, file);
    const info = await prettier.getFileInfo(path, { ignorePath: join(root, '.prettierignore') });
    if (info.ignored || !info.inferredParser) continue;
    const options = { ...(await prettier.resolveConfig(path)), filepath: path };
    const text = readFileSync(path, 'utf8');
    const formatted = await prettier.format(text, options);
    if (formatted !== text) writeFileSync(path, formatted);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const paths = args.filter((a) => !a.startsWith('--'));
  // docs/ is where citations point, not where old ones live (the contract names E1–E6 itself).
  const files = filesUnder(paths.length > 0 ? paths : SCANNED.filter((p) => p !== 'docs'));
  const headingCache = new Map();
  const headings = (doc) => {
    if (!headingCache.has(doc)) headingCache.set(doc, docAnchors(root, doc) ?? new Map());
    return headingCache.get(doc);
  };
  const totals = new Map();
  const changedFiles = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const result = rewriteFile(file, text, headings);
    if (result.text === text) continue;
    changedFiles.push(file);
    for (const [kind, n] of result.counts) totals.set(kind, (totals.get(kind) ?? 0) + n);
    if (check) {
      const n = [...result.counts.values()].reduce((a, b) => a + b, 0);
      console.log(`${file} (${n})`);
      for (const edit of result.edits) {
        console.log(
          `  ${edit.line} - ${(edit.from ?? '').trim()}\n  ${edit.line} + ${edit.to.trim()}`,
        );
      }
    } else {
      writeFileSync(join(root, file), result.text);
    }
  }
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  const byKind = [...totals].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
  console.log(
    `${check ? 'Would rewrite' : 'Rewrote'} ${total} citations in ${changedFiles.length} files` +
      (byKind.length > 0 ? `: ${byKind.join(', ')}.` : '.'),
  );
  if (check) process.exit(changedFiles.length > 0 ? 1 : 0);
  await formatWithPrettier(changedFiles);
  if (changedFiles.some((file) => file.startsWith('src/'))) {
    // custom-elements.json (and the README's API tables) quote the JSDoc just rewritten.
    console.log('npm run analyze (custom-elements.json quotes JSDoc)…');
    const analyze = spawnSync('npm', ['run', 'analyze', '--silent'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (analyze.status !== 0) process.exit(analyze.status ?? 1);
  }
  const { problems, citations } = checkCitations(filesUnder(SCANNED));
  if (problems.length > 0) {
    console.error(
      `${problems.join('\n')}\n\nStill to fix by hand: ${problems.length} (npm run docs:check).`,
    );
    process.exit(1);
  }
  console.log(`✓ ${citations} docs/ citations resolve; nothing cites outside the repo.`);
}
