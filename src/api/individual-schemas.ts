/**
 * The individual flow's response readers (docs/finhub-contract.md#individual-flow): a person's
 * registration and their document list, read as `schemas.ts` reads every answer. Only the
 * person's client (individual-client.ts) loads this (issue 17).
 */
import type { Envelope } from './envelope.js';
import { findId, findText, ID_PATHS, STATUS_PATHS } from './response-shapes.js';
import { listOf, objectData, requireId, text, type DocumentUploadResult } from './schemas.js';

// -- registration (docs/finhub-contract.md#individual-registration) ---

export interface RegisterIndividualResult {
  customerId: string;
  /**
   * `data.user.id` (or a flat `userId`): the `{userId}` of the session path
   * (docs/finhub-contract.md#user-id).
   */
  userId: string;
  tenantId?: string;
  customerStatus?: string;
  userStatus?: string;
  redirectUrl?: string;
  message?: string;
}

export function toRegisterIndividualResult(
  env: Envelope,
  endpoint: string,
): RegisterIndividualResult {
  const data = objectData(env, endpoint);
  return {
    customerId: requireId(env, 'customerId', endpoint),
    userId: requireId(env, 'userId', endpoint),
    tenantId: text(data, 'tenantId'),
    customerStatus: findText(data, STATUS_PATHS.customer)?.value,
    userStatus: text(data, 'user.status'),
    redirectUrl: env.redirectUrl ?? text(data, 'redirectUrl'),
    message: env.message,
  };
}

// -- documents (docs/finhub-contract.md#document-list) ---

/** One item of docs/finhub-contract.md#document-list's document list. */
export interface ListedDocument extends DocumentUploadResult {
  /** The client's id (docs/finhub-contract.md#document-upload `docId`) when FinHub echoes it. */
  docId?: string;
}

// docs/finhub-contract.md#document-list documents no response: the list may be `data` itself or
// under `data.documents`.
export function toDocumentList(env: Envelope, endpoint: string): ListedDocument[] {
  return listOf(env, 'documents', endpoint).flatMap((item) => {
    const documentId = findId(item, ID_PATHS.documentId)?.value;
    if (!documentId) return [];
    const listed: ListedDocument = { documentId };
    for (const key of ['docId', 'documentType', 'fileName', 'status'] as const) {
      const value = text(item, key);
      if (value) listed[key] = value;
    }
    return [listed];
  });
}
