// The picture Chromium's fake camera shows in the browser tests
// (`--use-file-for-fake-video-capture`, set in web-test-runner.config.mjs): an identity card on a
// desk, 1920 × 1080, as one Y4M frame (Chromium loops it). Drawn here in plain JavaScript (Node has
// no canvas) so it needs no tool and no committed 3 MB file; written once to the temp folder.
//
// The card has sharp print, so a capture of it passes the photo check; its long edge (1920 px) is
// over the 1000 px minimum, and it is encoded to at most 2000 px.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIDTH = 1920;
const HEIGHT = 1080;
/** Bump when the picture changes, so a stale file in the temp folder is not reused. */
const VERSION = 1;

function drawLuma() {
  const y = new Uint8Array(WIDTH * HEIGHT);
  const rect = (x0, y0, w, h, value) => {
    for (let row = Math.max(0, Math.round(y0)); row < Math.min(HEIGHT, Math.round(y0 + h)); row++) {
      y.fill(
        value,
        row * WIDTH + Math.max(0, Math.round(x0)),
        row * WIDTH + Math.min(WIDTH, Math.round(x0 + w)),
      );
    }
  };
  // Desk, then the card (ID-1 proportions, 1.586:1) in the middle.
  rect(0, 0, WIDTH, HEIGHT, 72);
  const cardH = 720;
  const cardW = Math.round(cardH * 1.586);
  const left = (WIDTH - cardW) / 2;
  const top = (HEIGHT - cardH) / 2;
  rect(left, top, cardW, cardH, 214);
  // Guilloche: thin waves across the card.
  for (let line = 0; line < 16; line++) {
    for (let x = 0; x < cardW; x++) {
      const row = Math.round(
        top + ((line + 1) * cardH) / 17 + Math.sin((x / cardW) * Math.PI * 6 + line) * 18,
      );
      y[row * WIDTH + Math.round(left + x)] = 176;
    }
  }
  rect(left, top, cardW, cardH * 0.13, 88); // header band
  rect(left + 40, top + 16, cardW * 0.6, 30, 235); // its title
  rect(left + 40, top + 140, 300, 380, 150); // photo
  rect(left + 110, top + 200, 160, 200, 178);
  // Fields: rows of "words" (dark bars of varied width), small labels over bold values.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let field = 0; field < 5; field++) {
    const rowTop = top + 150 + field * 80;
    for (const [height, ink, gap] of [
      [14, 90, 10],
      [26, 28, 14],
    ]) {
      let x = left + 400;
      const y0 = rowTop + (height === 14 ? 0 : 24);
      while (x < left + cardW - 80) {
        const word = 30 + next() * 120;
        // Letters: vertical strokes inside each word, as print has.
        for (let stroke = x; stroke < x + word; stroke += height / 2.2) {
          rect(stroke, y0, Math.max(2, height / 6), height, ink);
        }
        rect(x, y0, word, 3, ink);
        x += word + gap + next() * 20;
        if (next() < 0.25) break;
      }
    }
  }
  // MRZ: three lines of monospace characters.
  for (let line = 0; line < 3; line++) {
    for (let char = 0; char < 30; char++) {
      const x = left + 40 + char * 36;
      const y0 = top + 560 + line * 48;
      rect(x, y0, 24, 4, 24);
      rect(x, y0 + 30, 24, 4, 24);
      rect(x + (next() < 0.5 ? 0 : 20), y0, 4, 34, 24);
    }
  }
  // A little sensor noise.
  for (let i = 0; i < y.length; i++)
    y[i] = Math.max(0, Math.min(255, y[i] + Math.round((next() - 0.5) * 6)));
  return y;
}

/** The Y4M file's path, written on first use. */
export function fakeCameraFile() {
  const file = join(tmpdir(), `finhub-onboarding-fake-camera-v${VERSION}.y4m`);
  if (existsSync(file)) return file;
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128); // grey: U and V at 128
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.concat([header, drawLuma(), chroma]));
  renameSync(partial, file); // atomic: two runners starting at once both see a whole file
  return file;
}
