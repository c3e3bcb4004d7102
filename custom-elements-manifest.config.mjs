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
      },
    },
  ],
};
