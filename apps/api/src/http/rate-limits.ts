import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@agenda-cheia/contracts';
import type { Config } from '../config';

type LimitConfig = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'LOGIN_WINDOW_MINUTES'
  | 'REGISTER_MAX_PER_IP_PER_HOUR'
>;

function rateLimited(retryAfterMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new AppError(
    'RATE_LIMITED',
    `Muitas tentativas. Tente novamente em ${minutes} minuto${minutes > 1 ? 's' : ''}.`,
    { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
  );
}

/**
 * Login counts failures, per account and per IP, so a salon sharing one IP is not locked out by a
 * colleague's typo; sign-ups count every attempt per IP. A signed-in user's check of their own password
 * (changing it) counts like a login of the account `passwordCheckAccount(userId)`, so a stolen session
 * cannot guess the password it would need to keep the account.
 */
export function createRateLimits(config: LimitConfig) {
  const windowSeconds = config.LOGIN_WINDOW_MINUTES * 60;
  const failuresByAccount = new RateLimiterMemory({
    keyPrefix: 'login_account',
    points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    duration: windowSeconds,
  });
  const failuresByIp = new RateLimiterMemory({
    keyPrefix: 'login_ip',
    points: config.LOGIN_MAX_FAILURES_PER_IP,
    duration: windowSeconds,
  });
  const registrationsByIp = new RateLimiterMemory({
    keyPrefix: 'register_ip',
    points: config.REGISTER_MAX_PER_IP_PER_HOUR,
    duration: 3600,
  });

  /** Spends one point, or answers how long until the key has points again (nothing is spent then). */
  async function take(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await limiter.reward(key, 1);
      return error.msBeforeNext;
    }
  }

  return {
    /**
     * Spends one try of the account's and of the IP's allowance *before* the password is checked: a check
     * made first and a failure recorded after let any number of concurrent tries (parallel requests, a
     * tRPC batch) through while the first bcrypt runs. A wrong password keeps the try spent; anything
     * else must give it back with `loginSucceeded` or `loginAbandoned`.
     */
    async takeLoginTry(ip: string, account: string): Promise<void> {
      const accountWait = await take(failuresByAccount, account);
      if (accountWait !== undefined) throw rateLimited(accountWait);
      const ipWait = await take(failuresByIp, ip);
      if (ipWait !== undefined) {
        await failuresByAccount.reward(account, 1);
        throw rateLimited(ipWait);
      }
    },
    /** The right password: the account starts afresh, and the try does not count against the IP. */
    async loginSucceeded(ip: string, account: string): Promise<void> {
      await Promise.allSettled([failuresByAccount.delete(account), failuresByIp.reward(ip, 1)]);
    },
    /** The check never reached a verdict (database down...): the try is given back. */
    async loginAbandoned(ip: string, account: string): Promise<void> {
      await Promise.allSettled([failuresByAccount.reward(account, 1), failuresByIp.reward(ip, 1)]);
    },
    async consumeRegistration(ip: string): Promise<void> {
      try {
        await registrationsByIp.consume(ip);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext);
        throw error;
      }
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

/** The account key of a signed-in user's password checks; never an e-mail, so never a login's key. */
export function passwordCheckAccount(userId: string): string {
  return `user:${userId}`;
}
