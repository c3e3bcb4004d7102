/**
 * bench/results.md holds the browser benchmark (`npm run bench`, written whole) and sections
 * other benches own, each between `<!-- name:start -->` and `<!-- name:end -->`, kept across runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/** The marked section `name` of `file` (with its markers and a leading blank line), or ''. */
export function keptSection(file: string, name: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const [start, end] = markers(name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from ? `\n${text.slice(from, to + end.length)}\n` : '';
}

/** Replaces (or appends) the marked section `name` of `file` with `markdown`. */
export function writeSection(file: string, name: string, markdown: string): void {
  const [start, end] = markers(name);
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${block}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
