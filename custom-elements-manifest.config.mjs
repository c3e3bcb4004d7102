// `npm run analyze` → custom-elements.json (committed; `npm run analyze:check` fails CI when stale).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/server/**', 'src/api/**', 'src/**/*.test.ts', 'src/localization/locales/**'],
  litelement: true,
  packagejson: false,
  outdir: process.env.CEM_OUTDIR ?? '.',
};
