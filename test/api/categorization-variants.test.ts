/**
 * Smart categorization over hierarchies as FinHub's readings allow them
 * (docs/finhub-contract.md#smart-categorization): keys with no allowed values (the legacy
 * MEDIUM_RISK_PROFILE), every spelling of a key, every shape of an allowedValues entry, host
 * overrides in any spelling, and the categories nothing can fill.
 */
import { expect } from '@open-wc/testing';
import {
  CategorizationError,
  analyzeCategory,
  analyzeHierarchy,
  buildCategorization,
  explainRejection,
  pickDefault,
  pickDefaultCategory,
  type CategorizationOverrides,
  type CategorizationSelection,
} from '../../src/api/categorization.js';
import { FinHubApiError } from '../../src/api/errors.js';
import {
  CategorizationHierarchySchema,
  type CategorizationHierarchy,
} from '../../src/api/hierarchy-schema.js';

/** One category C with one feature F, parsed through the real schema. */
function single(feature: Record<string, unknown>): CategorizationHierarchy {
  return CategorizationHierarchySchema.parse({
    categories: {
      C: { databaseId: 'c', categoryId: 'C', categoryName: 'C', availableFeatures: ['F'] },
    },
    features: { F: { databaseId: 'f', featureCode: 'F', ...feature } },
  });
}

const paramsOf = (selection: CategorizationSelection, code = 'F') =>
  Object.fromEntries(
    selection.categorization.categoryFeatureRelations
      .find((r) => r.feature.code === code)!
      .parametrization.map((p) => [p.name, p.value]),
  );

const fill = (feature: Record<string, unknown>, overrides?: CategorizationOverrides) =>
  paramsOf(buildCategorization(single(feature), 'C', { overrides }));

function unsatisfiable(fn: () => unknown): CategorizationError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CategorizationError);
    return error as CategorizationError;
  }
  throw new Error('expected a CategorizationError');
}

/**
 * docs/finhub-contract.md#categorization-hierarchy's legacy feature, as documented: riskScore and
 * monthlyLimit listed without values.
 */
const LEGACY = {
  categories: {
    MEDIUM_RISK_INDIVIDUAL: {
      databaseId: 'cat-medium',
      categoryId: 'MEDIUM_RISK_INDIVIDUAL',
      categoryName: 'Medium Risk Individual',
      features: ['MEDIUM_RISK_PROFILE'], // legacy name of availableFeatures
    },
  },
  features: {
    MEDIUM_RISK_PROFILE: {
      databaseId: 'feat-medium',
      featureCode: 'MEDIUM_RISK_PROFILE',
      mandatoryKeys: ['riskLevel', 'riskScore', 'pep', 'sanctionsCheck', 'monthlyLimit'],
      allowedValues: {
        riskLevel: ['LOW', 'MEDIUM', 'HIGH'],
        pep: ['true', 'false'],
        sanctionsCheck: ['STANDARD', 'ENHANCED'],
      },
    },
  },
};

describe('smart categorization: the legacy MEDIUM_RISK_PROFILE', () => {
  it('registers with the documented riskScore and monthlyLimit', () => {
    const h = CategorizationHierarchySchema.parse(LEGACY);
    const selection = buildCategorization(h, 'MEDIUM_RISK_INDIVIDUAL');
    expect(selection.customerCategory).to.deep.equal({
      id: 'cat-medium',
      name: 'Medium Risk Individual',
    });
    expect(paramsOf(selection, 'MEDIUM_RISK_PROFILE')).to.deep.equal({
      riskLevel: 'MEDIUM',
      riskScore: '55',
      pep: 'false',
      sanctionsCheck: 'STANDARD',
      monthlyLimit: '20000',
    });
  });

  it('says which values came from the documented rule', () => {
    const [analysis] = analyzeHierarchy(CategorizationHierarchySchema.parse(LEGACY), 'individual');
    expect(analysis!.satisfiable).to.equal(true);
    expect(analysis!.problems).to.deep.equal([]);
    const sources = Object.fromEntries(
      analysis!.features[0]!.parameters.map((p) => [p.name, p.source]),
    );
    expect(sources).to.deep.equal({
      riskLevel: 'allowed',
      riskScore: 'documented',
      pep: 'allowed',
      sanctionsCheck: 'allowed',
      monthlyLimit: 'documented',
    });
  });
});

