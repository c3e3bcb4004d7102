/**
 * The tenant's categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy).
 * Categories follow the guide's risk tiers ([G]: *_RISK_INDIVIDUAL, *_RISK_BUSINESS); features use
 * the documented examples (ENHANCED_AML_MONITORING, CUSTOMER_PROFILE, TRANSACTION_LIMITS,
 * INTERNATIONAL_PAYMENTS). Organizations read the same endpoint and keep the categories whose name
 * says "Business" (docs/finhub-contract.md#organization-flow).
 */

export interface SandboxFeature {
  databaseId: string;
  featureCode: string;
  featureName: string;
  description: string;
  mandatoryKeys: string[];
  /**
   * key → allowed values; a single `"min-max"` entry is a numeric range
   * (docs/finhub-contract.md#categorization-hierarchy). Some generations send a bare string
   * (`"0-100"`, `"A,B"`) or leave a mandatory key out, which then takes any non-empty value
   * (docs/finhub-contract.md#categorization-hierarchy).
   */
  allowedValues: Record<string, string[] | string>;
  multiValueKeys: string[];
  /**
   * Sandbox extra: keys that become mandatory when another key has a value
   * (docs/finhub-contract.md#categorization-hierarchy: pepCategory is "required only when pep is
   * true"). Clients that do not know this field ignore it.
   */
  conditionallyMandatoryKeys?: Record<string, { whenKey: string; equals: string }>;
}

export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';
export type CustomerKind = 'individual' | 'organization';

export interface SandboxCategory {
  databaseId: string;
  categoryId: string;
  categoryName: string;
  description: string;
  /**
   * Sandbox extras (the guide names the approval tier per category,
   * docs/finhub-contract.md#categorization-hierarchy [G]).
   */
  riskLevel: RiskLevel;
  approvalLevel: 'TENANT' | 'POWER_TENANT';
  customerType: 'INDIVIDUAL' | 'BUSINESS';
  availableFeatures: SandboxFeature[];
}

const AML: SandboxFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440002',
  featureCode: 'ENHANCED_AML_MONITORING',
  featureName: 'Enhanced AML Monitoring',
  description: 'Enhanced anti-money-laundering monitoring with PEP and sanctions screening',
  mandatoryKeys: ['riskLevel', 'riskScore', 'pep', 'sanctionsCheck', 'monitoring', 'edd'],
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
  conditionallyMandatoryKeys: { pepCategory: { whenKey: 'pep', equals: 'true' } },
};

const PROFILE: SandboxFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440003',
  featureCode: 'CUSTOMER_PROFILE',
  featureName: 'Customer Profile',
  description: 'Business profile and data-handling preferences',
  mandatoryKeys: ['industry', 'profile_completeness', 'data_source'],
  allowedValues: {
    data_retention_days: ['365-3650'],
    crypto_exchange_integration: ['true', 'false'],
    industry: ['OTHER', 'FINTECH', 'PAYMENT_SERVICES', 'ECOMMERCE'],
    profile_completeness: ['BASIC', 'STANDARD', 'FULL'],
    payment_gateway_integration: ['true', 'false'],
    data_source: ['external', 'banq_platform'],
  },
  multiValueKeys: [],
};

const LIMITS: SandboxFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440004',
  featureCode: 'TRANSACTION_LIMITS',
  featureName: 'Transaction Limits',
  description: 'Daily and monthly outgoing payment limits in EUR',
  mandatoryKeys: ['monthlyLimit', 'dailyLimit'],
  allowedValues: {
    monthlyLimit: ['1000-50000'],
    dailyLimit: ['100-10000'],
  },
  multiValueKeys: [],
};

const INTERNATIONAL: SandboxFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440005',
  featureCode: 'INTERNATIONAL_PAYMENTS',
  featureName: 'International Payments',
  description: 'SEPA and SWIFT transfers outside the home country',
  mandatoryKeys: ['sepaEnabled', 'swiftEnabled'],
  allowedValues: {
    sepaEnabled: ['true', 'false'],
    swiftEnabled: ['true', 'false'],
    allowedRegions: ['EEA', 'EUROPE', 'WORLDWIDE'],
  },
  multiValueKeys: ['allowedRegions'],
};

export const FEATURES: readonly SandboxFeature[] = [AML, PROFILE, LIMITS, INTERNATIONAL];

