/** Organization bodies and steps for the sandbox tests. */
import { category, Client, PASSWORD, uniqueEmail } from './helpers.js';

export function organizationBody(
  overrides: Record<string, unknown> = {},
  categoryCode = 'LOW_RISK_BUSINESS',
) {
  const cat = category(categoryCode);
  const email = (overrides.email as string | undefined) ?? uniqueEmail('admin');
  return {
    email,
    password: PASSWORD,
    matchingPassword: PASSWORD,
    roleIds: ['ACCOUNT_OWNER', 'ADMIN'],
    customerCategory: { id: cat.databaseId, name: cat.categoryName },
    organizationCustomer: {
      customerName: 'Acme Corp',
      organization: {
        legalName: 'Acme Corp UAB',
        tradingName: 'Acme',
        registrationNumber: 'REG-20260331115443',
        taxId: 'LT100012345678',
        incorporationDate: '2015-03-20',
        legalForm: 'LIMITED_LIABILITY_COMPANY',
        industry: 'TECHNOLOGY',
        email: 'info@acme.example.com',
        phone: '+37060012345',
        addresses: [
          {
            type: 'REGISTERED',
            street: '5 Konstitucijos pr.',
            city: 'Vilnius',
            postalCode: '09308',
            country: 'LT',
            isPrimary: true,
          },
        ],
      },
      user: {
        username: email,
        email,
        status: 'PENDING_ACTIVATION',
        roles: ['ACCOUNT_OWNER', 'ADMIN'],
      },
    },
    ...overrides,
  };
}

export interface RegisteredOrganization {
  organizationId: string;
  userId: string;
  email: string;
}

export async function registerOrganization(
  client: Client,
  admin: string,
): Promise<RegisteredOrganization> {
  const body = organizationBody();
  const reply = await client.call('POST', '/customer/organization/registration', {
    token: admin,
    body,
  });
  if (reply.status !== 200)
    throw new Error(`org registration failed: ${JSON.stringify(reply.json)}`);
  return {
    organizationId: reply.json.data.organizationId,
    userId: reply.json.data.user.id,
    email: body.email,
  };
}

export function employeeBody(roles: string[], email = uniqueEmail('employee')) {
  return {
    person: {
      firstName: 'Jane',
      lastName: 'Compliance',
      email,
      phoneNumber: '+37066051634',
      dateOfBirth: '1990-03-25',
      nationality: 'Lithuania',
      gender: '1',
    },
    position: 'COMPLIANCE_OFFICER',
    roles,
    department: 'Compliance',
    status: 'ACTIVE',
  };
}
