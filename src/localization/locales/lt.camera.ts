// The camera part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

import { str } from '@lit/localize';

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s04b181: `Kameros vaizdas`,
  s07911f: `Verčiau pasirinkti nuotrauką`,
  s19072f: `Prieiga prie kameros neleista. Pasirinkite nuotrauką arba leiskite naudoti kamerą naršyklės nustatymuose ir bandykite dar kartą.`,
  s21a95e: `Nufotografuokite iš naujo: nuotraukoje matyti atspindys. Pakreipkite dokumentą arba pasitraukite nuo tiesioginės šviesos.`,
  s2cb92f: `Pasirinkti nuotrauką`,
  s2f53b1: `Nuotraukos padaryti nepavyko. Bandykite dar kartą.`,
  s2f777f: str`Jūsų nuotrauka: ${0}`,
  s3803f9: `Pasirinkite dokumento nuotrauką arba nufotografuokite jį kameros programėle.`,
  s4467f0: `Padėkite dokumentą rėmelyje gerai apšviestoje vietoje ir nejudinkite.`,
  s4549e0: `Tikrinama nuotrauka…`,
  s4b07ad: `Fotografuoti iš naujo`,
  s56323e: `Nufotografuokite iš naujo: nuotrauka neryški. Nejudinkite ir leiskite kamerai sufokusuoti.`,
  s618e34: `Ši naršyklė šiame puslapyje negali naudoti kameros. Verčiau pasirinkite nuotrauką.`,
  s65e27d: `Kameros įjungti nepavyko. Bandykite dar kartą arba pasirinkite nuotrauką.`,
  s733bfe: `Įjungiama kamera…`,
  s761c82: `Nufotografuokite iš naujo: nuotrauka per tamsi. Pereikite į šviesesnę vietą.`,
  s798f63: `Kamerą naudoja kita programėlė. Uždarykite ją ir bandykite dar kartą arba pasirinkite nuotrauką.`,
  s7a9d2c: `Šio failo nepavyko perskaityti kaip nuotraukos. Pasirinkite JPEG arba PNG nuotrauką.`,
  s7b3e04: `Nuotraukos paruoštos.`,
  s816dc7: `Bandyti kamerą dar kartą`,
  s8c65cc: `Šiame įrenginyje kameros nerasta. Verčiau pasirinkite nuotrauką.`,
  s9ed9b7: `Naudoti šią nuotrauką`,
  sa010db: `Pasirinkti kitą nuotrauką`,
  sa6968f: `Patikrinkite, ar visa informacija ryški ir įskaitoma.`,
  sbd2497: `Fotografuoti`,
  sdd46ca: str`Nufotografuokite iš naujo: nuotrauka per maža. Ilgesnė jos kraštinė turi būti ne mažiau kaip ${0} pikselių.`,
  sfe48c4: str`${0} (${1} iš ${2})`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 6;
