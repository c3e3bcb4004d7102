import { expect } from '@open-wc/testing';
import {
  CategorizationError,
  buildCategorization,
  listCategories,
  pickDefaultCategory,
  type CategorizationSelection,
} from '../../src/api/categorization.js';
import { FinHubApiError } from '../../src/api/errors.js';
import {
  CategorizationHierarchySchema,
  type CategorizationHierarchy,
  type HierarchyFeature,
} from '../../src/api/hierarchy-schema.js';

/** The documented example features of docs/finhub-contract.md#categorization-hierarchy. */
const AML: HierarchyFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440002',
  featureCode: 'ENHANCED_AML_MONITORING',
  featureName: 'Enhanced AML monitoring',
  mandatoryKeys: [
    'riskLevel',
    'riskScore',
    'pep',
    'pepCategory',
    'sanctionsCheck',
    'monitoring',
    'edd',
  ],
  allowedValues: {
    riskLevel: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
    riskScore: ['0-100'],
    pep: ['true', 'false'],
    pepCategory: ['DOMESTIC_PEP', 'FOREIGN_PEP', 'RCA', 'HIO'],
    sanctionsCheck: ['STANDARD', 'ENHANCED', 'REAL_TIME'],
    monitoring: ['WEEKLY', 'DAILY', 'REAL_TIME'],
    edd: ['true', 'false'],
    transactionMonitoring: ['BATCH_DAILY', 'REAL_TIME'],
  },
  multiValueKeys: ['pepCategory'],
};

const MEDIUM_RISK: HierarchyFeature = {
  databaseId: 'feat-medium-risk',
  featureCode: 'MEDIUM_RISK_PROFILE',
  mandatoryKeys: ['riskLevel', 'riskScore', 'pep', 'sanctionsCheck', 'monthlyLimit'],
  allowedValues: {
    riskLevel: ['LOW', 'MEDIUM', 'HIGH'],
    riskScore: ['0-100'],
    pep: ['true', 'false'],
    sanctionsCheck: ['STANDARD', 'ENHANCED'],
    monthlyLimit: ['5000', '10000', '20000', '50000'],
  },
};

const CUSTOMER_PROFILE: HierarchyFeature = {
  databaseId: 'feat-customer-profile',
  featureCode: 'CUSTOMER_PROFILE',
  mandatoryKeys: [
    'data_retention_days',
    'crypto_exchange_integration',
    'industry',
    'profile_completeness',
    'payment_gateway_integration',
    'data_source',
  ],
  allowedValues: {
    data_retention_days: ['365-3650'],
    crypto_exchange_integration: ['true', 'false'],
    industry: ['OTHER', 'FINTECH', 'PAYMENT_SERVICES', 'ECOMMERCE'],
    profile_completeness: ['BASIC', 'STANDARD', 'FULL'],
    payment_gateway_integration: ['true', 'false'],
    data_source: ['external', 'banq_platform'],
  },
};

