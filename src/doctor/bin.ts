// The `finhub-onboarding` command (package.json `bin`, built to dist/bin/ with a shebang).
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
