/**
 * Someone already entered in this onboarding (the admin user from registration, an employee, a
 * director, a person holding shares), offered again in another section so their details are not
 * typed twice (docs/architecture.md#steps). Entries with the same email, or without emails the
 * same name, are one person; each detail is the last one entered (a correction wins).
 */
import { msg, str } from '@lit/localize';
import type { PersonnelDrafts, PersonnelSection, SavedPersonnel } from './personnel.schema.js';

export type PersonSource = 'admin' | PersonnelSection;

export interface KnownPerson {
  /** Stable within one list (the select's option value). */
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  nationality: string;
  /** Where they were entered. */
  from: PersonSource[];
}

type Entry = Partial<Omit<KnownPerson, 'id' | 'from'>> & { from: PersonSource };

const DETAILS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'nationality'] as const;

function identity(entry: Entry): string {
  const email = entry.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  return `name:${`${entry.firstName ?? ''} ${entry.lastName ?? ''}`.trim().toLowerCase()}`;
}

/** Everyone entered so far, saved on FinHub or typed in this step, in the order first seen. */
export function knownPeople(sources: {
  adminEmail?: string | undefined;
  saved: SavedPersonnel;
  drafts: PersonnelDrafts;
}): KnownPerson[] {
  const { saved, drafts } = sources;
  const entries: Entry[] = [
    ...(sources.adminEmail ? [{ email: sources.adminEmail, from: 'admin' as const }] : []),
    ...(saved.employees ?? []).map((e) => ({ ...e, from: 'employees' as const })),
    ...drafts.employees.map((e) => ({ ...e, from: 'employees' as const })),
    ...(saved.directors ?? []).map((d) => ({ ...d, from: 'directors' as const })),
    ...drafts.directors.map((d) => ({ ...d, from: 'directors' as const })),
    ...(saved.shareholders ?? [])
      .filter((h) => h.type === 'INDIVIDUAL')
      .map((h) => ({
        firstName: h.firstName,
        lastName: h.lastName,
        from: 'shareholders' as const,
      })),
    ...drafts.shareholders
      .filter((h) => h.type === 'INDIVIDUAL')
      .map((h) => ({
        firstName: h.firstName,
        lastName: h.lastName,
        from: 'shareholders' as const,
      })),
  ];
  const people = new Map<string, KnownPerson>();
  const fullName = (p: { firstName?: string; lastName?: string }) =>
    `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim().toLowerCase();
  for (const entry of entries) {
    let key = identity(entry);
    if (key === 'name:') continue; // nothing to recognise them by
    // Without an email (a shareholder), the same name as someone with one is that someone.
    if (key.startsWith('name:')) {
      const named = [...people.entries()].find(([, p]) => fullName(p) === fullName(entry));
      if (named) key = named[0];
    }
    const person = people.get(key) ?? {
      id: `person-${people.size + 1}`,
      firstName: '',
      lastName: '',
      email: '',
      phone: '',
      dateOfBirth: '',
      nationality: '',
      from: [],
    };
    for (const detail of DETAILS) {
      const value = entry[detail]?.trim();
      if (value) person[detail] = value;
    }
    if (!person.from.includes(entry.from)) person.from.push(entry.from);
    people.set(key, person);
  }
  return [...people.values()];
}

function sourceLabel(source: PersonSource): string {
  switch (source) {
    case 'admin':
      return msg('Admin user');
    case 'employees':
      return msg('Employee');
    case 'directors':
      return msg('Director');
    case 'shareholders':
      return msg('Shareholder');
  }
}

export const personName = (person: KnownPerson): string =>
  `${person.firstName} ${person.lastName}`.trim() || person.email;

/** "Ona Jonaitė · Employee, Director" (in the locale's list style). */
export function personOption(person: KnownPerson, locale: string): string {
  const roles = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    person.from.map(sourceLabel),
  );
  return msg(str`${personName(person)} · ${roles}`);
}

/** Only what the person has: an empty detail leaves the field as it is. */
export function personDetails<K extends (typeof DETAILS)[number]>(
  person: KnownPerson,
  details: readonly K[],
): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  for (const detail of details) if (person[detail]) values[detail] = person[detail];
  return values;
}
