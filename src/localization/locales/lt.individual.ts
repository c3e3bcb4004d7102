// The individual part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

import { str } from '@lit/localize';

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s040f2: `Moteris`,
  s0b2ed: `Patikrinkite gimimo metus`,
  s0c973: `Sukurti paskyrą`,
  s19377: `Įveskite miestą ar gyvenvietę`,
  s1d596: `Jums turi būti ne mažiau kaip 18 metų.`,
  s226da: `Gimimo vieta`,
  s284ba: `Įveskite vardą`,
  s2f153: `Kuriama jūsų paskyra…`,
  s2fd5c: `Pasirinkite pilietybę`,
  s32469: `Kontaktai ir slaptažodis`,
  s3540a: `Pasirinkite pilietybę iš sąrašo`,
  s455f2: `Įveskite gimimo vietą`,
  s49f85: `Vyras`,
  s65301: `Pasirinkite šalį, kurioje gyvenate, iš sąrašo`,
  s68ad9: `Įveskite gimimo datą`,
  s6c6d9: `Miestas ar gyvenvietė.`,
  s6f6a4: `Įveskite pašto kodą`,
  s6f932: `Įveskite telefono numerį`,
  s70ab5: `Įveskite el. pašto adresą`,
  s81920: `Apie jus`,
  s8a6c0: `Lytis`,
  sbc39b: str`Jums turi būti ne mažiau kaip 18 metų (gimimo data – ne vėliau kaip ${0})`,
  sc9b71: `Įveskite pavardę`,
  sd4217: `Įveskite tikrą datą, pavyzdžiui, 1990-05-15`,
  sda40f: `Pasirinkite šalį, kurioje gyvenate`,
  sdfb4c: `Pasirinkite lytį`,
  se473b: `Įveskite gatvę, namo ir buto numerį`,
  seba07: `Gyvenamosios vietos adresas`,
  secc25: `Gimimo data turi būti praeityje`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 5;
