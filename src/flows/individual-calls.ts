/**
 * The individual flow's calls on the API client (docs/finhub-contract.md#individual-flow): a person's registration,
 * customer session, identity verification, documents, consents and activation.
 */
import type { ApiSession } from '../api/api-session.js';
import type { VerificationResult } from '../api/client.js';
import { IndividualClient } from '../api/individual-client.js';
import { isFinHubApiError } from '../api/errors.js';
import type { IndividualBackend } from '../flow/backend.js';
import {
  call,
  need,
  registerWithCategory,
  shouldFallBack,
  toActivationCheck,
  toActivationOutcome,
} from './api-common.js';

/** The individual flow's calls on the session after its first step (loaded behind `individual-api.ts`). */
export function calls(api: ApiSession): Omit<IndividualBackend, 'loadCategories'> {
  const client = new IndividualClient(api.clientOptions);
  return {
    async registerIndividual(values, context) {
      // docs/finhub-contract.md#smart-categorization smart selection: every mandatory feature key
      // filled with an allowed value.
      const result = await registerWithCategory(
        api,
        context,
        ({ customerCategory, categorization }) =>
          client.registerIndividual(
            {
              firstName: values.firstName,
              lastName: values.lastName,
              email: values.email,
              phone: values.phone,
              password: values.password,
              matchingPassword: values.matchingPassword,
              dateOfBirth: values.dateOfBirth,
              gender: values.gender,
              nationality: values.nationality,
              placeOfBirth: values.placeOfBirth,
              address: {
                street: values.street,
                city: values.city,
                postalCode: values.postalCode,
                country: values.country,
              },
              customerCategory,
              categorization,
            },
            call(context),
          ),
      );
      return {
        ids: { customerId: result.customerId, userId: result.userId },
        ...(result.customerStatus ? { status: result.customerStatus } : {}),
      };
    },

    async openSession(credentials, context) {
      const { customerId, userId } = context.data.ids;
      const session = await client.createCustomerSession(
        need(customerId, 'customer id'),
        need(userId, 'user id'),
        credentials,
        call(context),
      );
      return { ids: { customerId: customerId!, userId: session.userId || userId! } };
    },

    async startVerification(context) {
      const { customerId, userId } = context.data.ids;
      const customer = need(customerId, 'customer id');
      let result: VerificationResult;
      try {
        result = await client.createIndividualVerification(
          customer,
          { verificationType: 'STANDARD' },
          call(context),
        );
      } catch (error) {
        if (!shouldFallBack(error)) throw error;
        // docs/finhub-contract.md#create-verification: the runner's shared create.
        // `requestedByUserId` is the customer's own user: the browser never knows an admin's id
        // (docs/finhub-contract.md#individual-verification leaves the caller open).
        result = await client.createVerification(
          {
            customerId: customer,
            type: 'IDENTITY_VERIFICATION',
            requestedByUserId: need(userId, 'user id'),
            notes: 'Identity Verification',
          },
          call(context),
        );
      }
      return {
        verificationId: result.verificationId,
        // The [R] response names none (docs/finhub-contract.md#create-verification): the documents
        // step then asks for its defaults.
        requiredDocuments: result.requiredDocuments,
        ...(result.status ? { status: result.status } : {}),
      };
    },

    async uploadDocument(upload, options, context) {
      const { customerId, verificationId } = context.data.ids;
      const signal = options.signal
        ? AbortSignal.any([options.signal, context.signal])
        : context.signal;
      const result = await client.uploadVerificationDocument(
        need(verificationId, 'verification id'),
        // docs/finhub-contract.md#document-upload: `customerId` for a person.
        { ...upload, customerId: need(customerId, 'customer id') },
        { signal, ...(options.onProgress ? { onUploadProgress: options.onProgress } : {}) },
      );
      return { documentId: result.documentId };
    },

    async findDocument(document, context) {
      let listed;
      try {
        listed = await client.listIndividualDocuments(
          need(context.data.ids.customerId, 'customer id'),
          call(context),
        );
      } catch (error) {
        // The older endpoint may be gone from this tenant: as for an organization, the same
        // docId then goes again.
        if (isFinHubApiError(error) && (error.status === 404 || error.status === 405)) {
          return undefined;
        }
        throw error;
      }
      // Our docId when FinHub echoes it; otherwise the same type (returned prefixed, `DT_PASSPORT`)
      // and file name (the [N] generation prefixes stored names: `628dd82a-passport.pdf`).
      const type = (t?: string) => t?.replace(/^DT_/, '');
      const match =
        listed.find((d) => d.docId === document.docId) ??
        listed.find(
          (d) =>
            !d.docId &&
            type(d.documentType) === type(document.documentType) &&
            !!d.fileName?.endsWith(document.fileName),
        );
      return match ? { documentId: match.documentId } : undefined;
    },

    async acceptConsent(kind, consent, context) {
      await client.acceptIndividualConsent(
        need(context.data.ids.customerId, 'customer id'),
        kind,
        { version: consent.version, acceptanceTimestamp: consent.acceptedAt },
        call(context),
      );
    },

    async checkActivation(context) {
      await api.tokens.getToken(context.signal);
      const check = await client.checkIndividualActivation(
        need(context.data.ids.customerId, 'customer id'),
        need(api.tenantId(), 'tenant id'),
        call(context),
      );
      return toActivationCheck(check);
    },

    async activate(code, context) {
      const result = await client.activateIndividual(
        need(context.data.ids.customerId, 'customer id'),
        // docs/finhub-contract.md#individual-activation: the runner sends the customer's email as
        // `userId`.
        { userId: need(context.data.email, 'email'), code },
        call(context),
      );
      return toActivationOutcome(result);
    },
  };
}