function hierarchy(): CategorizationHierarchy {
  // Parsed through the real schema, as the client will hand it over.
  return CategorizationHierarchySchema.parse({
    tenantId: '97e7ff29-15f3-49ef-9681-3bbfcce4f6cd',
    tenantName: 'Finsei Ltd',
    complianceLevel: 'ENHANCED',
    categories: {
      HIGH_RISK_INDIVIDUAL: {
        databaseId: 'cat-high',
        categoryId: 'HIGH_RISK_INDIVIDUAL',
        categoryName: 'High Risk Individual Customer',
        description: 'Enhanced due diligence',
        availableFeatures: ['ENHANCED_AML_MONITORING'],
      },
      STANDARD_INDIVIDUAL: {
        databaseId: 'cat-standard',
        categoryId: 'STANDARD_INDIVIDUAL',
        categoryName: 'Individual Standard',
        description: 'Standard retail customer',
        // Mixed generations: an object entry and a code entry.
        availableFeatures: [{ featureCode: 'ENHANCED_AML_MONITORING' }, 'CUSTOMER_PROFILE'],
      },
      LOW_RISK_INDIVIDUAL: {
        databaseId: 'cat-low',
        categoryId: 'LOW_RISK_INDIVIDUAL',
        categoryName: 'Low Risk Individual',
        availableFeatures: [],
      },
      HIGH_RISK_BUSINESS: {
        databaseId: 'cat-b-high',
        categoryId: 'HIGH_RISK_BUSINESS',
        categoryName: 'High Risk Business',
        availableFeatures: ['ENHANCED_AML_MONITORING'],
      },
      MEDIUM_RISK_BUSINESS: {
        databaseId: 'cat-b-medium',
        categoryId: 'MEDIUM_RISK_BUSINESS',
        categoryName: 'Medium Risk Business',
        availableFeatures: ['MEDIUM_RISK_PROFILE', 'CUSTOMER_PROFILE'],
      },
      SMALL_B2B: {
        databaseId: 'fs-cat-b2b-small-001',
        categoryId: 'SMALL_B2B',
        categoryName: 'Small Company',
        availableFeatures: [],
      },
      ORG_SIMPLE: {
        databaseId: 'cat-org',
        categoryId: 'ORG_SIMPLE',
        categoryName: 'Simple Organization',
        availableFeatures: [],
      },
    },
    features: {
      ENHANCED_AML_MONITORING: AML,
      MEDIUM_RISK_PROFILE: MEDIUM_RISK,
      CUSTOMER_PROFILE: CUSTOMER_PROFILE,
    },
  });
}

/** Independent of the implementation: exact match, or an integer inside an "a-b" range. */
function allowed(list: readonly string[], value: string): boolean {
  return list.some((entry) => {
    const range = /^(-?\d+)-(-?\d+)$/.exec(entry);
    if (!range) return entry === value;
    const [lo, hi] = [Number(range[1]), Number(range[2])].sort((a, b) => a - b);
    return /^-?\d+$/.test(value) && Number(value) >= lo! && Number(value) <= hi!;
  });
}

const paramsOf = (selection: CategorizationSelection, code: string) => {
  const relation = selection.categorization.categoryFeatureRelations.find(
    (r) => r.feature.code === code,
  );
  expect(relation, `relation ${code}`).to.exist;
  return Object.fromEntries(relation!.parametrization.map((p) => [p.name, p.value]));
};

function thrown(fn: () => unknown): FinHubApiError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(FinHubApiError);
    return error as FinHubApiError;
  }
  throw new Error('expected a FinHubApiError');
}

describe('listCategories', () => {
  it('gives organizations only BUSINESS / ORGANIZATION / B2B categories', () => {
    const codes = listCategories(hierarchy(), 'organization').map((c) => c.code);
    expect(codes).to.deep.equal([
      'HIGH_RISK_BUSINESS',
      'MEDIUM_RISK_BUSINESS',
      'SMALL_B2B',
      'ORG_SIMPLE',
    ]);
  });

  it('gives individuals the rest, with ids, names and resolved features', () => {
    const list = listCategories(hierarchy(), 'individual');
    expect(list.map((c) => c.code)).to.deep.equal([
      'HIGH_RISK_INDIVIDUAL',
      'STANDARD_INDIVIDUAL',
      'LOW_RISK_INDIVIDUAL',
    ]);
    const standard = list[1]!;
    expect(standard).to.include({
      key: 'STANDARD_INDIVIDUAL',
      id: 'cat-standard',
      code: 'STANDARD_INDIVIDUAL',
      name: 'Individual Standard',
      description: 'Standard retail customer',
    });
    expect(standard.features).to.deep.equal([
      {
        id: AML.databaseId,
        code: 'ENHANCED_AML_MONITORING',
        name: 'Enhanced AML monitoring',
      },
      { id: 'feat-customer-profile', code: 'CUSTOMER_PROFILE', name: 'CUSTOMER_PROFILE' },
    ]);
  });
});

