// The individual part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s040f25: `Moteris`,
  s0c9738: `Sukurti paskyrą`,
  s1d596a: `Jums turi būti ne mažiau kaip 18 metų.`,
  s226da7: `Gimimo vieta`,
  s2f153a: `Kuriama jūsų paskyra…`,
  s324694: `Kontaktai ir slaptažodis`,
  s32ac2b: `Pilietybė`,
  s49f85a: `Vyras`,
  s6c6d96: `Miestas ar gyvenvietė.`,
  s6e8059: `Pavardė`,
  s819207: `Apie jus`,
  s8a6c00: `Lytis`,
  s93c046: `Gimimo data`,
  sab4590: `Vardas`,
  sc0a0c8: `Telefono numeris`,
  sc9e494: `Kita`,
  seba07d: `Gyvenamosios vietos adresas`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 6;
