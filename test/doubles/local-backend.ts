/**
 * A stand-in FlowBackend that answers locally (no network), so the element, the flow and the steps
 * can be tested on their own. A test double: it lives in test/, never in src/.
 */
import { FinHubApiError } from '../../src/api/api-error.js';
import type { AnyBackend } from '../../src/flow/backend.js';
import { wait } from '../../src/flow/clock.js';
import type { FlowData } from '../../src/flow/types.js';
import type { SavedDirector } from '../../src/steps/personnel/personnel.schema.js';
import type { CategoryOption } from '../../src/flow/types.js';

export interface LocalBackendOptions {
  categories?: Partial<Record<FlowData['flow'], CategoryOption[]>>;
  /** Pretend latency, ms (default 0). */
  delayMs?: number;
  /** Documents the local verification asks for (default `['GOVERNMENT_ID']`). */
  requiredDocuments?: string[];
  /** Readiness checks answered "not yet" before activation is allowed (default 0). */
  pendingChecks?: number;
  /** The code `activate()` accepts (default `LOCAL-CODE`). */
  activationCode?: string;
  /** Wallet checks an organization answers `ACTIVATING` before `ACTIVE` (default 0). */
  provisioningChecks?: number;
}

const LOCAL_CATEGORIES: Record<FlowData['flow'], CategoryOption[]> = {
  individual: [
    {
      key: 'INDIVIDUAL_STANDARD',
      name: 'Individual Standard',
      description: 'Everyday payments and savings.',
      isDefault: true,
    },
    {
      key: 'INDIVIDUAL_PREMIUM',
      name: 'Individual Premium',
      description: 'Higher limits and international payments.',
    },
  ],
  organization: [
    {
      key: 'SMALL_BUSINESS',
      name: 'Small Business',
      description: 'For companies with up to 50 employees.',
      isDefault: true,
    },
    {
      key: 'MEDIUM_RISK_BUSINESS',
      name: 'Business',
      description: 'For larger companies and regulated activities.',
    },
  ],
};

/**
 * A stand-in backend that answers locally (no network): categories, then every step succeeds.
 * The ids it hands out are fixed strings, so tests can tell them apart from FinHub's.
 */
export function createLocalBackend(options: LocalBackendOptions = {}): AnyBackend {
  const delay = options.delayMs ?? 0;
  const code = options.activationCode ?? 'LOCAL-CODE';
  let pending = options.pendingChecks ?? 0;
  let provisioning = options.provisioningChecks ?? 0;
  let documents = 0;
  /** docId → documentId of what was uploaded, for findDocument. */
  const uploaded = new Map<string, string>();
  let people = 0;
  const directors: SavedDirector[] = [];
  return {
    async loadCategories({ data, signal }) {
      await wait(delay, signal);
      return (options.categories?.[data.flow] ?? LOCAL_CATEGORIES[data.flow]).map((c) => ({
        ...c,
      }));
    },
    async registerIndividual(_values, { signal }) {
      await wait(delay, signal);
      return {};
    },
    async registerOrganization(_values, { signal }) {
      await wait(delay, signal);
      return { ids: { organizationId: 'local-organization', userId: 'local-admin' } };
    },
    async addEmployee(_request, { signal }) {
      await wait(delay, signal);
      people += 1;
      return { userId: `local-user-${people}` };
    },
    async addDirector(request, { signal }) {
      await wait(delay, signal);
      people += 1;
      const director: SavedDirector = {
        directorId: `local-director-${people}`,
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        role: request.role,
      };
      directors.push(director);
      return { directorId: director.directorId! };
    },
    async addShareholder(_request, { signal }) {
      await wait(delay, signal);
      people += 1;
      return { shareholderId: `local-shareholder-${people}`, status: 'PENDING_VERIFICATION' };
    },
    async listDirectors({ signal }) {
      await wait(delay, signal);
      return directors.map((director) => ({ ...director }));
    },
    async openSession(_credentials, { signal }) {
      await wait(delay, signal);
      return {};
    },
    async startVerification({ data, signal }) {
      await wait(delay, signal);
      const fallback =
        data.flow === 'organization' ? 'CERTIFICATE_OF_INCORPORATION' : 'GOVERNMENT_ID';
      return {
        verificationId: 'local-verification',
        requiredDocuments: [...(options.requiredDocuments ?? [fallback])],
        status: 'PENDING',
      };
    },
    async uploadDocument({ docId }, { signal }) {
      await wait(delay, signal ?? new AbortController().signal);
      documents += 1;
      const documentId = `local-document-${documents}`;
      uploaded.set(docId, documentId);
      return { documentId };
    },
    async findDocument({ docId }, { signal }) {
      await wait(delay, signal);
      const documentId = uploaded.get(docId);
      return documentId ? { documentId } : undefined;
    },
    async acceptConsent(_kind, _consent, { signal }) {
      await wait(delay, signal);
    },
    async checkActivation({ signal }) {
      await wait(delay, signal);
      const allowed = pending <= 0;
      pending -= 1;
      return {
        allowed,
        consentOk: true,
        verificationOk: allowed,
        verificationStatus: allowed ? 'APPROVED' : 'IN_PROGRESS',
        missingConsents: [],
      };
    },
    async activate(given, { data, signal }) {
      await wait(delay, signal);
      if (given.trim().toUpperCase() !== code.toUpperCase()) {
        throw new FinHubApiError({
          code: 'validation_failed',
          status: 400,
          message: 'Invalid activation code',
          fieldErrors: [{ field: 'code', message: 'Invalid activation code' }],
        });
      }
      return { status: data.flow === 'organization' ? 'ACTIVATING' : 'ACTIVE' };
    },
    async checkWallet({ signal }) {
      await wait(delay, signal);
      provisioning -= 1;
      return provisioning >= 0
        ? { status: 'ACTIVATING' }
        : {
            status: 'ACTIVE',
            iban: 'LT000000000000000000',
            wallet: { walletId: 'local-wallet', currency: 'EUR', status: 'ACTIVE' },
          };
    },
  };
}
