/** Step names for the stepper and headings, through msg() at call time (locale may change). */
import { msg } from '@lit/localize';
import type { FlowKind, StepId } from '../flow/types.js';

export function stepTitle(step: StepId, flow: FlowKind): string {
  switch (step) {
    case 'categorization':
      return msg('Account type');
    case 'registration':
      return flow === 'organization' ? msg('Company details') : msg('Your details');
    case 'personnel':
      return msg('People');
    case 'session':
      // A noun here ("Prisijungimas"), unlike the sign-in step's button (a verb).
      return msg('Sign in', { id: 'step.session', desc: 'Name of the sign-in step (a noun)' });
    case 'verification':
      return msg('Identity check');
    case 'documents':
      return msg('Documents');
    case 'consents':
      return msg('Agreements');
    case 'activation':
      return msg('Activation');
  }
}
