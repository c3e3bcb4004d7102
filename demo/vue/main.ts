import { createApp } from 'vue';
// Registers <finhub-onboarding> (a partner: `import 'finhub-onboarding/define'`).
import '../../src/define.js';
import App from './App.vue';

// Vue leaves `finhub-*` tags to the browser: see `isCustomElement` in vite.config.ts.
createApp(App).mount('#app');
