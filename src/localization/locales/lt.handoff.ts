// The handoff part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

import { str } from '@lit/localize';

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s0f003: str`Gauta dokumentų: ${0} iš ${1}`,
  s19172: `Kopijuoti nuorodą`,
  s1f224: `Nuoroda nukopijuota`,
  s356a3: `Atšaukti ir įkelti čia`,
  s36083: `Arba atidarykite šią nuorodą telefone`,
  s49770: `QR kodas tęsti telefone`,
  s4a6ce: `Nuskenuokite QR kodą telefonu ir tęskite jame.`,
  s5a33b: `Nuskenuokite šį QR kodą telefono kamera ir ten nufotografuokite dokumentus. Kai telefonas juos išsiųs, šis puslapis tęs savaime.`,
  s60b09: `Rodyti naują kodą`,
  s74018: `Nuoroda nukopijuota.`,
  s772c2: `Šio kodo galiojimas baigėsi. Parodykite naują kodą, kad tęstumėte telefone.`,
  s90099: `Šis kodas pakeistas arba atšauktas. Parodykite naują kodą, kad tęstumėte telefone.`,
  s9792a: `Jūsų telefonas atidarė nuorodą. Laukiama dokumentų…`,
  s9c0b4: `Jūsų telefonas atidarė nuorodą.`,
  s9c398: `Ruošiamas jūsų kodas…`,
  s9f894: `Nukopijuokite pažymėtą nuorodą.`,
  sc2b92: `Jūsų telefonas išsiuntė dokumentus.`,
  sc8ea7: str`Kodas galioja iki ${0} ir tik vieną kartą.`,
  seb8a2: `Kažkas nepavyko. Bandykite dar kartą.`,
  sf5501: `Atidaryti nuorodą naujame skirtuke`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 5;
