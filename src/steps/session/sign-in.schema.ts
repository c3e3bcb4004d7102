/**
 * The resume sign-in (docs/finhub-contract.md#customer-session): the email and password the person
 * registered with. Only presence and the email's shape are checked: the password rules were
 * enforced when it was created, and FinHub is the judge of whether it is right.
 */
import * as z from 'zod/mini';
import { msg } from '@lit/localize';
import { email, perLocale, required } from '../common/rules.js';
import { validateStep, type ValidationResult } from '../common/validate.js';

export interface SignInValues {
  email: string;
  password: string;
}

export type SignInField = keyof SignInValues;

export const SIGN_IN_FIELDS: readonly SignInField[] = ['email', 'password'];

export const createSignInSchema = (): z.ZodMiniType<SignInValues> =>
  z.object({
    email: email(msg('Enter the email address you registered with')),
    password: z.string().check(required(msg('Enter your password'))),
  });

const signInSchema = perLocale(createSignInSchema);

export const validateSignIn = (
  input: Partial<Record<SignInField, string>>,
): ValidationResult<SignInValues, SignInField> =>
  validateStep<z.ZodMiniType<SignInValues>, SignInField>(signInSchema(), {
    email: input.email ?? '',
    password: input.password ?? '',
  });
