import { createHash } from 'node:crypto';
import type { User } from '../../src/api/types';
import { compareIds } from './seed';

/** The sandbox's users, listed sorted by id as the real API does. */
export class UserStore {
  private byId = new Map<string, User>();
  /** Sorting 10,000 users for every page would cost more than serving it; any change drops it. */
  private sorted: readonly User[] | undefined;

  constructor(users: User[] = []) {
    this.replaceAll(users);
  }

  replaceAll(users: User[]): void {
    this.byId = new Map(users.map((user) => [user.id, user]));
    this.sorted = undefined;
  }

  get(id: string): User | undefined {
    return this.byId.get(id);
  }

  put(user: User): void {
    this.byId.set(user.id, user);
    this.sorted = undefined;
  }

  delete(id: string): boolean {
    this.sorted = undefined;
    return this.byId.delete(id);
  }

  list(): readonly User[] {
    this.sorted ??= [...this.byId.values()].sort(compareIds);
    return this.sorted;
  }
}

/**
 * Page tokens name the last id of the page they follow, so deleting users while paging skips
 * no one. They are short hashes looked up here, because ids (tests put hostile ones) may be
 * longer than the 255 characters the spec allows a token.
 */
export class PageTokens {
  private readonly cursors = new Map<string, string>();

  issue(lastId: string): string {
    const token = createHash('sha256').update(lastId).digest('base64url').slice(0, 22);
    this.cursors.set(token, lastId);
    return token;
  }

  /** The id the page starts after, or undefined for a token this sandbox never issued. */
  resolve(token: string): string | undefined {
    return this.cursors.get(token);
  }
}
