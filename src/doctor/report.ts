/** The doctor's report in plain words (what `finhub-onboarding doctor` prints). */
import type { CategorizationProblem, CategoryAnalysis } from '../api/categorization.js';
import type { DoctorReport, FlowReport } from './doctor.js';

const FLOW_NAMES = { individual: 'Individual (B2C)', organization: 'Organization (B2B)' } as const;

/** One problem in plain words. */
export function describeProblem(problem: CategorizationProblem): string {
  const { category, feature, key } = problem;
  switch (problem.reason) {
    case 'no_value':
      return `feature ${feature} requires ${key}, FinHub lists no allowed value for it and no documented rule gives one`;
    case 'override_refused':
      return `the override ${feature}.${key} = "${problem.value}" is not allowed (allowed: ${(problem.allowed ?? []).join(', ')})`;
    case 'unknown_feature':
      return `its feature ${feature} is not described in the hierarchy`;
    case 'unknown_category':
      return `category ${category} is not in the hierarchy`;
    case 'rejected':
      return `FinHub refused ${feature ? `${feature}.` : ''}${key}${problem.value ? ` (${problem.value})` : ''}`;
  }
}

const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');

function describeCategory(category: CategoryAnalysis): string[] {
  const title = `${category.code} "${category.name}"`;
  const lines: string[] = [];
  if (category.satisfiable) {
    lines.push(`  ${mark(true)} ${title}: can be opened`);
  } else {
    lines.push(`  ${mark(false)} ${title}: cannot be opened`);
    for (const problem of category.problems) {
      lines.push(`         - ${describeProblem(problem)}`);
    }
    if (Object.keys(category.overridesNeeded).length > 0) {
      lines.push(
        `         Fix: set categorizationOverrides (or the categorization-overrides attribute) to ${JSON.stringify(category.overridesNeeded)}, putting a value your tenant accepts in place of <value>; check it with --overrides.`,
      );
    }
  }
  for (const feature of category.features) {
    if (feature.parameters.length === 0) continue;
    const values = feature.parameters.map(
      (p) =>
        `${p.name}=${p.value}${
          p.source === 'documented'
            ? ' (documented choice: FinHub lists no allowed values)'
            : p.source === 'override'
              ? ' (your override)'
              : ''
        }`,
    );
    lines.push(`         ${feature.code}: ${values.join(', ')}`);
  }
  return lines;
}

function describeFlow(flow: FlowReport): string[] {
  const open = flow.categories.filter((c) => c.satisfiable).length;
  const head =
    flow.categories.length === 0
      ? `${FLOW_NAMES[flow.flow]} flow: FAIL, the tenant offers no category for it (a person would see "No account types…").`
      : `${FLOW_NAMES[flow.flow]} flow: ${open} of ${flow.categories.length} categories can be opened.`;
  return [head, ...flow.categories.flatMap(describeCategory)];
}

export function formatReport(report: DoctorReport): string {
  const lines = [
    'finhub-onboarding doctor',
    `FinHub: ${report.target.baseUrl}, tenant ${report.target.tenantId} (${report.target.tenantIdShape})`,
    '',
    ...report.findings.map((finding) => `${mark(finding.ok)} ${finding.text}`),
  ];
  if (report.responses.length > 0) {
    lines.push('', 'Responses (which documented variant each matched):');
    for (const response of report.responses) {
      const status = response.status === undefined ? '' : `HTTP ${response.status}, `;
      lines.push(`  ${response.endpoint}: ${status}${response.variant ?? 'no answer'}`);
      for (const note of response.notes) lines.push(`    - ${note}`);
    }
  }
  if (report.unreadable.length > 0) {
    lines.push('', 'Could not read:');
    for (const field of report.unreadable) {
      lines.push(`  FAIL ${field.endpoint}: field ${field.field}: ${field.problem}`);
    }
  }
  for (const flow of report.flows) lines.push('', ...describeFlow(flow));
  const failing = report.flows.flatMap((f) => f.categories).filter((c) => !c.satisfiable).length;
  lines.push(
    '',
    report.ok
      ? 'Result: onboarding would work.'
      : `Result: onboarding would fail${failing > 0 ? ` (${failing} ${failing === 1 ? 'category cannot' : 'categories cannot'} be opened)` : ''}; see FAIL above.`,
  );
  return `${lines.join('\n')}\n`;
}
