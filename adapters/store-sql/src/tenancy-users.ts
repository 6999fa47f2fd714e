/**
 * Users. Emails are stored trimmed and lower-cased (one account per address, whatever the case typed). Password
 * hashes are computed by the caller (argon2id in the runtime) and never leave this repository inside a record:
 * only `getPasswordHash` returns one.
 */
import { randomUUID } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { sqlState } from './errors.js';
import { users } from './schema.js';

export interface UserRecord {
  id: string;
  email: string;
  name?: string;
  avatarUrl?: string;
  createdAt: number;
  updatedAt: number;
}

export interface CreateUserInput {
  email: string;
  name?: string;
  /** argon2id hash (PHC string); absent for users who sign in another way. */
  passwordHash?: string;
  id?: string;
}

export interface UserRepository {
  /** AF_CONFLICT when the email is taken. */
  createUser(input: CreateUserInput): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  /** The stored hash (null when the user has no password), for verification only. */
  getPasswordHash(email: string): Promise<{ userId: string; passwordHash: string | null } | undefined>;
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

type UserRow = typeof users.$inferSelect;

export function createUserRepository(db: Db): UserRepository {
  return {
    async createUser(input) {
      const email = normalizeEmail(input.email);
      try {
        const [row] = await db
          .insert(users)
          .values({
            id: input.id ?? randomUUID(),
            email,
            name: input.name ?? null,
            passwordHash: input.passwordHash ?? null,
          })
          .returning();
        return toUser(row!);
      } catch (error) {
        if (sqlState(error) === '23505') {
          throw new AgentFlowError('AF_CONFLICT', 'an account with this email already exists');
        }
        throw error;
      }
    },

    async getUser(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUser(row) : undefined;
    },

    async getUserByEmail(email) {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, normalizeEmail(email)));
      return row ? toUser(row) : undefined;
    },

    async getPasswordHash(email) {
      const [row] = await db
        .select({ userId: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.email, normalizeEmail(email)));
      return row;
    },

    async setPasswordHash(userId, passwordHash) {
      const done = await db
        .update(users)
        .set({ passwordHash, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
        .returning({ id: users.id });
      return done.length > 0;
    },
  };
}

export function toUser(
  row: Pick<UserRow, 'id' | 'email' | 'name' | 'avatarUrl' | 'createdAt' | 'updatedAt'>,
) {
  const user: UserRecord = {
    id: row.id,
    email: row.email,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  if (row.name !== null) user.name = row.name;
  if (row.avatarUrl !== null) user.avatarUrl = row.avatarUrl;
  return user;
}