export const CATEGORIES: readonly SandboxCategory[] = [
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440003',
    categoryId: 'LOW_RISK_INDIVIDUAL',
    categoryName: 'Low Risk Individual Customer',
    description: 'Salaried residents with low expected volumes. Government ID only.',
    riskLevel: 'LOW',
    approvalLevel: 'TENANT',
    customerType: 'INDIVIDUAL',
    availableFeatures: [LIMITS],
  },
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440002',
    categoryId: 'STANDARD_INDIVIDUAL',
    categoryName: 'Standard Individual Customer',
    description: 'Everyday retail customers. Government ID and proof of address.',
    riskLevel: 'MEDIUM',
    approvalLevel: 'TENANT',
    customerType: 'INDIVIDUAL',
    availableFeatures: [LIMITS, INTERNATIONAL],
  },
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440001',
    categoryId: 'HIGH_RISK_INDIVIDUAL',
    categoryName: 'High Risk Individual Customer',
    description: 'PEPs and high-volume customers. Enhanced due diligence and source of funds.',
    riskLevel: 'HIGH',
    approvalLevel: 'POWER_TENANT',
    customerType: 'INDIVIDUAL',
    availableFeatures: [AML, LIMITS],
  },
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440011',
    categoryId: 'LOW_RISK_BUSINESS',
    categoryName: 'Low Risk Business Customer',
    description: 'Small domestic companies with simple ownership.',
    riskLevel: 'LOW',
    approvalLevel: 'TENANT',
    customerType: 'BUSINESS',
    availableFeatures: [PROFILE, LIMITS],
  },
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440012',
    categoryId: 'MEDIUM_RISK_BUSINESS',
    categoryName: 'Medium Risk Business Customer',
    description: 'Trading companies with cross-border payments.',
    riskLevel: 'MEDIUM',
    approvalLevel: 'TENANT',
    customerType: 'BUSINESS',
    availableFeatures: [PROFILE, LIMITS, INTERNATIONAL],
  },
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440013',
    categoryId: 'HIGH_RISK_BUSINESS',
    categoryName: 'High Risk Business Customer',
    description: 'Payment institutions, crypto and other regulated sectors. Enhanced monitoring.',
    riskLevel: 'HIGH',
    approvalLevel: 'POWER_TENANT',
    customerType: 'BUSINESS',
    availableFeatures: [AML, PROFILE, LIMITS],
  },
];

export const TENANT_NAME = 'Sandbox Bank Ltd';

/** The categories and features a tenant offers (a variant may bring its own). */
export interface SandboxHierarchy {
  categories: readonly SandboxCategory[];
  features: readonly SandboxFeature[];
}

export const DEFAULT_HIERARCHY: SandboxHierarchy = { categories: CATEGORIES, features: FEATURES };

export function findCategory(
  hierarchy: SandboxHierarchy,
  idOrCode: string,
): SandboxCategory | undefined {
  return hierarchy.categories.find((c) => c.databaseId === idOrCode || c.categoryId === idOrCode);
}

export const categoryKind = (category: SandboxCategory): CustomerKind =>
  category.customerType === 'BUSINESS' ? 'organization' : 'individual';

/** The docs/finhub-contract.md#categorization-hierarchy response body (`data`), as a fresh copy. */
export function hierarchyFor(
  tenantId: string,
  hierarchy: SandboxHierarchy = DEFAULT_HIERARCHY,
): Record<string, unknown> {
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    tenantId,
    tenantName: TENANT_NAME,
    complianceLevel: 'ENHANCED',
    categories: Object.fromEntries(hierarchy.categories.map((c) => [c.categoryId, copy(c)])),
    features: Object.fromEntries(hierarchy.features.map((f) => [f.featureCode, copy(f)])),
  };
}

/**
 * KYC documents per risk tier. Legacy docs/finhub-contract.md#document-upload ties the list to risk
 * (low → ID; medium → adds proof of address; high → adds source of funds); KYB asks for the three
 * company documents (docs/finhub-contract.md#document-upload B2B).
 */
export function requiredDocumentsFor(category: SandboxCategory): string[] {
  if (category.customerType === 'BUSINESS') {
    return ['CERTIFICATE_OF_INCORPORATION', 'ARTICLES_OF_ASSOCIATION', 'PROOF_OF_ADDRESS'];
  }
  switch (category.riskLevel) {
    case 'LOW':
      return ['GOVERNMENT_ID'];
    case 'MEDIUM':
      return ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'];
    case 'HIGH':
      return ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS', 'SOURCE_OF_FUNDS'];
  }
}
