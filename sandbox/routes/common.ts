/** Pieces shared by the individual, organization and verification routes. */
import {
  categoryKind,
  findCategory,
  requiredDocumentsFor,
  type SandboxCategory,
  type SandboxHierarchy,
} from '../hierarchy-data.js';
import type { SandboxStore, VerificationRecord } from '../store.js';
import type { Checker } from '../validation.js';

export const VERIFICATION_LEVELS = [
  'TENANT_VERIFIED',
  'POWER_TENANT_VERIFIED',
  'FINHUB_VERIFIED',
] as const;

/**
 * `customerCategory {id, name}` must name a known category of the right kind
 * (docs/finhub-contract.md#categorization-hierarchy databaseId).
 */
export function checkCustomerCategory(
  c: Checker,
  value: unknown,
  kind: 'individual' | 'organization',
  hierarchy: SandboxHierarchy,
): SandboxCategory | undefined {
  const obj = c.object(value, 'customerCategory');
  if (!obj) return undefined;
  const id = c.string(obj.id, 'customerCategory.id');
  if (id === undefined) return undefined;
  const category = findCategory(hierarchy, id);
  if (!category) {
    c.add('customerCategory.id', 'Unknown customer category (use a databaseId from the hierarchy)');
    return undefined;
  }
  if (categoryKind(category) !== kind) {
    c.add(
      'customerCategory.id',
      `Category ${category.categoryId} is for ${kind === 'individual' ? 'business' : 'individual'} customers`,
    );
    return undefined;
  }
  return category;
}

/**
 * A new verification for a customer (shared by
 * docs/finhub-contract.md#individual-verification, #create-verification, #kyb-verification).
 */
export function createVerification(
  store: SandboxStore,
  customer: { id: string; category: SandboxCategory },
  init: Pick<VerificationRecord, 'type' | 'verificationType' | 'requestedLevel' | 'initialStatus'>,
): VerificationRecord {
  const v: VerificationRecord = {
    id: store.newId('verification'),
    customerId: customer.id,
    customerKind: categoryKind(customer.category),
    requiredDocuments: requiredDocumentsFor(customer.category),
    documents: [],
    createdAt: store.now(),
    ...init,
  };
  store.verifications.set(v.id, v);
  return v;
}
