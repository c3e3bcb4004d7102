/**
 * The consents step (docs/finhub-contract.md#consents): terms, privacy and data processing must all
 * be accepted before activation, so each checkbox is required.
 */
import * as z from 'zod/mini';
import { msg } from '@lit/localize';
import type { ConsentKind } from '../../flow/types.js';
import { perLocale } from '../common/rules.js';
import { validateStep, type ValidationResult } from '../common/validate.js';

export type ConsentValues = Record<ConsentKind, boolean>;

const mustAccept = (message: string) =>
  z.boolean().check(z.refine((value) => value, { error: message }));

export const createConsentsSchema = (): z.ZodMiniType<ConsentValues> =>
  z.object({
    terms: mustAccept(msg('Accept the terms and conditions to continue')),
    privacy: mustAccept(msg('Accept the privacy policy to continue')),
    'data-processing': mustAccept(msg('Agree to the processing of your data to continue')),
  });

const consentsSchema = perLocale(createConsentsSchema);

export const validateConsents = (
  input: Partial<ConsentValues>,
): ValidationResult<ConsentValues, ConsentKind> =>
  validateStep<z.ZodMiniType<ConsentValues>, ConsentKind>(consentsSchema(), {
    terms: input.terms === true,
    privacy: input.privacy === true,
    'data-processing': input['data-processing'] === true,
  });
