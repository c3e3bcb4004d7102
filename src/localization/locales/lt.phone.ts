// The phone part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s0165a: `Siųsti į kompiuterį`,
  s01955: `Šis perdavimas atšauktas kompiuteryje. Tęskite ten arba nuskenuokite naują kodą.`,
  s0c766: `Šis kodas jau panaudotas. Kompiuteryje pasirinkite „Rodyti naują kodą“ ir nuskenuokite jį dar kartą.`,
  s4c2a1: `Viskas atlikta, grįžkite prie kompiuterio.`,
  s57642: `Atidaromi jūsų dokumentai…`,
  s9d63d: `Ši nuoroda negalioja. Dar kartą nuskenuokite QR kodą kompiuteryje.`,
  sb462c: `Jūsų dokumentai jau išsiųsti. Grįžkite prie kompiuterio.`,
  sb7c24: `Šio kodo galiojimas baigėsi. Kompiuteryje pasirinkite „Rodyti naują kodą“ ir nuskenuokite jį dar kartą.`,
  secb62: `Jūsų dokumentai pridėti prie paraiškos. Šį puslapį galite uždaryti.`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 5;
