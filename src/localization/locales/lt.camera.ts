// The camera part: loaded with its chunk (scripts/split-catalogue.mjs).

// Do not modify this file by hand!
// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)

import { str } from '@lit/localize';

/* eslint-disable no-irregular-whitespace */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const templates = {
  s04b18: `Kameros vaizdas`,
  s07911: `Verčiau pasirinkti nuotrauką`,
  s19072: `Prieiga prie kameros neleista. Pasirinkite nuotrauką arba leiskite naudoti kamerą naršyklės nustatymuose ir bandykite dar kartą.`,
  s21a95: `Nufotografuokite iš naujo: nuotraukoje matyti atspindys. Pakreipkite dokumentą arba pasitraukite nuo tiesioginės šviesos.`,
  s2cb92: `Pasirinkti nuotrauką`,
  s2f53b: `Nuotraukos padaryti nepavyko. Bandykite dar kartą.`,
  s2f777: str`Jūsų nuotrauka: ${0}`,
  s3803f: `Pasirinkite dokumento nuotrauką arba nufotografuokite jį kameros programėle.`,
  s4467f: `Padėkite dokumentą rėmelyje gerai apšviestoje vietoje ir nejudinkite.`,
  s4549e: `Tikrinama nuotrauka…`,
  s4b07a: `Fotografuoti iš naujo`,
  s56323: `Nufotografuokite iš naujo: nuotrauka neryški. Nejudinkite ir leiskite kamerai sufokusuoti.`,
  s618e3: `Ši naršyklė šiame puslapyje negali naudoti kameros. Verčiau pasirinkite nuotrauką.`,
  s65e27: `Kameros įjungti nepavyko. Bandykite dar kartą arba pasirinkite nuotrauką.`,
  s733bf: `Įjungiama kamera…`,
  s761c8: `Nufotografuokite iš naujo: nuotrauka per tamsi. Pereikite į šviesesnę vietą.`,
  s798f6: `Kamerą naudoja kita programėlė. Uždarykite ją ir bandykite dar kartą arba pasirinkite nuotrauką.`,
  s7a9d2: `Šio failo nepavyko perskaityti kaip nuotraukos. Pasirinkite JPEG arba PNG nuotrauką.`,
  s7b3e0: `Nuotraukos paruoštos.`,
  s816dc: `Bandyti kamerą dar kartą`,
  s8c65c: `Šiame įrenginyje kameros nerasta. Verčiau pasirinkite nuotrauką.`,
  s9ed9b: `Naudoti šią nuotrauką`,
  sa010d: `Pasirinkti kitą nuotrauką`,
  sa6968: `Patikrinkite, ar visa informacija ryški ir įskaitoma.`,
  sbd249: `Fotografuoti`,
  sdd46c: str`Nufotografuokite iš naujo: nuotrauka per maža. Ilgesnė jos kraštinė turi būti ne mažiau kaip ${0} pikselių.`,
  sfe48c: str`${0} (${1} iš ${2})`,
};

/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */
export const hashLength = 5;