describe('smart categorization: a mandatory key with no allowedValues entry', () => {
  const documented: [string, string][] = [
    ['riskScore', '55'],
    ['RISK_SCORE', '55'],
    ['risk_score', '55'],
    ['monthlyLimit', '20000'],
    ['MONTHLY_LIMIT', '20000'],
    ['monthly_transaction_limit', '20000'],
    ['dailyLimit', '5000'],
    ['DAILY_LIMIT', '5000'],
    ['riskLevel', 'MEDIUM'],
    ['RISK_LEVEL', 'MEDIUM'],
    ['pep', 'false'],
    ['PEP_STATUS', 'false'],
    ['isPEP', 'false'],
    ['sanctionsCheck', 'STANDARD'],
    ['SANCTIONS_CHECK', 'STANDARD'],
    ['monitoring', 'WEEKLY'],
    ['MONITORING_FREQUENCY', 'WEEKLY'],
    ['edd', 'false'],
    ['EDD_REQUIRED', 'false'],
    ['eddLevel', 'OPTIONAL'],
    ['verificationLevel', 'STANDARD'],
    ['VERIFICATION_LEVEL', 'STANDARD'],
  ];
  for (const [key, value] of documented) {
    it(`${key} gets ${value}`, () => {
      expect(fill({ mandatoryKeys: [key] })).to.deep.equal({ [key]: value });
    });
  }

  for (const [shape, entry] of [
    ['absent', undefined],
    ['an empty list', []],
    ['an empty string', ''],
    ['null', null],
    ['an object (unreadable)', { min: 40 }],
  ] as const) {
    it(`treats ${shape} as no entry`, () => {
      const allowedValues = entry === undefined ? {} : { riskScore: entry, monitoring: entry };
      expect(fill({ mandatoryKeys: ['riskScore', 'monitoring'], allowedValues })).to.deep.equal({
        riskScore: '55',
        monitoring: 'WEEKLY',
      });
    });
  }

  it('leaves pepCategory out when pep is documented false', () => {
    expect(fill({ mandatoryKeys: ['pep', 'pepCategory'] })).to.deep.equal({ pep: 'false' });
  });

  it('makes the category unsatisfiable only for a key no rule covers', () => {
    const h = single({ mandatoryKeys: ['riskScore', 'accountTier', 'region'] });
    const analysis = analyzeCategory(h, 'C')!;
    expect(analysis.satisfiable).to.equal(false);
    expect(analysis.selection).to.equal(undefined);
    expect(analysis.problems.map((p) => [p.reason, p.feature, p.key])).to.deep.equal([
      ['no_value', 'F', 'accountTier'],
      ['no_value', 'F', 'region'],
    ]);
    expect(analysis.overridesNeeded).to.deep.equal({
      F: { accountTier: '<value>', region: '<value>' },
    });
    // The values it could choose are still reported (the doctor shows them).
    expect(analysis.features[0]!.parameters).to.deep.equal([
      { name: 'riskScore', value: '55', source: 'documented' },
    ]);
  });

  it('is filled by the override the analysis asked for', () => {
    const feature = { mandatoryKeys: ['riskScore', 'accountTier'] };
    const needed = analyzeCategory(single(feature), 'C')!.overridesNeeded;
    const overrides = { F: { ...needed['F'], accountTier: 'GOLD' } };
    expect(fill(feature, overrides)).to.deep.equal({ riskScore: '55', accountTier: 'GOLD' });
  });
});

