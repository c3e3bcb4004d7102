// `npm run analyze` → custom-elements.json (committed; `npm run analyze:check` fails CI when stale).
export default {
  globs: ['src/**/*.ts'],
  exclude: [
    'src/server/**',
    'src/api/**',
    'src/doctor/**',
    'src/**/*.test.ts',
    'src/localization/locales/**',
  ],
  litelement: true,
  packagejson: false,
  outdir: process.env.CEM_OUTDIR ?? '.',
  plugins: [
    {
      // The analyzer's file globbing is asynchronous, so module order varies from run to run;
      // sorted, the committed manifest only changes when the code does.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) =>
          a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
        );
        // A dispatch the analyzer finds (`dispatchEvent(new FinHubReadyEvent(…))`) carries the
        // class but not the name: it is the event its `@fires` tag documents, so one entry.
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.events) continue;
            const named = new Set(
              declaration.events.filter((e) => e.name).map((e) => e.type?.text),
            );
            declaration.events = declaration.events.filter(
              (e) => e.name || !named.has(e.type?.text),
            );
          }
        }
      },
    },
  ],
};
