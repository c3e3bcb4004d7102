// Lithuanian messages in lit-localize's runtime-mode module format (ids are the FNV-1a hashes
// lit-localize generates). A first handful: the full translation is a later task.
import { str } from '@lit/localize';

export const templates = {
  s81ecf2d4386b8e84: `Tęsti`,
  sc16e00a7a8b2fde2: `Atgal`,
  s3eb6a7a778733bdc: `Sąskaitos tipas`,
  s8487153a89cc0524: `Jūsų duomenys`,
  scdce408e5414b707: `Atidarykite sąskaitą`,
  sab459038e3c6bcb8: `Vardas`,
  s6e8059179423bfa0: `Pavardė`,
  sd1f44f1a8bc20e67: `El. paštas`,
  s0c97387dc725a9e2: `Sukurti paskyrą`,
  s284ba483eaf15865: `Įveskite vardą`,
  s5e27738a2e8eb763: `Prisijungimas`,
  sb085f459118a0823: `Tapatybės patikra`,
  s889fce46bd2236e5: `Dokumentai`,
  sa3ae747c1dcaad1c: `Sutikimai`,
  sf1674aeb3dc2d55d: `Aktyvavimas`,
  s1bc8093b59d1973b: `Registracijos eiga`,
  scd1dd6ff53d0d01a: `Bandyti dar kartą`,
  s460c17405a60271e: `(atlikta)`,
  s6ebc9bd6feae62a3: `Įkeliama…`,
  s684b6bfe5d516e5c: str`${0} žingsnis iš ${1}`,
};
