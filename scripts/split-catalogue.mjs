// Splits a locale's runtime catalogue (src/localization/locales/<locale>.ts, as lit-localize and
// scripts/shorten-msg-ids.mjs write it) into the main catalogue, loaded when `locale` asks for it,
// and one part per flow or extra (`<locale>.<part>.ts`: individual, organization, phone, camera),
// loaded with that part's chunk (`withMessages` in src/localization/localization.ts): a person
// loads only their flow's strings (issue 17). Which part a message goes to is where its msg() is:
// lit-localize's own analysis of the sources names the file, scripts/chunk-groups.mjs the part.
//
//   run by scripts/shorten-msg-ids.mjs (`npm run localize:build`); checked by
//   scripts/check-translations.mjs (`npm run localize:check`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';
import { MESSAGE_PARTS, partOfFile } from './chunk-groups.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Message id (full, as msg() makes it) → catalogue part, for every msg() in the sources. Every
 * call counts: lit-localize's own extraction keeps one file per message, so a string used in a
 * part's file and elsewhere ("Try again") would land in that part and be missing elsewhere.
 */
export async function messageParts() {
  const { readConfigFileAndWriteSchema } = await import('@lit/localize-tools/lib/config.js');
  const { RuntimeLitLocalizer } = await import('@lit/localize-tools/lib/modes/runtime.js');
  const analysis = await import('@lit/localize-tools/lib/program-analysis.js');
  const { default: ts } = await import('typescript');
  const config = /** @type {any} lit-localize.json is a runtime-mode config */ (
    readConfigFileAndWriteSchema(join(root, 'lit-localize.json'))
  );
  // The localizer's TypeScript program (protected in its types; the extraction's own input).
  const { program } = /** @type {any} */ (new RuntimeLitLocalizer(config));
  const checker = program.getTypeChecker();
  const parts = new Map();
  const visit = (file, node) => {
    if (analysis.isMsgCall(node, checker)) {
      const [templateArg, optionsArg] = node.arguments;
      const template = analysis.extractTemplate(templateArg, file, checker).result;
      const options = analysis.extractOptions(optionsArg, file).result;
      if (template && options) {
        const id =
          options.id ??
          analysis.generateMsgIdFromAstNode(template.template, template.tag === 'html');
        const part = partOfFile(file.fileName);
        // A message used in two places belongs to the main catalogue unless both are in one part.
        if (!parts.has(id)) parts.set(id, part);
        else if (parts.get(id) !== part) parts.set(id, undefined);
      }
    }
    ts.forEachChild(node, (child) => visit(file, child));
  };
  for (const file of program.getSourceFiles()) {
    if (!file.isDeclarationFile) visit(file, file);
  }
  return parts;
}

/**
 * The catalogue `source` (shortened keys) as `{'': main, [part]: text}`. `partOf(key)` names the
 * part of a (shortened) key; keys of no part stay in the main catalogue.
 */
export function splitCatalogue(source, partOf) {
  const ast = parseAst(source, { lang: 'ts', sourceType: 'module' });
  const object = ast.body
    .map((node) => /** @type {any} */ (node).declaration?.declarations?.[0])
    .find((decl) => decl?.id?.name === 'templates')?.init;
  if (object?.type !== 'ObjectExpression')
    throw new Error('no `templates` object in the catalogue');
  const head = source.slice(0, object.start);
  const tail = source.slice(object.end);
  // Every part gets a file, empty or not: the element imports each.
  /** @type {Map<string, string[]>} */
  const files = new Map();
  for (const part of ['', ...Object.keys(MESSAGE_PARTS)]) files.set(part, []);
  for (const property of object.properties) {
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.value;
    const part = partOf(key) ?? '';
    files.get(part).push(source.slice(property.start, property.end));
  }
  const text = (entries, part) => {
    // A part needs `str` only when one of its templates uses it.
    const unused = part && !entries.some((entry) => /:\s*str`/.test(entry));
    const header = unused
      ? head.replace(/^[ \t]*import \{ ?str ?\} from '@lit\/localize';\n/m, '')
      : head;
    const note = part
      ? `// The ${part} part: loaded with its chunk (scripts/split-catalogue.mjs).\n`
      : '';
    return `${note}${header}{\n${entries.map((entry) => `  ${entry},`).join('\n')}\n}${tail}`;
  };
  return new Map([...files].map(([part, entries]) => [part, text(entries, part)]));
}

/** `partOf` for shortened keys: a key is a full id's first `1 + hashLength` characters. */
export function shortKeyParts(parts, hashLength) {
  const byKey = new Map();
  for (const [id, part] of parts) {
    const key = /^[sh][0-9a-f]{16}$/.test(id) ? id.slice(0, 1 + hashLength) : id;
    byKey.set(key, part);
  }
  return (key) => byKey.get(key);
}

/** The file a part of `locale` is written to (`lt.organization.ts`; the main one `lt.ts`). */
export const catalogueFile = (locale, part) => (part ? `${locale}.${part}.ts` : `${locale}.ts`);
