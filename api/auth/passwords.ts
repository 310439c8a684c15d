/**
 * Password hashing with argon2id (PHC string `$argon2id$v=19$m=...`). Hashes of the first
 * version (`scrypt$salt$key`, Node's scrypt) are still verified; the login rehashes them.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import * as argon2 from 'argon2';

/** argon2 0.44 defaults, above the OWASP minimum (19 MiB, t=2, p=1); stated so a change is deliberate. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;
/** A hash no password matches, verified when there is no real one so every answer costs the same. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64'));
  return dummyHash;
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, salt, key] = stored.split('$');
  if (!salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  if (expected.length === 0) return false;
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * Whether `password` matches `stored`. Without a stored hash (unknown user, account without a
 * password) a dummy argon2 hash is verified anyway, so the answer takes the same time.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (stored?.startsWith('$argon2')) {
    try {
      return await argon2.verify(stored, password);
    } catch {
      return false; // a malformed hash matches nothing
    }
  }
  if (stored?.startsWith('scrypt$')) return verifyScrypt(password, stored);
  await argon2.verify(await dummy(), password);
  return false;
}

/** True for hashes of another scheme (scrypt) or weaker argon2 parameters: rehash at the next login. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  try {
    return argon2.needsRehash(stored, { memoryCost: ARGON2_OPTIONS.memoryCost, timeCost: ARGON2_OPTIONS.timeCost, parallelism: ARGON2_OPTIONS.parallelism });
  } catch {
    return true;
  }
}

/** The first version's scheme, kept for tests that seed an old account. */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}
