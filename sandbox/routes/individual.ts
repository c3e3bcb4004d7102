/**
 * Individual (B2C) routes: registration
 * (docs/finhub-contract.md#individual-registration, #registration-body, #nationality-and-formats),
 * customer-scoped verification (docs/finhub-contract.md#individual-verification), readiness check
 * (docs/finhub-contract.md#readiness-check) and activation
 * (docs/finhub-contract.md#individual-activation).
 */
import { checkCategorization } from '../categorization.js';
import { HttpError, isoTime, ok, type JsonObject } from '../http.js';
import { passwordDigest } from '../ids.js';
import type { RouteContext, RouteDef } from '../router.js';
import type { IndividualRecord, SandboxStore } from '../store.js';
import { Checker, GENDERS } from '../validation.js';
import { individualFor, optionalBody, requireBody } from './access.js';
import { checkCustomerCategory, createVerification } from './common.js';
import { acceptedDocumentTypes, walletView } from './views.js';

export const INDIVIDUAL_ROLES = ['ACCOUNT_OWNER', 'USER'] as const;
/**
 * Nested fields must repeat the top-level value (docs/finhub-contract.md#registration-body: both
 * layers are sent).
 */
function mirror(
  c: Checker,
  nested: JsonObject,
  prefix: string,
  key: string,
  top: string | undefined,
  required: boolean,
): void {
  const value = nested[key];
  if (value === undefined || value === null || value === '') {
    if (required) c.add(`${prefix}.${key}`, 'Field is required');
    return;
  }
  if (top === undefined) return;
  const same =
    typeof value === 'string' &&
    (key === 'email' ? value.trim().toLowerCase() === top : value.trim() === top);
  if (!same) c.add(`${prefix}.${key}`, `Must match ${key}`);
}