describe('smart categorization: key names in any spelling', () => {
  it('finds the allowed values of a mandatory key spelled otherwise', () => {
    expect(
      fill({
        mandatoryKeys: ['RISK_SCORE', 'pep', 'monitoring', 'MONTHLY_LIMIT', 'sanctions_check'],
        allowedValues: {
          riskScore: ['70-100'],
          PEP_STATUS: ['YES', 'NO'],
          MONITORING_FREQUENCY: ['DAILY', 'REAL_TIME'],
          monthly_limit: ['10000', '15000', '30000'],
          SanctionsCheck: ['ENHANCED', 'PERIODIC'],
        },
      }),
    ).to.deep.equal({
      RISK_SCORE: '85', // the list wins over the documented 55: 70–100 misses 40–69
      pep: 'NO',
      monitoring: 'DAILY', // only what is allowed, never the documented WEEKLY
      MONTHLY_LIMIT: '15000',
      sanctions_check: 'PERIODIC',
    });
  });

  it('reads isPEP as pep: a true-only list adds one pepCategory', () => {
    expect(
      fill({
        mandatoryKeys: ['isPEP'],
        allowedValues: { pep: ['true'], PEP_CATEGORY: ['DOMESTIC_PEP', 'RCA'] },
      }),
    ).to.deep.equal({ isPEP: 'true', PEP_CATEGORY: 'DOMESTIC_PEP' });
  });

  it('matches host overrides by feature code and key in any spelling', () => {
    const params = paramsOf(
      buildCategorization(CategorizationHierarchySchema.parse(LEGACY), 'MEDIUM_RISK_INDIVIDUAL', {
        overrides: {
          medium_risk_profile: { RISK_SCORE: 60, MONTHLY_LIMIT: '30000', PEP_STATUS: false },
        },
      }),
      'MEDIUM_RISK_PROFILE',
    );
    expect(params).to.include({ riskScore: '60', monthlyLimit: '30000', pep: 'false' });
    expect(Object.keys(params)).to.have.length(5); // no key sent twice under two names
  });

  it('takes several values for a multi-value key spelled otherwise', () => {
    const feature = {
      mandatoryKeys: ['pep', 'pepCategory'],
      allowedValues: { pep: ['true', 'false'], pepCategory: ['DOMESTIC_PEP', 'FOREIGN_PEP'] },
      multiValueKeys: ['PEP_CATEGORY'],
    };
    expect(
      fill(feature, { F: { pep: 'true', pep_category: ['DOMESTIC_PEP', 'FOREIGN_PEP'] } }),
    ).to.deep.equal({ pep: 'true', pepCategory: 'DOMESTIC_PEP,FOREIGN_PEP' });
    expect(
      fill(feature, { F: { pep: 'true', pepCategory: 'DOMESTIC_PEP, FOREIGN_PEP' } }),
    ).to.deep.equal({ pep: 'true', pepCategory: 'DOMESTIC_PEP,FOREIGN_PEP' });
  });

  it('sends both keys when the hierarchy names two spellings as mandatory', () => {
    expect(
      fill({
        mandatoryKeys: ['riskScore', 'risk_score'],
        allowedValues: { riskScore: ['0-100'], risk_score: ['60-80'] },
      }),
    ).to.deep.equal({ riskScore: '55', risk_score: '60' });
  });
});

