/**
 * The activation code from the email (docs/finhub-contract.md#individual-activation). Its format is
 * not documented (the runner's sample is `ACTIVATION_CODE_20260331114954`), so only a plausible
 * shape is checked: letters, digits, `-` and `_`, up to 64 characters. Spaces around it are
 * dropped.
 */
import * as z from 'zod/mini';
import { msg } from '@lit/localize';
import { perLocale, required, rule } from '../common/rules.js';
import { validateStep, type ValidationResult } from '../common/validate.js';

export interface ActivationCodeValues {
  code: string;
}

const CODE = /^[A-Za-z0-9_-]{4,64}$/;

export const createActivationCodeSchema = (): z.ZodMiniType<ActivationCodeValues> =>
  z.object({
    code: z.string().check(
      z.trim(),
      required(msg('Enter the activation code from the email')),
      rule(
        (value) => CODE.test(value),
        msg('Enter the code exactly as it appears in the email, for example ACT-7KQ2PX'),
      ),
    ),
  });

const activationCodeSchema = perLocale(createActivationCodeSchema);

export const validateActivationCode = (
  input: Partial<ActivationCodeValues>,
): ValidationResult<ActivationCodeValues, 'code'> =>
  validateStep<z.ZodMiniType<ActivationCodeValues>, 'code'>(activationCodeSchema(), {
    code: input.code ?? '',
  });
