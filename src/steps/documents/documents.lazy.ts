/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubDocumentsStep as view } from './documents-view.js';
export { uploadDocument, work } from './documents.work.js';
