// The individual part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

import { str } from '@lit/localize';

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s040f25: `Moteris`,
  s0b2ed4: `Patikrinkite gimimo metus`,
  s0c9738: `Sukurti paskyrą`,
  s193773: `Įveskite miestą ar gyvenvietę`,
  s1d596a: `Jums turi būti ne mažiau kaip 18 metų.`,
  s226da7: `Gimimo vieta`,
  s284ba4: `Įveskite vardą`,
  s2f153a: `Kuriama jūsų paskyra…`,
  s2fd5c5: `Pasirinkite pilietybę`,
  s324694: `Kontaktai ir slaptažodis`,
  s32ac2b: `Pilietybė`,
  s3540a5: `Pasirinkite pilietybę iš sąrašo`,
  s455f24: `Įveskite gimimo vietą`,
  s49f85a: `Vyras`,
  s65301a: `Pasirinkite šalį, kurioje gyvenate, iš sąrašo`,
  s68ad9f: `Įveskite gimimo datą`,
  s6c6d96: `Miestas ar gyvenvietė.`,
  s6e8059: `Pavardė`,
  s6f6a4f: `Įveskite pašto kodą`,
  s6f9321: `Įveskite telefono numerį`,
  s70ab5b: `Įveskite el. pašto adresą`,
  s819207: `Apie jus`,
  s8a6c00: `Lytis`,
  s93c046: `Gimimo data`,
  sab4590: `Vardas`,
  sbc39bd: str`Jums turi būti ne mažiau kaip 18 metų (gimimo data – ne vėliau kaip ${0})`,
  sc0a0c8: `Telefono numeris`,
  sc9b71a: `Įveskite pavardę`,
  sc9e494: `Kita`,
  sd4217e: `Įveskite tikrą datą, pavyzdžiui, 1990-05-15`,
  sda40f6: `Pasirinkite šalį, kurioje gyvenate`,
  sdfb4c8: `Pasirinkite lytį`,
  se473b5: `Įveskite gatvę, namo ir buto numerį`,
  seba07d: `Gyvenamosios vietos adresas`,
  secc258: `Gimimo data turi būti praeityje`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 6;