async function register(ctx: RouteContext): Promise<Response> {
  const { store } = ctx;
  const { tenantId } = store.credentials;
  const body = requireBody(ctx);
  const now = store.now();
  const c = new Checker();

  const firstName = c.string(body.firstName, 'firstName');
  const lastName = c.string(body.lastName, 'lastName');
  const email = c.email(body.email, 'email');
  const phone = c.phone(body.phone, 'phone');
  const password = c.password(body.password, 'password');
  c.matchingPassword(body.password, body.matchingPassword, 'matchingPassword');
  const dateOfBirth = c.date(body.dateOfBirth, 'dateOfBirth', { adultAt: now });
  const gender = c.oneOf(body.gender, 'gender', GENDERS);
  const nationality = c.country(body.nationality, 'nationality');
  const placeOfBirth = c.string(body.placeOfBirth, 'placeOfBirth', false);
  c.string(body.pincode, 'pincode', false);
  const roleIds = c.array(body.roleIds, 'roleIds');
  if (roleIds?.length === 0) c.add('roleIds', 'At least one role is required');
  roleIds?.forEach((role, i) => {
    if (!(INDIVIDUAL_ROLES as readonly unknown[]).includes(role)) {
      c.add(`roleIds[${i}]`, `Must be one of: ${INDIVIDUAL_ROLES.join(', ')}`);
    }
  });
  const category = checkCustomerCategory(c, body.customerCategory, 'individual', store.hierarchy);
  if (body.tenantId !== undefined && body.tenantId !== tenantId)
    c.add('tenantId', 'Must match X-Tenant-ID');

  let categorizationError: HttpError | undefined;
  let addresses: unknown[] = [];
  if (body.individualCustomer === undefined) {
    // docs/finhub-contract.md#registration-body: "Do not send a flat object."
    c.add(
      'individualCustomer',
      'Field is required: person data belongs under individualCustomer.person (do not send a flat object)',
    );
  }
  const ic = c.object(body.individualCustomer, 'individualCustomer', false);
  if (ic) {
    const icTenant = c.string(ic.tenantId, 'individualCustomer.tenantId');
    if (icTenant !== undefined && icTenant !== tenantId) {
      c.add('individualCustomer.tenantId', 'Must match X-Tenant-ID');
    }
    c.string(ic.customerName, 'individualCustomer.customerName');
    const person = c.object(ic.person, 'individualCustomer.person');
    if (person) {
      const at = 'individualCustomer.person';
      mirror(c, person, at, 'firstName', firstName, true);
      mirror(c, person, at, 'lastName', lastName, true);
      mirror(c, person, at, 'email', email, true);
      mirror(c, person, at, 'dateOfBirth', dateOfBirth, false);
      mirror(c, person, at, 'gender', gender, false);
      mirror(c, person, at, 'nationality', nationality, false);
      addresses = c.addresses(person.addresses, `${at}.addresses`, false) ?? [];
      c.array(person.contacts, `${at}.contacts`, false);
    }
    const user = c.object(ic.user, 'individualCustomer.user');
    if (user) {
      mirror(c, user, 'individualCustomer.user', 'email', email, true);
      c.string(user.username, 'individualCustomer.user.username', false);
      c.array(user.roles, 'individualCustomer.user.roles', false);
    }
    categorizationError = checkCategorization(
      ic.categorization,
      'individualCustomer.categorization',
      category,
      c,
      store.hierarchy.features,
    );
  }
  c.throwIfAny();
  if (categorizationError) throw categorizationError;
  // Everything below is defined once the checker is clean; the guard satisfies the compiler.
  if (
    !firstName ||
    !lastName ||
    !email ||
    !phone ||
    !password ||
    !dateOfBirth ||
    !gender ||
    !nationality ||
    !category
  ) {
    throw new HttpError(500, 'Internal validation error');
  }
  if (store.userByEmail(email)) {
    // docs/finhub-contract.md#individual-registration, #errors: 409 duplicate email, unique per
    // tenant.
    throw new HttpError(409, 'Email already registered', {
      error: 'DUPLICATE_EMAIL',
      field: 'email',
      details: 'A customer with this email already exists in this tenant',
    });
  }

  const customerId = store.newId('customer');
  const userId = store.newId('user');
  const icUser = ic?.user as JsonObject | undefined;
  const username =
    typeof icUser?.username === 'string' && icUser.username.trim() ? icUser.username.trim() : email;
  store.users.set(userId, {
    id: userId,
    email,
    username,
    passwordHash: await passwordDigest(store.salt, password),
    ownerKind: 'individual',
    ownerId: customerId,
    roles: (roleIds as string[]).slice(),
    status: 'PENDING_ACTIVATION',
    failedAttempts: 0,
    createdAt: now,
  });
  const customer: IndividualRecord = {
    id: customerId,
    userId,
    email,
    category,
    categorization: ic?.categorization ?? null,
    customerStatus: 'CS_REGISTRATION_COMPLETED',
    activationCode: '',
    consents: {},
    createdAt: now,
    updatedAt: now,
    person: {
      id: store.newId('person'),
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      email,
      phone,
      dateOfBirth,
      gender,
      nationality,
      placeOfBirth,
      addresses,
    },
  };
  store.individuals.set(customerId, customer);
  customer.activationCode = store.sendActivationCode(email, firstName);

  const redirectUrl = '/auth/activate-account';
  // Response per docs/finhub-contract.md#individual-registration [N] (+
  // docs/finhub-contract.md#individual-registration createdAt/updatedAt); redirectUrl at the top
  // level too.
  return ok(
    {
      id: customerId,
      tenantId,
      customerType: 'CT_PERSON',
      customerStatus: customer.customerStatus,
      individual: true,
      organization: false,
      person: {
        id: customer.person.id,
        firstName,
        lastName,
        fullName: customer.person.fullName,
        email,
        dateOfBirth,
        gender,
        nationality,
      },
      user: {
        id: userId,
        email,
        username,
        status: 'PENDING_ACTIVATION',
        roles: roleIds,
        isActive: false,
      },
      categorization: {
        id: category.databaseId,
        categoryId: category.categoryId,
        name: category.categoryName,
        riskLevel: category.riskLevel,
      },
      wallet: { status: 'INACTIVE' },
      redirectUrl,
      createdAt: isoTime(now),
      updatedAt: isoTime(now),
    },
    'B2C individual account created successfully. Redirect to activate-account page',
    { redirectUrl },
  );
}

