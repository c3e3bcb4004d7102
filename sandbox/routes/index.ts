/**
 * Every FinHub v2.1 route the two onboarding flows use
 * (docs/finhub-contract.md#individual-flow, #organization-flow).
 */
import type { RouteDef } from '../router.js';
import { adminRoutes } from './admin.js';
import { consentRoutes } from './consents.js';
import { individualRoutes } from './individual.js';
import { organizationRoutes } from './organization.js';
import { personnelRoutes } from './personnel.js';
import { sessionRoutes } from './sessions.js';
import { verificationRoutes } from './verifications.js';

export const routes: RouteDef[] = [
  ...adminRoutes,
  ...individualRoutes,
  ...sessionRoutes,
  ...verificationRoutes,
  ...consentRoutes,
  ...organizationRoutes,
  ...personnelRoutes,
];
