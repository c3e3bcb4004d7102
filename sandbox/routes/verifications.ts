/**
 * Verification and compliance (docs/finhub-contract.md#create-verification): create
 * (docs/finhub-contract.md#create-verification), upload documents
 * (docs/finhub-contract.md#document-upload), admin approval (docs/finhub-contract.md#approval),
 * plus a status read the docs leave open (docs/finhub-contract.md#approval) for clients that poll.
 */
import {
  inspectBase64,
  maxBytesFor,
  MB,
  MIME_TYPES,
  requirementFor,
  sniffMime,
  documentTypesFor,
} from '../documents.js';
import { HttpError, isObject, isoTime, ok } from '../http.js';
import { UUID } from '../ids.js';
import type { RouteContext, RouteDef } from '../router.js';
import { Checker } from '../validation.js';
import {
  assertIndividualAccess,
  assertOrganizationAccess,
  optionalBody,
  requireBody,
  verificationFor,
} from './access.js';
import { createVerification, VERIFICATION_LEVELS } from './common.js';
import { acceptedDocumentTypes, verificationView } from './views.js';

/** docs/finhub-contract.md#create-verification `type` values. */
export const VERIFICATION_TYPES = [
  'IDENTITY_VERIFICATION',
  'BUSINESS_VERIFICATION',
  'DOCUMENT_VERIFICATION',
  'ENHANCED_DUE_DILIGENCE',
  'SANCTIONS_CHECK',
  'CUSTOMER_DUE_DILIGENCE',
] as const;

function create(ctx: RouteContext): Response {
  const { store } = ctx;
  const body = requireBody(ctx);
  const c = new Checker();
  const customerId = c.string(body.customerId, 'customerId');
  const type = c.oneOf(body.type, 'type', VERIFICATION_TYPES);
  const requestedLevel = c.oneOf(body.requestedLevel, 'requestedLevel', VERIFICATION_LEVELS);
  // docs/finhub-contract.md#create-verification lists requestedByUserId as required; the sandbox
  // accepts its absence (the browser flow does not know the admin's id) but checks its type when
  // present.
  c.string(body.requestedByUserId, 'requestedByUserId', false);
  c.string(body.notes, 'notes', false);
  c.throwIfAny();
  if (!customerId || !type || !requestedLevel)
    throw new HttpError(500, 'Internal validation error');

  const individual = store.individuals.get(customerId);
  const organization = store.organizations.get(customerId);
  if (organization) assertOrganizationAccess(ctx, customerId);
  else assertIndividualAccess(ctx, customerId);
  const customer = individual ?? organization;
  if (!customer)
    throw new HttpError(404, 'Customer not found', { error: 'CUSTOMER_NOT_FOUND', customerId });
  if (type === 'BUSINESS_VERIFICATION' && !organization) {
    c.add('type', 'BUSINESS_VERIFICATION applies to organizations; use IDENTITY_VERIFICATION');
  }
  if (type === 'IDENTITY_VERIFICATION' && organization) {
    c.add('type', 'IDENTITY_VERIFICATION applies to individuals; use BUSINESS_VERIFICATION');
  }
  c.throwIfAny();
  const active = individual
    ? individual.customerStatus === 'ACTIVE'
    : organization?.status !== 'PENDING_ACTIVATION';
  if (active)
    throw new HttpError(409, 'Customer is already active', { error: 'ALREADY_ACTIVATED' });

  const v = createVerification(store, customer, {
    type,
    verificationType: organization ? 'KYB' : 'KYC',
    requestedLevel,
    initialStatus: 'PENDING',
  });
  return ok({
    verificationId: v.id,
    status: store.spell(v.initialStatus),
    verificationType: v.verificationType,
    type: v.type,
    customerId,
    requestedLevel,
    requiredDocuments: v.requiredDocuments,
    acceptedDocumentTypes: acceptedDocumentTypes(v.customerKind, v.requiredDocuments),
    createdAt: isoTime(v.createdAt),
  });
}