describe('pickDefaultCategory', () => {
  it('prefers STANDARD, never HIGH_RISK while another exists', () => {
    expect(pickDefaultCategory(hierarchy(), 'individual')?.code).to.equal('STANDARD_INDIVIDUAL');
    expect(pickDefaultCategory(hierarchy(), 'organization')?.code).to.equal('MEDIUM_RISK_BUSINESS');
  });

  it('falls back MEDIUM → LOW → BASIC → other → HIGH → PROHIBITED', () => {
    const make = (...codes: string[]) =>
      CategorizationHierarchySchema.parse({
        categories: Object.fromEntries(
          codes.map((code) => [
            code,
            { databaseId: `id-${code}`, categoryId: code, categoryName: code },
          ]),
        ),
      });
    const pick = (...codes: string[]) => pickDefaultCategory(make(...codes), 'individual')?.code;
    expect(pick('HIGH_RISK_INDIVIDUAL', 'LOW_RISK_INDIVIDUAL', 'MEDIUM_RISK_INDIVIDUAL')).to.equal(
      'MEDIUM_RISK_INDIVIDUAL',
    );
    expect(pick('HIGH_RISK_INDIVIDUAL', 'INDIVIDUAL_BASIC', 'LOW_RISK_INDIVIDUAL')).to.equal(
      'LOW_RISK_INDIVIDUAL',
    );
    expect(pick('INDIVIDUAL_PREMIUM', 'INDIVIDUAL_BASIC', 'INDIVIDUAL_VERIFIED')).to.equal(
      'INDIVIDUAL_BASIC',
    );
    expect(pick('PROHIBITED_INDIVIDUAL', 'HIGH_RISK_INDIVIDUAL', 'INDIVIDUAL_PREMIUM')).to.equal(
      'INDIVIDUAL_PREMIUM',
    );
    expect(pick('PROHIBITED_INDIVIDUAL', 'HIGH_RISK_INDIVIDUAL')).to.equal('HIGH_RISK_INDIVIDUAL');
    expect(pick('HIGH_RISK_INDIVIDUAL')).to.equal('HIGH_RISK_INDIVIDUAL');
    expect(pickDefaultCategory(make('INDIVIDUAL_BASIC'), 'organization')).to.equal(undefined);
  });
});

