// Lets `tsc` (npm run typecheck) import .vue files; @vitejs/plugin-vue compiles them in Vite.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
