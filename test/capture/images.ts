/**
 * Document photos drawn in the browser for the photo-check tests: an identity card on a desk (or a
 * white page), with print at real sizes, a photo, a guilloche background and MRZ lines, then what
 * a phone camera adds: optical blur, glare, underexposure, sensor noise and JPEG compression.
 * Seeded, so each call with the same options draws the same picture.
 */

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** Gaussian blur, standard deviation in pixels of the full-size photo. */
  blur?: number;
  /** Brightness factor (1 = as lit; 0.15 = a dim room). */
  light?: number;
  /** A blown-out reflection over this share of the card (0 = none). */
  glare?: number;
  /** A white page filling the frame (a scan or bright paper) instead of a card on a desk. */
  page?: boolean;
  /** Sensor noise, standard deviation in levels (0–255). */
  noise?: number;
  seed?: number;
  type?: 'image/jpeg' | 'image/png';
  quality?: number;
}

/** mulberry32: a small seeded generator, so pictures repeat from run to run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ctx = OffscreenCanvasRenderingContext2D;

function drawCard(ctx: Ctx, x: number, y: number, w: number, h: number, rand: () => number) {
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, h * 0.05);
  ctx.fillStyle = '#ece6d6';
  ctx.fill();
  ctx.clip();
  // Guilloche: fine interleaved waves, as on every identity card.
  ctx.strokeStyle = '#9db3cf';
  ctx.lineWidth = Math.max(1, w / 900);
  for (let line = 0; line < 18; line++) {
    ctx.beginPath();
    for (let step = 0; step <= 200; step++) {
      const px = x + (w * step) / 200;
      const py = y + (h * (line + 1)) / 19 + Math.sin((step / 200) * Math.PI * 6 + line) * h * 0.03;
      if (step === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
  }
  // Header band and photo.
  ctx.fillStyle = '#2f5d8a';
  ctx.fillRect(x, y, w, h * 0.14);
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${h * 0.07}px sans-serif`;
  ctx.fillText('REPUBLIC OF EXAMPLE · IDENTITY CARD', x + w * 0.04, y + h * 0.1);
  const photo = { x: x + w * 0.04, y: y + h * 0.2, w: w * 0.28, h: h * 0.5 };
  const skin = ctx.createLinearGradient(photo.x, photo.y, photo.x, photo.y + photo.h);
  skin.addColorStop(0, '#b9c4cf');
  skin.addColorStop(1, '#7d8b99');
  ctx.fillStyle = skin;
  ctx.fillRect(photo.x, photo.y, photo.w, photo.h);
  ctx.fillStyle = '#c49a7c';
  ctx.beginPath();
  ctx.ellipse(
    photo.x + photo.w / 2,
    photo.y + photo.h * 0.42,
    photo.w * 0.28,
    photo.h * 0.3,
    0,
    0,
    Math.PI * 2,
  );
  ctx.fill();
  ctx.fillStyle = '#3b2a20';
  ctx.fillRect(photo.x + photo.w * 0.2, photo.y + photo.h * 0.72, photo.w * 0.6, photo.h * 0.28);
  // Fields: small labels, bold values.
  const fields = [
    ['Surname / Pavardė', 'JONAITĖ'],
    ['Given names / Vardai', 'ONA MARIJA'],
    ['Date of birth', `${10 + Math.floor(rand() * 18)} 05 1990`],
    ['Personal no.', '49005151234'],
    ['Card no. / Expiry', 'AB1234567 · 2031-05-14'],
  ];
  const left = x + w * 0.36;
  fields.forEach(([label, value], index) => {
    const top = y + h * (0.22 + index * 0.105);
    ctx.fillStyle = '#4b4b4b';
    ctx.font = `${h * 0.032}px sans-serif`;
    ctx.fillText(label!, left, top);
    ctx.fillStyle = '#111111';
    ctx.font = `700 ${h * 0.05}px sans-serif`;
    ctx.fillText(value!, left, top + h * 0.052);
  });
  // Machine-readable zone.
  ctx.fillStyle = '#111111';
  ctx.font = `${h * 0.058}px monospace`;
  const mrz = [
    'IDEXAAB1234567<5<<<<<<<<<<<<<<',
    '9005151F3105148EXA<<<<<<<<<<<6',
    'JONAITE<<ONA<MARIJA<<<<<<<<<<<',
  ];
  mrz.forEach((line, index) => ctx.fillText(line, x + w * 0.04, y + h * (0.8 + index * 0.075)));
  ctx.restore();
}

function drawPage(ctx: Ctx, width: number, height: number) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#111111';
  const size = height / 45;
  ctx.font = `700 ${size * 1.4}px serif`;
  ctx.fillText('Utility bill · Electricity', width * 0.08, height * 0.1);
  ctx.font = `${size}px serif`;
  for (let line = 0; line < 26; line++) {
    const words = 'Ona Jonaitė, Gedimino pr. 1, LT-01103 Vilnius · account 4470 1234 · kWh 182.5';
    ctx.fillText(
      words.slice(0, 40 + ((line * 7) % 38)),
      width * 0.08,
      height * (0.18 + line * 0.03),
    );
  }
}

/** A document photo as a JPEG (or PNG) Blob. */
export async function documentPhoto(options: PhotoOptions = {}): Promise<Blob> {
  const width = options.width ?? 1600;
  const height = options.height ?? Math.round((width * 3) / 4);
  const rand = random(options.seed ?? 7);
  const scene = new OffscreenCanvas(width, height);
  const sceneCtx = scene.getContext('2d')!;
  if (options.page) {
    drawPage(sceneCtx, width, height);
  } else {
    const desk = sceneCtx.createLinearGradient(0, 0, width, height);
    desk.addColorStop(0, '#6d5b4b');
    desk.addColorStop(1, '#4a3d33');
    sceneCtx.fillStyle = desk;
    sceneCtx.fillRect(0, 0, width, height);
    const cardWidth = Math.min(width * 0.84, height * 0.84 * 1.586);
    const cardHeight = cardWidth / 1.586;
    drawCard(
      sceneCtx,
      (width - cardWidth) / 2,
      (height - cardHeight) / 2,
      cardWidth,
      cardHeight,
      rand,
    );
    if (options.glare) {
      // A lamp's reflection: a white core (clipped by the sensor) fading into the card.
      const radius = Math.sqrt((options.glare * cardWidth * cardHeight) / Math.PI);
      const cx = width * 0.58;
      const cy = height * 0.45;
      const glow = sceneCtx.createRadialGradient(cx, cy, 0, cx, cy, radius * 1.6);
      glow.addColorStop(0, 'rgba(255,255,255,1)');
      glow.addColorStop(0.62, 'rgba(255,255,255,1)');
      glow.addColorStop(1, 'rgba(255,255,255,0)');
      sceneCtx.fillStyle = glow;
      sceneCtx.fillRect(0, 0, width, height);
    }
  }

  const photo = new OffscreenCanvas(width, height);
  const ctx = photo.getContext('2d', { willReadFrequently: true })!;
  if (options.blur) ctx.filter = `blur(${options.blur}px)`;
  ctx.drawImage(scene, 0, 0);
  ctx.filter = 'none';
  if (options.light !== undefined && options.light < 1) {
    ctx.fillStyle = `rgba(0,0,0,${1 - options.light})`;
    ctx.fillRect(0, 0, width, height);
  }
  const noise = options.noise ?? 3;
  if (noise > 0) {
    const image = ctx.getImageData(0, 0, width, height);
    const data = image.data;
    for (let p = 0; p < data.length; p += 4) {
      // Roughly Gaussian (sum of three uniforms), the same on each channel: luminance noise.
      const n = (rand() + rand() + rand() - 1.5) * 2 * noise;
      data[p] = data[p]! + n;
      data[p + 1] = data[p + 1]! + n;
      data[p + 2] = data[p + 2]! + n;
    }
    ctx.putImageData(image, 0, 0);
  }
  return photo.convertToBlob({
    type: options.type ?? 'image/jpeg',
    quality: options.quality ?? 0.92,
  });
}