describe('buildCategorization', () => {
  it('builds the docs/finhub-contract.md#categorization-at-registration objects for a category with the documented features', () => {
    const selection = buildCategorization(hierarchy(), 'STANDARD_INDIVIDUAL');
    expect(selection.customerCategory).to.deep.equal({
      id: 'cat-standard',
      name: 'Individual Standard',
    });
    const { categorization } = selection;
    expect(categorization).to.include({
      id: 'cat-standard',
      name: 'Individual Standard',
      description: 'Standard retail customer',
      isActive: true,
    });
    expect(categorization.parametrization).to.deep.equal([]);
    expect(categorization.categoryFeatureRelations.map((r) => r.feature)).to.deep.equal([
      { id: AML.databaseId, code: 'ENHANCED_AML_MONITORING' },
      { id: 'feat-customer-profile', code: 'CUSTOMER_PROFILE' },
    ]);
    for (const relation of categorization.categoryFeatureRelations) {
      expect(relation.enabled).to.equal(true);
      for (const { value } of relation.parametrization) expect(value).to.be.a('string');
    }
  });

  it('fills ENHANCED_AML_MONITORING by the docs/finhub-contract.md#smart-categorization rules', () => {
    const p = paramsOf(buildCategorization(hierarchy(), 'cat-standard'), 'ENHANCED_AML_MONITORING');
    expect(p['riskLevel']).to.equal('MEDIUM');
    const score = Number(p['riskScore']);
    expect(score).to.be.within(40, 69);
    expect(Number.isInteger(score)).to.equal(true);
    expect(p['pep']).to.equal('false');
    expect(p).not.to.have.property('pepCategory');
    expect(p['sanctionsCheck']).to.equal('STANDARD');
    expect(p['monitoring']).to.equal('WEEKLY');
    expect(p['edd']).to.equal('false');
    // Optional keys are not sent.
    expect(p).not.to.have.property('transactionMonitoring');
    for (const key of AML.mandatoryKeys!) {
      if (key === 'pepCategory') continue;
      expect(p, key).to.have.property(key);
      expect(allowed(AML.allowedValues![key]!, p[key]!), `${key}=${p[key]}`).to.equal(true);
    }
  });

  it('fills MEDIUM_RISK_PROFILE and CUSTOMER_PROFILE with allowed values', () => {
    const selection = buildCategorization(hierarchy(), 'MEDIUM_RISK_BUSINESS');
    const m = paramsOf(selection, 'MEDIUM_RISK_PROFILE');
    expect(m).to.deep.equal({
      riskLevel: 'MEDIUM',
      riskScore: '55',
      pep: 'false',
      sanctionsCheck: 'STANDARD',
      monthlyLimit: '20000',
    });
    const c = paramsOf(selection, 'CUSTOMER_PROFILE');
    expect(Object.keys(c)).to.have.members(CUSTOMER_PROFILE.mandatoryKeys!);
    expect(c['crypto_exchange_integration']).to.equal('false');
    expect(c['payment_gateway_integration']).to.equal('false');
    expect(c['industry']).to.equal('OTHER');
    for (const [key, value] of Object.entries(c)) {
      expect(allowed(CUSTOMER_PROFILE.allowedValues![key]!, value), `${key}=${value}`).to.equal(
        true,
      );
    }
  });

  it('matches key names by meaning and case, and applies limit bands', () => {
    const h = CategorizationHierarchySchema.parse({
      categories: {
        C: { databaseId: 'c', categoryId: 'C', categoryName: 'C', availableFeatures: ['F'] },
      },
      features: {
        F: {
          databaseId: 'f',
          featureCode: 'F',
          mandatoryKeys: [
            'RISK_LEVEL',
            'risk_score',
            'IS_PEP',
            'daily_limit',
            'MonthlyTransactionLimit',
            'EDD_REQUIRED',
            'verificationLevel',
            'sanctions_check',
            'MONITORING_FREQUENCY',
          ],
          allowedValues: {
            RISK_LEVEL: ['LOW', 'STANDARD', 'HIGH'],
            risk_score: ['70-100'],
            IS_PEP: ['YES', 'NO'],
            daily_limit: ['1000-10000'],
            MonthlyTransactionLimit: ['10000', '15000', '30000'],
            EDD_REQUIRED: ['REQUIRED', 'OPTIONAL'],
            verificationLevel: ['BASIC', 'STANDARD', 'ENHANCED'],
            sanctions_check: ['DAILY', 'PERIODIC'],
            MONITORING_FREQUENCY: ['DAILY', 'STANDARD'],
          },
        },
      },
    });
    expect(paramsOf(buildCategorization(h, 'C'), 'F')).to.deep.equal({
      RISK_LEVEL: 'STANDARD',
      risk_score: '85', // band 40–69 misses 70–100: the range's midpoint
      IS_PEP: 'NO',
      daily_limit: '5000',
      MonthlyTransactionLimit: '15000',
      EDD_REQUIRED: 'OPTIONAL',
      verificationLevel: 'STANDARD',
      sanctions_check: 'PERIODIC',
      MONITORING_FREQUENCY: 'STANDARD',
    });
  });

  it('takes the middle risk level when neither MEDIUM nor STANDARD is allowed', () => {
    const h = CategorizationHierarchySchema.parse({
      categories: {
        C: { databaseId: 'c', categoryId: 'C', categoryName: 'C', availableFeatures: ['F'] },
      },
      features: {
        F: {
          databaseId: 'f',
          featureCode: 'F',
          mandatoryKeys: ['riskLevel'],
          allowedValues: { riskLevel: ['VERY_LOW', 'LOW', 'ELEVATED', 'HIGH', 'SEVERE'] },
        },
      },
    });
    expect(paramsOf(buildCategorization(h, 'C'), 'F')['riskLevel']).to.equal('ELEVATED');
  });

  it('sends pep true and one pepCategory when only true is allowed', () => {
    const h = hierarchy();
    h.features!['ENHANCED_AML_MONITORING'] = {
      ...AML,
      mandatoryKeys: ['riskLevel', 'pep'],
      allowedValues: { ...AML.allowedValues!, pep: ['true'] },
    };
    const p = paramsOf(buildCategorization(h, 'HIGH_RISK_INDIVIDUAL'), 'ENHANCED_AML_MONITORING');
    expect(p['pep']).to.equal('true');
    expect(p['pepCategory']).to.equal('DOMESTIC_PEP');
  });

  describe('unsatisfiable', () => {
    const withAml = (patch: Partial<HierarchyFeature>) => {
      const h = hierarchy();
      h.features!['ENHANCED_AML_MONITORING'] = { ...AML, ...patch };
      return h;
    };

    it('an unknown category', () => {
      const error = thrown(() => buildCategorization(hierarchy(), 'NOPE'));
      expect(error.code).to.equal('categorization_unsatisfiable');
      expect(error.message).to.contain('NOPE');
    });

    it('a mandatory key with no allowed values and no documented rule', () => {
      const error = thrown(() =>
        buildCategorization(
          withAml({ mandatoryKeys: ['riskLevel', 'accountTier'] }),
          'HIGH_RISK_INDIVIDUAL',
        ),
      ) as CategorizationError;
      expect(error).to.be.instanceOf(CategorizationError);
      expect(error.code).to.equal('categorization_unsatisfiable');
      expect(error.categorization.problems).to.deep.equal([
        {
          reason: 'no_value',
          category: 'HIGH_RISK_INDIVIDUAL',
          feature: 'ENHANCED_AML_MONITORING',
          key: 'accountTier',
        },
      ]);
      expect(error.categorization.override).to.deep.equal({
        ENHANCED_AML_MONITORING: { accountTier: '<value>' },
      });
      expect(error.message).to.contain('ENHANCED_AML_MONITORING');
      expect(error.message).to.contain('accountTier');
    });

    it('a feature the hierarchy does not describe', () => {
      const h = hierarchy();
      h.categories['LOW_RISK_INDIVIDUAL']!.availableFeatures = ['TRANSACTION_LIMITS'];
      const error = thrown(() =>
        buildCategorization(h, 'LOW_RISK_INDIVIDUAL'),
      ) as CategorizationError;
      expect(error.code).to.equal('categorization_unsatisfiable');
      expect(error.categorization.problems).to.deep.equal([
        {
          reason: 'unknown_feature',
          category: 'LOW_RISK_INDIVIDUAL',
          feature: 'TRANSACTION_LIMITS',
        },
      ]);
      expect(error.message).to.contain('TRANSACTION_LIMITS');
    });
  });

  describe('overrides', () => {
    it('pins allowed values, including a range value and several pep categories', () => {
      const selection = buildCategorization(hierarchy(), 'STANDARD_INDIVIDUAL', {
        overrides: {
          ENHANCED_AML_MONITORING: {
            riskScore: '42',
            monitoring: 'DAILY',
            pep: 'true',
            pepCategory: 'FOREIGN_PEP, RCA',
            transactionMonitoring: 'REAL_TIME',
          },
          NOT_IN_THIS_CATEGORY: { anything: 'x' },
        },
      });
      const p = paramsOf(selection, 'ENHANCED_AML_MONITORING');
      expect(p).to.include({
        riskScore: '42',
        monitoring: 'DAILY',
        pep: 'true',
        pepCategory: 'FOREIGN_PEP,RCA',
        transactionMonitoring: 'REAL_TIME',
        riskLevel: 'MEDIUM',
      });
    });

    it('adds pepCategory when an override makes pep true', () => {
      const p = paramsOf(
        buildCategorization(hierarchy(), 'STANDARD_INDIVIDUAL', {
          overrides: { ENHANCED_AML_MONITORING: { pep: 'true' } },
        }),
        'ENHANCED_AML_MONITORING',
      );
      expect(p['pepCategory']).to.equal('DOMESTIC_PEP');
    });

    for (const [key, value] of [
      ['riskLevel', 'PROHIBITED'],
      ['riskScore', '101'],
      ['riskScore', '55.5'],
      ['monitoring', 'weekly'],
      ['sanctionsCheck', 'STANDARD,ENHANCED'],
    ] as const) {
      it(`refuses ${key}=${value}`, () => {
        const error = thrown(() =>
          buildCategorization(hierarchy(), 'STANDARD_INDIVIDUAL', {
            overrides: { ENHANCED_AML_MONITORING: { [key]: value } },
          }),
        );
        expect(error.code).to.equal('categorization_unsatisfiable');
        expect(error.message).to.contain(key);
        expect(error.message).to.contain('ENHANCED_AML_MONITORING');
      });
    }
  });

  it('property: generated features always get allowed values for every mandatory key', () => {
    // mulberry32: small seeded PRNG so a failure is reproducible.
    let seed = 0x5eed1234;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;

    const keyNames = [
      'riskLevel',
      'RISK_SCORE',
      'risk_score',
      'pep',
      'isPep',
      'pepCategory',
      'sanctionsCheck',
      'monitoring',
      'transactionMonitoring',
      'monthlyLimit',
      'daily_limit',
      'edd',
      'verificationLevel',
      'industry',
      'dataSource',
      'crypto_enabled',
      'tier',
    ];
    const tokens = [
      'LOW',
      'MEDIUM',
      'HIGH',
      'CRITICAL',
      'PROHIBITED',
      'STANDARD',
      'ENHANCED',
      'PERIODIC',
      'WEEKLY',
      'DAILY',
      'REAL_TIME',
      'OPTIONAL',
      'REQUIRED',
      'true',
      'false',
      'YES',
      'NO',
      'NOT_APPLICABLE',
      'BASIC',
      'FULL',
      'DOMESTIC_PEP',
      'RCA',
      '5',
      '55',
      '1000',
      '20000',
      '5000',
      '99999',
      'weekly',
      'Medium',
    ];
    const allowedList = (): string[] => {
      const n = int(1, 5);
      return Array.from({ length: n }, () => {
        if (random() < 0.3) {
          const a = int(-50, 40000);
          return `${a}-${a + int(0, 30000)}`;
        }
        return pick(tokens);
      });
    };

    for (let round = 0; round < 300; round++) {
      const keys = [...new Set(Array.from({ length: int(1, 8) }, () => pick(keyNames)))];
      const allowedValues = Object.fromEntries(keys.map((k) => [k, allowedList()]));
      const mandatoryKeys = keys.filter(() => random() < 0.8);
      const h = CategorizationHierarchySchema.parse({
        categories: {
          C: { databaseId: 'c', categoryId: 'C', categoryName: 'C', availableFeatures: ['F'] },
        },
        features: { F: { databaseId: 'f', featureCode: 'F', mandatoryKeys, allowedValues } },
      });
      const label = `round ${round}: ${JSON.stringify({ mandatoryKeys, allowedValues })}`;
      const params = buildCategorization(h, 'C').categorization.categoryFeatureRelations[0]!
        .parametrization;
      const sent = new Map(params.map((p) => [p.name, p.value]));
      expect(sent.size, label).to.equal(params.length);
      const pepKey = [...sent.keys()].find((k) => /^(pep|isPep)$/.test(k));
      const pepTrue = pepKey !== undefined && /^(true|yes|y|1)$/i.test(sent.get(pepKey)!);
      const hasPep = keys.some((k) => /^(pep|isPep)$/.test(k));
      for (const [name, value] of sent) {
        expect(allowed(allowedValues[name]!, value), `${label} ${name}=${value}`).to.equal(true);
        const extraPepCategory = name === 'pepCategory' && pepTrue;
        expect(mandatoryKeys.includes(name) || extraPepCategory, `${label} extra ${name}`).to.equal(
          true,
        );
      }
      for (const key of mandatoryKeys) {
        if (key === 'pepCategory' && hasPep && !pepTrue) {
          expect(sent.has(key), label).to.equal(false);
        } else {
          expect(sent.has(key), `${label} missing ${key}`).to.equal(true);
        }
      }
    }
  });
});
