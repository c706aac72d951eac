import type { AuthType, User } from '../../src/api/types';
import { CULTURES, type Culture, type NamePart } from './names';

/** The organization every sandbox user belongs to, fixed so resource names are stable. */
export const ORGANIZATION_ID = '5b7c1d2e-8f3a-4c6b-9d0e-1f2a3b4c5d6e';

const DAY_MS = 86_400_000;
const THREE_YEARS_MS = 3 * 365 * DAY_MS;
const ID_SPACE = 36 ** 6;

/** Letters that Unicode decomposition leaves alone but an email address cannot hold. */
const ASCII_SPECIALS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

export interface SeedOptions {
  count: number;
  seed: number;
  baseUrl: string;
  /** Timestamps fall in the three years before the start of this day (UTC). */
  now?: number;
}

/** Deterministic users for a seed, sorted by id as the API lists them. */
export function seedUsers(options: SeedOptions): User[] {
  const seeder = new Seeder(options);
  const users = Array.from({ length: options.count }, (_, index) => seeder.user(index));
  return users.sort(compareIds);
}

export function compareIds(a: User, b: User): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Small, fast and good enough for test data; see https://stackoverflow.com/a/47593316. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, (char) => ASCII_SPECIALS[char] ?? '');
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

class Seeder {
  private readonly random: () => number;
  private readonly ids = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly anchor: number;

  constructor(private readonly options: SeedOptions) {
    this.random = mulberry32(options.seed);
    const now = options.now ?? Date.now();
    this.anchor = now - (now % DAY_MS);
  }

  user(index: number): User {
    // The first users take one culture each, so even a small sandbox shows every script.
    const culture = CULTURES[index] ?? this.pickCulture();
    const given = this.pick(culture.given);
    const family = this.pick(culture.family);
    const id = this.uniqueId();
    return {
      api_version: 'iam/v2',
      kind: 'User',
      id,
      metadata: this.metadata(id),
      email: this.uniqueEmail(`${ascii(given)}.${ascii(family)}`),
      full_name: fullName(culture, native(given), native(family)),
      auth_type: this.authType(),
    };
  }

  private metadata(id: string): User['metadata'] {
    const created =
      this.anchor - DAY_MS - Math.floor(this.random() * (THREE_YEARS_MS - 2 * DAY_MS));
    const updated = created + Math.floor(this.random() * (this.anchor - created));
    return {
      self: `${this.options.baseUrl}/iam/v2/users/${encodeURIComponent(id)}`,
      resource_name: `crn://confluent.cloud/organization=${ORGANIZATION_ID}/user=${id}`,
      created_at: rfc3339(created),
      updated_at: rfc3339(updated),
    };
  }

  private uniqueId(): string {
    let id: string;
    do {
      id =
        'u-' +
        Math.floor(this.random() * ID_SPACE)
          .toString(36)
          .padStart(6, '0');
    } while (this.ids.has(id));
    this.ids.add(id);
    return id;
  }

  private uniqueEmail(local: string): string {
    const domain = this.random() < 0.9 ? 'example.com' : 'example.org';
    let email = `${local}@${domain}`;
    for (let n = 2; this.emails.has(email); n++) {
      email = `${local}${n}@${domain}`;
    }
    this.emails.add(email);
    return email;
  }

  private authType(): AuthType {
    return this.random() < 0.7 ? 'AUTH_TYPE_SSO' : 'AUTH_TYPE_LOCAL';
  }

  private pickCulture(): Culture {
    const total = CULTURES.reduce((sum, culture) => sum + culture.weight, 0);
    let ticket = this.random() * total;
    for (const culture of CULTURES) {
      ticket -= culture.weight;
      if (ticket < 0) {
        return culture;
      }
    }
    return CULTURES[0];
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}

function native(part: NamePart): string {
  return typeof part === 'string' ? part : part[0];
}

function ascii(part: NamePart): string {
  return asciiFold(typeof part === 'string' ? part : part[1]) || 'user';
}

function fullName(culture: Culture, given: string, family: string): string {
  const joiner = culture.joiner ?? ' ';
  return culture.familyFirst ? family + joiner + given : given + joiner + family;
}
