/** Every FinHub v2.1 route the two onboarding flows use (finhub-api.md §1.2, §1.3). */
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
