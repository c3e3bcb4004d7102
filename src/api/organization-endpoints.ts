/**
 * The organization flow's own endpoints (docs/finhub-contract.md#organization-flow), as the path
 * templates their errors name. Only the company's client loads this (issue 17).
 */
export const ORGANIZATION_ENDPOINTS = {
  registerOrganization: 'POST /v2.1/customer/organization/registration',
  addEmployee: 'POST /v2.1/customer/organization/{organizationId}/employee',
  addDirector: 'POST /v2.1/customer/organization/{organizationId}/director',
  addDirectorPlural: 'POST /v2.1/customer/organization/{organizationId}/directors',
  listDirectors: 'GET /v2.1/customer/organization/{organizationId}/directors',
  addShareholder: 'POST /v2.1/customer/organization/{organizationId}/shareholders',
  organizationSession: 'POST /v2.1/customer/organization/{organizationId}/users/{userId}/sessions',
  verifyOrganization: 'POST /v2.1/customer/organization/{organizationId}/verify',
  organizationConsent: 'POST /v2.1/customer/organization/{organizationId}/consents/{consentType}',
  organizationReadiness: 'GET /v2.1/customer/organization/{organizationId}/activation/readiness',
  activateOrganization: 'POST /v2.1/customer/organization/{organizationId}/activation',
  walletStatus: 'GET /v2.1/customer/organization/{organizationId}/wallet-status',
} as const;
