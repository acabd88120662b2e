import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AccountsService, type Principal, type Role } from '@claimdesk/accounts';
import type { JobRun } from '@claimdesk/queue';

/**
 * Builders for specs (STYLE.md §20): each returns a valid value with defaults
 * unique to the call, so tests never share rows by accident; a test overrides
 * only what it is about.
 */

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A word of ten lowercase letters no other test uses, so filters and searches see only one test's rows. */
export function uniqueWord(): string {
  return Array.from(randomBytes(10), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/**
 * A claim submission with a text of its own (`Spec claim <hex> says something
 * checkable.`, so rows can be counted by text and `q=spec claim` finds it),
 * and `overrides`. Its type follows the overrides, so it serves as a
 * `ClaimSubmission` to the service and as a request body over HTTP.
 */
export function aClaim<O extends object = Record<never, never>>(overrides?: O): { text: string } & O {
  return { text: `Spec claim ${hex(8)} says something checkable.`, ...overrides } as { text: string } & O;
}

/**
 * A source at a URL of its own on news.example.org, and `overrides`; its type
 * follows them, as for {@link aClaim} (`SourceInput`, or a request body).
 */
export function aSource<O extends object = Record<never, never>>(overrides?: O): { url: string } & O {
  return { url: `https://news.example.org/${uniqueWord()}/story`, ...overrides } as { url: string } & O;
}

/** What `AccountsService.createUser` takes. */
export interface UserInput {
  email: string;
  name: string;
  role: string;
  password?: string;
}

let userSequence = 0;

/** A valid `createUser` input with an email of its own: a reviewer named Ada Checker, no password. */
export function aUser(overrides: Partial<UserInput> = {}): UserInput {
  userSequence += 1;
  return {
    email: `user${userSequence}-${hex(3)}@example.com`,
    name: 'Ada Checker',
    role: 'reviewer',
    ...overrides,
  };
}

/** The password {@link aPrincipal} gives every user it makes. */
export const builtUserPassword = 'a long enough password';

/**
 * A user made through the app's AccountsService (a submitter unless told
 * otherwise, with {@link builtUserPassword}), as the Principal services take.
 * Claims, sources and events reference users by foreign key, so an actor has
 * to exist.
 */
export async function aPrincipal(
  app: INestApplicationContext,
  overrides: Partial<Omit<UserInput, 'role'>> & { role?: Role } = {},
): Promise<Principal> {
  const user = await app
    .get(AccountsService)
    .createUser(aUser({ role: 'submitter', name: 'Spec User', password: builtUserPassword, ...overrides }));
  return { userId: user.id, name: user.name, email: user.email, role: user.role };
}

/** A JobRun stub that records the progress reported: nothing runs behind the test's back. */
export interface RecordingJobRun extends JobRun {
  readonly reported: number[];
}

/** A first, not final, attempt of a job with an id of its own (prefixed `<name>.spec-`), for calling a handler directly. */
export function aJobRun(name: string, overrides: Partial<Omit<JobRun, 'progress'>> = {}): RecordingJobRun {
  const reported: number[] = [];
  return {
    id: `${name}.spec-${hex(6)}`,
    attempt: 1,
    finalAttempt: false,
    ...overrides,
    reported,
    progress: async (percent) => {
      reported.push(percent);
    },
  };
}
