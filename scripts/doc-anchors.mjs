// Headings and anchors of the repo's docs/ files, by GitHub's rules; shared by cite-docs.mjs and
// check-citations.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * GitHub's heading slug: lower-case, markup dropped, every character that is not a letter, digit,
 * mark, space, `-` or `_` removed, spaces to hyphens (github-slugger).
 */
export function slugOf(text) {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * `anchor → heading text` of a Markdown file: every heading outside code fences (repeats get
 * `-1`, `-2` as on GitHub) and every explicit `<a id="…">` / `<a name="…">`, which takes the text
 * of the heading that follows it.
 */
export function anchorsOf(markdown) {
  const anchors = new Map();
  const seen = new Map();
  let fence;
  let pending = [];
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) pending.push(match[1]);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading.replace(/`/g, '');
    const base = slugOf(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.set(count === 0 ? base : `${base}-${count}`, text);
    for (const id of pending) anchors.set(id, text);
    pending = [];
  }
  for (const id of pending) anchors.set(id, id);
  return anchors;
}

/** Anchors of `docs/<name>`, or undefined when the file does not exist. */
export function docAnchors(root, name) {
  const file = join(root, 'docs', name);
  return existsSync(file) ? anchorsOf(readFileSync(file, 'utf8')) : undefined;
}