describe('smart categorization: every shape of an allowedValues entry', () => {
  const shapes: [string, unknown, string][] = [
    ['a range in a list', ['0-100'], '55'],
    ['a bare range', '0-100', '55'],
    ['a bare range with spaces', ' 0 - 100 ', '55'],
    ['a range outside the band', '70-100', '85'],
    ['numbers', [30, 45, 90], '45'],
    ['one number', 80, '80'],
  ];
  for (const [shape, entry, expected] of shapes) {
    it(`riskScore from ${shape}`, () => {
      expect(
        fill({ mandatoryKeys: ['riskScore'], allowedValues: { riskScore: entry } }),
      ).to.deep.equal({ riskScore: expected });
    });
  }

  const lists: [string, unknown, string][] = [
    ['a comma list', 'ENHANCED,STANDARD', 'STANDARD'],
    ['a comma list with spaces', ' ENHANCED , PERIODIC ', 'PERIODIC'],
    ['one value', 'ENHANCED', 'ENHANCED'],
    ['an array', ['REAL_TIME', 'STANDARD'], 'STANDARD'],
  ];
  for (const [shape, entry, expected] of lists) {
    it(`sanctionsCheck from ${shape}`, () => {
      expect(
        fill({ mandatoryKeys: ['sanctionsCheck'], allowedValues: { sanctionsCheck: entry } }),
      ).to.deep.equal({ sanctionsCheck: expected });
    });
  }

  for (const [shape, entry, expected] of [
    ['"true"', 'true', 'true'],
    ['true', true, 'true'],
    ['"true,false"', 'true,false', 'false'],
    ['[false, true]', [false, true], 'false'],
  ] as const) {
    it(`edd from ${shape}`, () => {
      expect(fill({ mandatoryKeys: ['edd'], allowedValues: { edd: entry } })).to.deep.equal({
        edd: expected,
      });
    });
  }

  it('reads mandatoryKeys and multiValueKeys given as comma strings', () => {
    expect(
      fill({
        mandatoryKeys: 'riskScore, monitoring',
        allowedValues: { monitoring: 'DAILY,WEEKLY' },
        multiValueKeys: 'monitoring',
      }),
    ).to.deep.equal({ riskScore: '55', monitoring: 'WEEKLY' });
  });

  it('refuses an unreadable mandatoryKeys with its field', () => {
    const result = CategorizationHierarchySchema.safeParse({
      categories: {},
      features: { F: { databaseId: 'f', featureCode: 'F', mandatoryKeys: { riskScore: true } } },
    });
    expect(result.success).to.equal(false);
    expect(result.error!.issues[0]!.path).to.deep.equal(['features', 'F', 'mandatoryKeys']);
  });

  it('checks a host override against a bare-string list', () => {
    const feature = {
      mandatoryKeys: ['monitoring'],
      allowedValues: { monitoring: 'WEEKLY,DAILY' },
    };
    expect(fill(feature, { F: { monitoring: 'DAILY' } })).to.deep.equal({ monitoring: 'DAILY' });
    const error = unsatisfiable(() => fill(feature, { F: { monitoring: 'HOURLY' } }));
    expect(error.categorization.problems).to.deep.equal([
      {
        reason: 'override_refused',
        category: 'C',
        feature: 'F',
        key: 'monitoring',
        value: 'HOURLY',
        allowed: ['WEEKLY', 'DAILY'],
      },
    ]);
    // The fix it suggests is an allowed value: the rule's choice.
    expect(error.categorization.override).to.deep.equal({ F: { monitoring: 'WEEKLY' } });
  });

  it('sends a host override for a key with no allowed values as given', () => {
    expect(fill({ mandatoryKeys: ['monthlyLimit'] }, { F: { monthlyLimit: 18000 } })).to.deep.equal(
      { monthlyLimit: '18000' },
    );
  });

  it('refuses an override that is not a value', () => {
    const error = unsatisfiable(() =>
      fill(
        { mandatoryKeys: ['accountTier'] },
        {
          F: { accountTier: { tier: 'GOLD' } as unknown as string },
        },
      ),
    );
    expect(error.categorization.problems[0]).to.include({
      reason: 'override_refused',
      key: 'accountTier',
    });
    expect(error.categorization.override).to.deep.equal({ F: { accountTier: '<value>' } });
  });
});

