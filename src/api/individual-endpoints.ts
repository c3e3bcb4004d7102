/**
 * The individual flow's own endpoints (docs/finhub-contract.md#individual-flow), as the path
 * templates their errors name. Only the person's client loads this (issue 17).
 */
export const INDIVIDUAL_ENDPOINTS = {
  registerIndividual: 'POST /v2.1/customer/individual/registration',
  customerSession: 'POST /v2.1/customer/individual/{customerId}/users/{userId}/sessions',
  individualVerification: 'POST /v2.1/customer/individual/{customerId}/verification',
  individualVerificationInitiate:
    'POST /v2.1/customer/individual/{customerId}/verification/initiate',
  listIndividualDocuments: 'GET /v2.1/customer/individual/{customerId}/documents',
  individualConsent: 'POST /v2.1/customer/individual/{customerId}/consents/{consentType}',
  individualReadiness:
    'GET /v2.1/customer/individual/{customerId}/owner/{ownerTenantId}/activation/check',
  activateIndividual: 'POST /v2.1/customer/individual/{customerId}/activation',
} as const;
