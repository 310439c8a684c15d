/**
 * Login throttling, shared by every API replica through MongoDB (`loginattempts`). Failures
 * are counted per username and per client address in a window; reaching the limit locks the
 * key for one window, during which even the right password is refused with 429 and
 * `Retry-After`. A successful sign-in clears the username's count (not the address's, or one
 * valid account would let an attacker reset it). Unknown usernames are counted the same way,
 * so the answers never tell whether an account exists.
 */
import { isIP } from 'node:net';
import { isDuplicateKeyError, LoginAttemptModel } from '../../platform/storage';
import { HttpProblem } from '../problems';

export interface ThrottleLimit {
  maxFailures: number;
  windowMs: number;
}

export interface ThrottleOptions {
  /** Per username. Default: 5 failures per 15 minutes. */
  username?: Partial<ThrottleLimit>;
  /**
   * Per client address (IPv6: per /64). Higher by default, 50 per 15 minutes: a whole office
   * often signs in from one address behind its proxy.
   */
  address?: Partial<ThrottleLimit>;
  /** Milliseconds since the epoch; tests move it forward. */
  now?: () => number;
}

export class TooManyAttempts extends HttpProblem {
  constructor(readonly retryAfterSeconds: number, until: Date) {
    super(
      429,
      'too-many-login-attempts',
      'Too many failed sign-ins',
      `Too many failed sign-ins for this account or from this address. Sign-in is blocked until ${until.toISOString()} (in ${retryAfterSeconds} s); try again then, or ask an administrator to reset the password.`,
      { retryAfter: retryAfterSeconds, retryAt: until.toISOString() },
    );
  }
}

/** The key of a client address: IPv4 as is, IPv6 by its /64 prefix (one host usually holds a whole /64). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const PURGE_EVERY_MS = 60_000;

export class LoginThrottle {
  private readonly username: ThrottleLimit;
  private readonly address: ThrottleLimit;
  private readonly now: () => number;
  private lastPurge = 0;

  constructor(options: ThrottleOptions = {}) {
    this.username = { maxFailures: 5, windowMs: 15 * 60_000, ...options.username };
    this.address = { maxFailures: 50, windowMs: 15 * 60_000, ...options.address };
    this.now = options.now ?? Date.now;
  }

  private keys(username: string, address: string): { key: string; limit: ThrottleLimit }[] {
    return [
      { key: `user:${username}`, limit: this.username },
      { key: `ip:${addressKey(address)}`, limit: this.address },
    ];
  }

  /** Throws TooManyAttempts while the username or the address is locked. */
  async check(username: string, address: string): Promise<void> {
    const now = this.now();
    const keys = this.keys(username, address).map((k) => k.key);
    const records = await LoginAttemptModel.find({ _id: { $in: keys } }).lean();
    const lockedUntil = records
      .filter((record) => record.expiresAt.getTime() > now && record.lockedUntil && record.lockedUntil.getTime() > now)
      .map((record) => record.lockedUntil!.getTime());
    if (lockedUntil.length > 0) throw this.tooMany(Math.max(...lockedUntil), now);
  }

  /** Counts a failure; throws TooManyAttempts when it reaches a limit. */
  async recordFailure(username: string, address: string): Promise<void> {
    const now = this.now();
    this.purgeNowAndThen(now);
    let lockedUntil = 0;
    for (const { key, limit } of this.keys(username, address)) {
      const failures = await this.increment(key, limit, now);
      if (failures >= limit.maxFailures) {
        const until = new Date(now + limit.windowMs);
        // The lock lasts a whole window from the failure that reached the limit.
        await LoginAttemptModel.updateOne({ _id: key }, { $set: { lockedUntil: until, expiresAt: until } });
        lockedUntil = Math.max(lockedUntil, until.getTime());
      }
    }
    if (lockedUntil > 0) throw this.tooMany(lockedUntil, now);
  }

  /** A successful sign-in clears the username's failures. */
  async recordSuccess(username: string): Promise<void> {
    await LoginAttemptModel.deleteOne({ _id: `user:${username}` });
  }

  private async increment(key: string, limit: ThrottleLimit, now: number): Promise<number> {
    // An expired window counts for nothing: start again from zero.
    await LoginAttemptModel.deleteOne({ _id: key, expiresAt: { $lte: new Date(now) } });
    for (let attempt = 0; ; attempt += 1) {
      try {
        const record = await LoginAttemptModel.findOneAndUpdate(
          { _id: key },
          { $inc: { failures: 1 }, $setOnInsert: { expiresAt: new Date(now + limit.windowMs) } },
          { upsert: true, returnDocument: 'after' },
        ).lean();
        return record?.failures ?? 1;
      } catch (error) {
        // Two replicas inserting the same key at once: the loser increments the winner's record.
        if (!isDuplicateKeyError(error) || attempt > 2) throw error;
      }
    }
  }

  private purgeNowAndThen(now: number): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    LoginAttemptModel.deleteMany({ expiresAt: { $lte: new Date(now) } }).catch((error: unknown) => {
      console.warn(`api: purging expired login attempts failed: ${(error as Error).message}`);
    });
  }

  private tooMany(lockedUntil: number, now: number): TooManyAttempts {
    return new TooManyAttempts(Math.max(1, Math.ceil((lockedUntil - now) / 1000)), new Date(lockedUntil));
  }
}
