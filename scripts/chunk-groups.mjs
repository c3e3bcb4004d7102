// Which chunk of the script-tag build a source file goes to, where the catalogue split needs to
// know it too: scripts/build-cdn.mjs groups the chunks with these, and scripts/split-catalogue.mjs
// puts the messages of a file that goes to a flow's or an extra's chunk in a catalogue part that
// loads with it (issue 17: a person loads only their flow's strings). A step's definition
// (`*.step.ts`) is always in the first screen's chunk, whatever its folder.

/** What only a person needs: their registration, their calls and their API client's endpoints. */
export const INDIVIDUAL =
  /\/src\/(steps\/registration\/individual-registration(-view|-fields|\.lazy|\.schema)|flows\/individual-calls|api\/individual-(client|endpoints|requests|schemas))\.ts$/;
/** What only a company needs: its registration, the people step, its calls and client. */
export const ORGANIZATION =
  /\/src\/(steps\/personnel\/|steps\/registration\/organization-|(flows\/organization-calls|api\/organization-(client|endpoints|requests|schemas))\.ts$)/;
/** The phone's side of the hand-off: its flow's calls and its documents step. */
export const PHONE =
  /\/src\/(flows\/phone-api|steps\/documents\/phone-documents\.(lazy|work))\.ts$/;
/** "Use my phone" on the computer: its panel and the hand-off client, loaded when pressed. */
export const HANDOFF = /\/src\/(api\/handoff|steps\/documents\/handoff-panel)\.ts$/;
/** The camera capture (src/capture/load.ts imports it when the person opens the camera). */
export const CAMERA = /\/src\/capture\/(camera-capture|camera|capture-messages|quality[\w-]*)\.ts$/;

/** Catalogue part → the files whose messages it holds and the chunk that loads them. */
export const MESSAGE_PARTS = {
  individual: { files: INDIVIDUAL, chunk: 'individual' },
  organization: { files: ORGANIZATION, chunk: 'organization' },
  phone: { files: PHONE, chunk: 'phone' },
  handoff: { files: HANDOFF, chunk: 'handoff' },
  camera: { files: CAMERA, chunk: 'camera-capture' },
};

/** The catalogue part a source file's messages go to; undefined: the locale's main catalogue. */
export function partOfFile(path) {
  if (/\.step\.ts$/.test(path)) return undefined;
  return Object.entries(MESSAGE_PARTS).find(([, part]) => part.files.test(path))?.[0];
}