function initiateVerification(ctx: RouteContext): Response {
  const customer = individualFor(ctx, ctx.params.customerId ?? '');
  const body = optionalBody(ctx);
  const c = new Checker();
  const level = c.oneOf(
    body.verificationType,
    'verificationType',
    ['STANDARD', 'ENHANCED', 'SIMPLIFIED'],
    false,
  );
  const data = c.object(body.verificationData, 'verificationData', false);
  if (data) {
    c.oneOf(
      data.documentType,
      'verificationData.documentType',
      ['PASSPORT', 'ID_CARD', 'NATIONAL_ID', 'DRIVERS_LICENSE'],
      false,
    );
  }
  c.throwIfAny();
  if (customer.customerStatus === 'ACTIVE') {
    throw new HttpError(409, 'Customer is already active', { error: 'ALREADY_ACTIVATED' });
  }
  const v = createVerification(ctx.store, customer, {
    type: 'IDENTITY_VERIFICATION',
    verificationType: 'KYC',
    requestedLevel:
      customer.category.approvalLevel === 'POWER_TENANT'
        ? 'POWER_TENANT_VERIFIED'
        : 'TENANT_VERIFIED',
    initialStatus: 'INITIATED',
  });
  return ok(
    {
      verificationId: v.id,
      customerId: customer.id,
      status: ctx.store.spell(v.initialStatus),
      verificationType: v.verificationType,
      type: v.type,
      level: level ?? 'STANDARD',
      requiredDocuments: v.requiredDocuments,
      acceptedDocumentTypes: acceptedDocumentTypes('individual', v.requiredDocuments),
      createdAt: isoTime(v.createdAt),
    },
    'Verification initiated successfully',
  );
}

/**
 * docs/finhub-contract.md#readiness-check: the [R] fields plus the [N] ones (verificationStatus,
 * missingConsents).
 */
export function individualReadiness(store: SandboxStore, customer: IndividualRecord) {
  const verification = store.customerVerification(customer.id);
  const missingConsents = store.missingConsents(customer);
  const verificationOk = verification.status === 'APPROVED';
  const consentOk = missingConsents.length === 0;
  const active = customer.customerStatus === 'ACTIVE';
  const activationAllowed = verificationOk && consentOk && !active;
  const problems: string[] = [];
  if (!verificationOk) {
    const reason = verification.latest?.outcome?.reason;
    problems.push(
      verification.status === 'NOT_STARTED'
        ? 'verification has not been started'
        : `verification is ${verification.status}${reason ? ` (${reason})` : ''}`,
    );
  }
  if (!consentOk) problems.push(`consents not accepted: ${missingConsents.join(', ')}`);
  const message = active
    ? 'Customer is already active'
    : activationAllowed
      ? 'Customer is ready for activation'
      : `Customer is not ready for activation: ${problems.join('; ')}`;
  const latest = verification.approved ?? verification.latest;
  return {
    activationAllowed,
    canActivate: activationAllowed,
    consentOk,
    verificationOk,
    riskLevel: customer.category.riskLevel,
    message,
    verificationStatus: store.spell(verification.status),
    verificationLevel: verification.approved?.outcome?.level ?? null,
    verificationId: latest?.id ?? null,
    missingDocuments: latest ? store.missingDocuments(latest) : [],
    missingConsents,
    customerStatus: customer.customerStatus,
  };
}

function readinessCheck(ctx: RouteContext): Response {
  const customer = individualFor(ctx, ctx.params.customerId ?? '');
  if (ctx.params.ownerTenantId !== ctx.store.credentials.tenantId) {
    throw new HttpError(403, 'Tenant access denied', { error: 'TENANT_ACCESS_DENIED' });
  }
  const data = individualReadiness(ctx.store, customer);
  return ok(data, data.message);
}

/**
 * docs/finhub-contract.md#document-list [N]: `GET /customer/individual/{customerId}/documents`
 * lists the customer's documents. No response is documented; this one has an item per document
 * across the customer's verifications, in the docs/finhub-contract.md#document-list upload answer's
 * shape plus `fileName`, `verificationId` and the client's `docId`. [INF]: that the JSON uploads
 * (docs/finhub-contract.md#document-upload) appear in this list.
 */
