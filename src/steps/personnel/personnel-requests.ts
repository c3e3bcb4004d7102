/**
 * The people step's rows in sending order, kept free of zod so the step's work can use it without
 * bringing the personnel schemas along (docs/architecture.md#loading-on-demand).
 */
import type { PersonnelRequest, PersonnelValues } from './personnel.schema.js';

/**
 * The requests in the order they must be sent (the `ADMIN_USER` employee first,
 * docs/finhub-contract.md#employees).
 */
export function personnelRequests(values: PersonnelValues): PersonnelRequest[] {
  return [
    ...values.employees.map((request, index) => ({
      section: 'employees' as const,
      index,
      request,
    })),
    ...values.directors.map((request, index) => ({
      section: 'directors' as const,
      index,
      request,
    })),
    ...values.shareholders.map((request, index) => ({
      section: 'shareholders' as const,
      index,
      request,
    })),
  ];
}