describe('analyzeHierarchy', () => {
  const h = () =>
    CategorizationHierarchySchema.parse({
      categories: {
        STANDARD_INDIVIDUAL: {
          databaseId: 'cat-std',
          categoryId: 'STANDARD_INDIVIDUAL',
          categoryName: 'Standard',
          availableFeatures: ['TIERED'],
        },
        LOW_RISK_INDIVIDUAL: {
          databaseId: 'cat-low',
          categoryId: 'LOW_RISK_INDIVIDUAL',
          categoryName: 'Low risk',
          availableFeatures: ['LIMITS'],
        },
        SMALL_BUSINESS: {
          databaseId: 'cat-biz',
          categoryId: 'SMALL_BUSINESS',
          categoryName: 'Small business',
          availableFeatures: ['LIMITS'],
        },
      },
      features: {
        TIERED: { databaseId: 'f-tier', featureCode: 'TIERED', mandatoryKeys: ['accountTier'] },
        LIMITS: {
          databaseId: 'f-lim',
          featureCode: 'LIMITS',
          mandatoryKeys: ['monthlyLimit', 'dailyLimit'],
          allowedValues: { dailyLimit: '1000-4000' },
        },
      },
    });

  it('says per category of a flow whether it can be filled, and how', () => {
    const individual = analyzeHierarchy(h(), 'individual');
    expect(individual.map((a) => [a.code, a.satisfiable])).to.deep.equal([
      ['STANDARD_INDIVIDUAL', false],
      ['LOW_RISK_INDIVIDUAL', true],
    ]);
    expect(individual[0]!.overridesNeeded).to.deep.equal({ TIERED: { accountTier: '<value>' } });
    expect(individual[1]!.features).to.deep.equal([
      {
        code: 'LIMITS',
        id: 'f-lim',
        parameters: [
          { name: 'monthlyLimit', value: '20000', source: 'documented' },
          { name: 'dailyLimit', value: '4000', source: 'allowed' },
        ],
      },
    ]);
    expect(analyzeHierarchy(h(), 'organization').map((a) => a.code)).to.deep.equal([
      'SMALL_BUSINESS',
    ]);
  });

  it('counts host overrides', () => {
    const analysis = analyzeHierarchy(h(), 'individual', { TIERED: { accountTier: 'GOLD' } });
    expect(analysis.every((a) => a.satisfiable)).to.equal(true);
  });

  it('lets the default skip a category that cannot be filled', () => {
    const analyses = analyzeHierarchy(h(), 'individual');
    expect(pickDefaultCategory(h(), 'individual')?.code).to.equal('STANDARD_INDIVIDUAL');
    expect(pickDefault(analyses.filter((a) => a.satisfiable))?.code).to.equal(
      'LOW_RISK_INDIVIDUAL',
    );
  });
});

describe('explainRejection', () => {
  it("traces FinHub's missingKeys and invalidValues to the category's features", () => {
    const refusal = new FinHubApiError({
      code: 'categorization_invalid',
      message: 'refused',
      status: 400,
      missingKeys: ['RISK_SCORE'],
      invalidValues: { monitoring: 'HOURLY is not in allowed values: [WEEKLY, DAILY]' },
      endpoint: 'POST /v2.1/customer/individual/registration',
    });
    const h = CategorizationHierarchySchema.parse({
      ...LEGACY,
      features: {
        MEDIUM_RISK_PROFILE: {
          ...LEGACY.features.MEDIUM_RISK_PROFILE,
          mandatoryKeys: [...LEGACY.features.MEDIUM_RISK_PROFILE.mandatoryKeys, 'monitoring'],
        },
      },
    });
    const error = explainRejection(h, 'cat-medium', refusal);
    expect(error).to.be.instanceOf(CategorizationError);
    expect(error.code).to.equal('categorization_invalid');
    expect(error.status).to.equal(400);
    expect(error.categorization.problems).to.deep.equal([
      {
        reason: 'rejected',
        category: 'MEDIUM_RISK_INDIVIDUAL',
        feature: 'MEDIUM_RISK_PROFILE',
        key: 'RISK_SCORE',
      },
      {
        reason: 'rejected',
        category: 'MEDIUM_RISK_INDIVIDUAL',
        feature: 'MEDIUM_RISK_PROFILE',
        key: 'monitoring',
        value: 'HOURLY is not in allowed values: [WEEKLY, DAILY]',
      },
    ]);
    expect(error.categorization.override).to.deep.equal({
      MEDIUM_RISK_PROFILE: { RISK_SCORE: '<value>', monitoring: '<value>' },
    });
  });
});
