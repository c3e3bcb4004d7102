/**
 * `npx finhub-onboarding doctor`: run on the partner's server with the relay's environment
 * variables. Exit status 0 when onboarding would work, 1 when it would fail, 2 on a usage or
 * configuration error. Never prints a secret: output goes through `redact` as a last guard.
 */
import type { CategorizationOverrides, CustomerKind } from '../api/categorization.js';
import { runDoctor } from './doctor.js';
import { FINHUB_ENV, configFromEnv, redact, secretsOf, type Env } from './env.js';
import { formatReport } from './report.js';

const USAGE = `Usage: finhub-onboarding doctor [options]

Checks, read-only, whether onboarding would work against your FinHub tenant: signs in as
admin, reads the categorization hierarchy and tells, per category and flow, whether smart
categorization can fill it and which overrides it would need.

Reads the relay's environment: ${FINHUB_ENV.join(', ')}.

Options:
  --overrides <json>  the element's categorizationOverrides, to check them too
  --flow <name>       only "individual" or "organization" (default: both)
  --timeout <ms>      per FinHub call (default 10000)
  --json              the report as JSON
  --help              this text

Exit status: 0 onboarding would work, 1 it would fail, 2 usage or configuration error.
`;

export interface CliIo {
  env: Env;
  out: (text: string) => void;
  err: (text: string) => void;
  fetch?: (request: Request) => Promise<Response>;
}

interface Parsed {
  json: boolean;
  timeoutMs?: number;
  flows?: CustomerKind[];
  overrides?: CategorizationOverrides;
}

function parseArgs(args: readonly string[]): Parsed | string {
  const parsed: Parsed = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i];
    if (arg === '--json') parsed.json = true;
    else if (arg === '--timeout') {
      const ms = Number(value());
      if (!Number.isInteger(ms) || ms <= 0) return '--timeout takes a number of milliseconds';
      parsed.timeoutMs = ms;
    } else if (arg === '--flow') {
      const flow = value();
      if (flow !== 'individual' && flow !== 'organization') {
        return '--flow takes "individual" or "organization"';
      }
      parsed.flows = [flow];
    } else if (arg === '--overrides') {
      try {
        const overrides: unknown = JSON.parse(value() ?? '');
        if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
          throw new Error('not an object');
        }
        parsed.overrides = overrides as CategorizationOverrides;
      } catch {
        return '--overrides takes a JSON object, e.g. \'{"FEATURE":{"key":"value"}}\'';
      }
    } else return `unknown option ${arg}`;
  }
  return parsed;
}

/** Runs the command; resolves to the exit status. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (
    command === undefined ||
    command === '--help' ||
    command === '-h' ||
    rest.includes('--help')
  ) {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'doctor') {
    io.err(`finhub-onboarding: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string') {
    io.err(`finhub-onboarding doctor: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const configured = configFromEnv(io.env);
  if ('missing' in configured) {
    io.err(
      `finhub-onboarding doctor: set ${configured.missing.join(', ')} (the relay's environment).\n`,
    );
    return 2;
  }
  const { config } = configured;
  const secrets = secretsOf(config);
  try {
    const report = await runDoctor(config, {
      ...(parsed.timeoutMs ? { timeoutMs: parsed.timeoutMs } : {}),
      ...(parsed.flows ? { flows: parsed.flows } : {}),
      ...(parsed.overrides ? { overrides: parsed.overrides } : {}),
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
    const text = parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report);
    io.out(redact(text, secrets));
    return report.ok ? 0 : 1;
  } catch (error) {
    // Only the message, redacted: a stack or cause could carry a request with credentials.
    const message = error instanceof Error ? error.message : String(error);
    io.err(redact(`finhub-onboarding doctor failed: ${message}\n`, secrets));
    return 1;
  }
}
