// React 19 without the wrapper: it sets a custom element's known properties as properties, other
// props as attributes, and `on` + the exact event name (`onfinhub-step-complete`) as a listener.
import '../../src/define.js'; // registers <finhub-onboarding> (a partner: 'finhub-onboarding/define')
import type { FinHubOnboardingJsxProps } from './finhub-onboarding-jsx.js';

export function BareTagExample(props: {
  flow: FinHubOnboardingJsxProps['flow'];
  onEvent: (event: Event) => void;
}) {
  const { flow, onEvent } = props;
  return (
    <finhub-onboarding
      token-url="/onboarding/token"
      api-base="/onboarding/api"
      flow={flow}
      onfinhub-ready={onEvent}
      onfinhub-step-change={onEvent}
      onfinhub-step-complete={onEvent}
      onfinhub-complete={onEvent}
      onfinhub-error={onEvent}
      onfinhub-sign-in-request={onEvent}
    />
  );
}