function listDocuments(ctx: RouteContext): Response {
  const customer = individualFor(ctx, ctx.params.customerId ?? '');
  const documents = ctx.store.verificationsOf(customer.id).flatMap((v) =>
    v.documents.map((d) => ({
      documentId: d.documentId,
      ...(d.docId ? { docId: d.docId } : {}),
      customerId: customer.id,
      verificationId: v.id,
      documentType: d.documentType,
      fileName: d.fileName,
      status: 'UPLOADED',
      uploadedAt: isoTime(d.uploadedAt),
    })),
  );
  return ok({ documents });
}

function activate(ctx: RouteContext): Response {
  const { store } = ctx;
  const customer = individualFor(ctx, ctx.params.customerId ?? '');
  if (customer.customerStatus === 'ACTIVE') {
    throw new HttpError(409, 'Customer is already activated', {
      error: 'ALREADY_ACTIVATED',
      activatedAt: customer.activatedAt === undefined ? null : isoTime(customer.activatedAt),
    });
  }
  const body = requireBody(ctx);
  const c = new Checker();
  const userId = c.string(body.userId, 'userId');
  const code = c.string(body.code, 'code');
  c.throwIfAny();
  const user = store.users.get(customer.userId);
  // docs/finhub-contract.md#individual-activation: the runner sends the email as userId; legacy
  // sends the user id. Both are accepted.
  if (!user || (userId !== user.id && userId?.toLowerCase() !== user.email)) {
    c.add(
      'userId',
      "Does not match this customer's user (send the user id or the registration email)",
    );
    c.throwIfAny();
  }
  const readiness = individualReadiness(store, customer);
  if (!readiness.activationAllowed) {
    throw new HttpError(422, readiness.message, {
      error: 'ACTIVATION_PREREQUISITES_NOT_MET',
      verificationOk: readiness.verificationOk,
      consentOk: readiness.consentOk,
      verificationStatus: readiness.verificationStatus,
      missingConsents: readiness.missingConsents,
      missingDocuments: readiness.missingDocuments,
    });
  }
  if (code?.toUpperCase() !== customer.activationCode) {
    throw new HttpError(400, 'Invalid activation code', {
      error: 'INVALID_CODE',
      errors: [
        {
          field: 'code',
          message: `Invalid activation code: use the code sent to ${customer.email}`,
        },
      ],
    });
  }
  const now = store.now();
  customer.customerStatus = 'ACTIVE';
  customer.activatedAt = now;
  customer.updatedAt = now;
  customer.wallet = store.newWallet(now);
  if (user) user.status = 'ACTIVE';
  // docs/finhub-contract.md#individual-activation [N] shape: wallet, iban, activationStatus
  // ACTIVATED.
  return ok(
    {
      customerId: customer.id,
      wallet: walletView(customer.wallet),
      iban: customer.wallet.iban,
      activationStatus: 'ACTIVATED',
      customerStatus: customer.customerStatus,
      activatedAt: isoTime(now),
    },
    'Customer activated successfully',
  );
}

export const individualRoutes: RouteDef[] = [
  { method: 'POST', pattern: '/customer/individual/registration', auth: 'admin', handle: register },
  {
    method: 'POST',
    pattern: '/customer/individual/:customerId/verification',
    auth: 'token',
    handle: initiateVerification,
  },
  {
    method: 'POST',
    pattern: '/customer/individual/:customerId/verification/initiate',
    auth: 'token',
    handle: initiateVerification,
  },
  {
    method: 'GET',
    pattern: '/customer/individual/:customerId/owner/:ownerTenantId/activation/check',
    auth: 'token',
    handle: readinessCheck,
  },
  {
    method: 'GET',
    pattern: '/customer/individual/:customerId/documents',
    auth: 'token',
    handle: listDocuments,
  },
  {
    method: 'POST',
    pattern: '/customer/individual/:customerId/activation',
    auth: 'token',
    handle: activate,
  },
];
