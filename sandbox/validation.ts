/**
 * Field checks that collect `{field, message}` pairs with dotted paths, the shape FinHub reports
 * in `data.errors[]` (docs/finhub-contract.md#individual-registration errors).
 */
import { ISO_COUNTRIES } from './countries.js';
import { isObject, validationFailed, type FieldError, type JsonObject } from './http.js';

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[A-Za-z]{2,}$/;
/**
 * E.164: `+`, country code, up to 15 digits in total
 * (docs/finhub-contract.md#individual-registration "International format with country code").
 */
const PHONE = /^\+[1-9]\d{6,14}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;

export class Checker {
  readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  has(field: string): boolean {
    return this.errors.some((e) => e.field === field);
  }

  /** Throws 400 `Request validation failed` when anything was recorded. */
  throwIfAny(): void {
    if (this.errors.length) throw validationFailed(this.errors);
  }

  string(value: unknown, field: string, required = true): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (required) this.add(field, 'Field is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(field, 'Must be a string');
      return undefined;
    }
    if (required && !value.trim()) {
      this.add(field, 'Field is required');
      return undefined;
    }
    return value.trim();
  }

  object(value: unknown, field: string, required = true): JsonObject | undefined {
    if (value === undefined || value === null) {
      if (required) this.add(field, 'Field is required');
      return undefined;
    }
    if (!isObject(value)) {
      this.add(field, 'Must be an object');
      return undefined;
    }
    return value;
  }

  array(value: unknown, field: string, required = true): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (required) this.add(field, 'Field is required');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(field, 'Must be an array');
      return undefined;
    }
    return value;
  }

  email(value: unknown, field: string, required = true): string | undefined {
    const text = this.string(value, field, required);
    if (text === undefined) return undefined;
    if (!EMAIL.test(text)) {
      this.add(field, 'Must be a valid email address');
      return undefined;
    }
    return text.toLowerCase();
  }

  phone(value: unknown, field: string, required = true): string | undefined {
    const text = this.string(value, field, required);
    if (text === undefined) return undefined;
    const compact = text.replace(/[\s-]/g, '');
    if (!PHONE.test(compact)) {
      this.add(field, 'Must be in international format: + followed by country code and number');
      return undefined;
    }
    return compact;
  }

  /**
   * docs/finhub-contract.md#individual-registration guide: at least 12 characters, mixed case,
   * digits, symbols.
   */
  password(value: unknown, field: string): string | undefined {
    if (typeof value !== 'string' || value === '') {
      this.add(
        field,
        value === undefined || value === '' ? 'Field is required' : 'Must be a string',
      );
      return undefined;
    }
    const missing: string[] = [];
    if (value.length < 12) missing.push('at least 12 characters');
    if (!/[a-z]/.test(value)) missing.push('a lower-case letter');
    if (!/[A-Z]/.test(value)) missing.push('an upper-case letter');
    if (!/\d/.test(value)) missing.push('a digit');
    if (!/[^A-Za-z0-9]/.test(value)) missing.push('a symbol');
    if (missing.length) {
      this.add(field, `Password must contain ${missing.join(', ')}`);
      return undefined;
    }
    return value;
  }

  matchingPassword(password: unknown, matching: unknown, field: string): void {
    if (matching === undefined || matching === '') {
      this.add(field, 'Field is required');
    } else if (matching !== password) {
      // Documented wording (docs/finhub-contract.md#individual-registration errors).
      this.add(field, 'Password and matching password must be identical');
    }
  }

  /** `YYYY-MM-DD`, a real calendar date; optionally 18+ or not in the future relative to `nowMs`. */
  date(
    value: unknown,
    field: string,
    options: { required?: boolean; adultAt?: number; notAfter?: number } = {},
  ): string | undefined {
    const text = this.string(value, field, options.required ?? true);
    if (text === undefined) return undefined;
    const m = DATE.exec(text);
    const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (
      !m ||
      date.getUTCFullYear() !== y ||
      date.getUTCMonth() !== mo - 1 ||
      date.getUTCDate() !== d
    ) {
      this.add(field, 'Must be a valid date in YYYY-MM-DD format');
      return undefined;
    }
    if (options.adultAt !== undefined) {
      const now = new Date(options.adultAt);
      const eighteenth = Date.UTC(y + 18, mo - 1, d);
      const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      if (eighteenth > today) {
        this.add(field, 'Customer must be at least 18 years old');
        return undefined;
      }
    }
    if (options.notAfter !== undefined && date.getTime() > options.notAfter) {
      this.add(field, 'Must not be in the future');
      return undefined;
    }
    return text;
  }

  oneOf<T extends string>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    required = true,
  ): T | undefined {
    const text = this.string(value, field, required);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      this.add(field, `Must be one of: ${allowed.join(', ')}`);
      return undefined;
    }
    return text as T;
  }

  /**
   * ISO 3166-1 alpha-2 (docs/finhub-contract.md#nationality-and-formats). `allowNames` also takes a
   * country name (addresses, docs/finhub-contract.md#organization-registration).
   */
  country(
    value: unknown,
    field: string,
    options: { required?: boolean; allowNames?: boolean } = {},
  ): string | undefined {
    const text = this.string(value, field, options.required ?? true);
    if (text === undefined) return undefined;
    if (ISO_COUNTRIES.has(text)) return text;
    if (options.allowNames && /^[\p{L}][\p{L} .'-]{2,}$/u.test(text)) return text;
    this.add(
      field,
      options.allowNames
        ? 'Must be an ISO 3166-1 alpha-2 country code (e.g. LT) or a country name'
        : 'Must be an ISO 3166-1 alpha-2 country code (e.g. LT, US, GB)',
    );
    return undefined;
  }

  /**
   * Postal addresses (docs/finhub-contract.md#individual-registration person.addresses[],
   * docs/finhub-contract.md#organization-registration organization.addresses[]).
   */
  addresses(value: unknown, field: string, required: boolean): JsonObject[] | undefined {
    const list = this.array(value, field, required);
    if (!list) return undefined;
    if (required && list.length === 0) {
      this.add(field, 'At least one address is required');
      return undefined;
    }
    list.forEach((item, i) => {
      const path = `${field}[${i}]`;
      const address = this.object(item, path);
      if (!address) return;
      this.string(address.street ?? address.addressLine1, `${path}.street`);
      this.string(address.city, `${path}.city`);
      this.string(address.postalCode, `${path}.postalCode`);
      this.country(address.country, `${path}.country`, { allowNames: true });
    });
    return list.filter(isObject);
  }
}
