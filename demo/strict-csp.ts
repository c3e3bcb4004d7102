/**
 * The strict-CSP demo page's only module: defines the element. `?device=<id>` sets its device id
 * (tests use it to scope the sandbox journal).
 */
import '../src/define.js';

const device = new URLSearchParams(location.search).get('device');
if (device) document.querySelector('finhub-onboarding')?.setAttribute('device-id', device);