function upload(ctx: RouteContext): Response {
  const { store } = ctx;
  const v = verificationFor(ctx, ctx.params.verificationId ?? '');
  const body = requireBody(ctx);
  // docs/finhub-contract.md#document-upload [N] also allows the file under `document {…}`.
  const doc = isObject(body.document) ? { ...body.document, ...body } : body;
  const c = new Checker();
  if (body.verificationId !== undefined && body.verificationId !== v.id) {
    c.add('verificationId', 'Must match the verification id in the path');
  }
  if (body.customerId !== undefined && body.customerId !== v.customerId) {
    c.add('customerId', 'Does not match the customer of this verification');
  }
  if (body.organizationId !== undefined && body.organizationId !== v.customerId) {
    c.add('organizationId', 'Does not match the organization of this verification');
  }
  const documentType = c.string(doc.documentType, 'documentType');
  const requirement =
    documentType === undefined ? undefined : requirementFor(v.customerKind, documentType);
  if (documentType !== undefined && requirement === undefined) {
    c.add(
      'documentType',
      `Unknown document type for ${v.customerKind} customers. Accepted: ${documentTypesFor(v.customerKind).join(', ')}`,
    );
  }
  const mimeType = c.oneOf(doc.mimeType, 'mimeType', MIME_TYPES);
  const fileName = c.string(doc.fileName, 'fileName');
  const docId = c.string(doc.docId, 'docId', false);
  if (docId !== undefined && !UUID.test(docId))
    c.add('docId', 'Must be a UUID (client-generated, v4)');
  let size = 0;
  if (typeof doc.fileContent !== 'string' || doc.fileContent === '') {
    c.add(
      'fileContent',
      doc.fileContent === undefined || doc.fileContent === ''
        ? 'Field is required'
        : 'Must be a string',
    );
  } else {
    const inspection = inspectBase64(doc.fileContent);
    if (!inspection.ok) {
      c.add('fileContent', inspection.message);
    } else {
      size = inspection.size;
      const actual = sniffMime(inspection.head);
      if (mimeType !== undefined && actual !== mimeType) {
        c.add(
          'mimeType',
          `Declared ${mimeType} but the file content is ${actual ?? 'not a PDF, JPEG or PNG'}`,
        );
      }
      if (documentType !== undefined && requirement !== undefined) {
        const max = maxBytesFor(v.customerKind, documentType);
        if (size > max) {
          c.add(
            'fileContent',
            `File is ${(size / MB).toFixed(1)} MB; the limit for ${documentType} is ${max / MB} MB`,
          );
        }
      }
    }
  }
  c.throwIfAny();
  if (!documentType || !mimeType || !fileName || requirement === undefined) {
    throw new HttpError(500, 'Internal validation error');
  }

  const status = store.verificationStatus(v);
  if (status === 'APPROVED' || status === 'REJECTED') {
    throw new HttpError(409, `Verification is already ${status}`, {
      error: 'VERIFICATION_CLOSED',
      status,
    });
  }
  // docs/finhub-contract.md#document-upload `docId` is the client's id for the document: one
  // already stored is not stored again (a conflict, as FinHub answers a duplicate elsewhere,
  // docs/finhub-contract.md#retries-and-idempotency). [INF]: v2.1 does not say.
  const existing = docId ? v.documents.find((d) => d.docId === docId) : undefined;
  if (existing) {
    throw new HttpError(409, 'Document already uploaded', {
      error: 'DOCUMENT_EXISTS',
      documentId: existing.documentId,
      docId,
    });
  }
  const now = store.now();
  const record = {
    documentId: store.newId('document'),
    ...(docId ? { docId } : {}),
    documentType,
    satisfies: requirement,
    fileName,
    mimeType,
    size,
    uploadedAt: now,
  };
  v.documents.push(record);
  if (v.documentsCompleteAt === undefined && store.missingDocuments(v).length === 0) {
    v.documentsCompleteAt = now; // auto-approval is due verificationDelayMs from here
  }
  // docs/finhub-contract.md#document-upload [R] shape, plus the upload status and what is still
  // missing.
  return ok({
    documentId: record.documentId,
    documentType: `DT_${documentType}`,
    fileName,
    status: 'UPLOADED',
    fileSize: size,
    verificationId: v.id,
    verificationStatus: store.spell(store.verificationStatus(v)),
    missingDocuments: store.missingDocuments(v),
  });
}

function approve(ctx: RouteContext): Response {
  const v = verificationFor(ctx, ctx.params.verificationId ?? '');
  const body = optionalBody(ctx);
  const c = new Checker();
  const status =
    c.oneOf(body.status, 'status', ['APPROVED', 'REJECTED'] as const, false) ?? 'APPROVED';
  const comment = c.string(body.comment ?? body.notes, 'comment', false);
  c.throwIfAny();
  const current = ctx.store.verificationStatus(v);
  if ((current === 'APPROVED' || current === 'REJECTED') && current !== status) {
    throw new HttpError(409, `Verification is already ${current}`, {
      error: 'VERIFICATION_CLOSED',
      status: current,
    });
  }
  if (current !== status) ctx.store.decide(v, status, ctx.principal?.userId ?? 'admin', comment);
  return ok({
    verificationId: v.id,
    status,
    level: v.outcome?.level ?? null,
    approvedBy: v.outcome?.by ?? null,
    approvedAt: v.outcome ? isoTime(v.outcome.at) : null,
  });
}

export const verificationRoutes: RouteDef[] = [
  { method: 'POST', pattern: '/verifications', auth: 'token', handle: create },
  {
    method: 'GET',
    pattern: '/verifications/:verificationId',
    auth: 'token',
    handle: (ctx) =>
      ok(verificationView(ctx.store, verificationFor(ctx, ctx.params.verificationId ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/verifications/:verificationId/documents',
    auth: 'token',
    handle: upload,
  },
  // docs/finhub-contract.md#individual-flow step 6 / docs/finhub-contract.md#approval: admin only.
  {
    method: 'POST',
    pattern: '/verifications/:verificationId/approve',
    auth: 'admin',
    handle: approve,
  },
];
