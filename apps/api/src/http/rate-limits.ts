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
 * colleague's typo; sign-ups count every attempt per IP.
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

  async function blockedFor(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
    const state = await limiter.get(key);
    return state && state.consumedPoints >= limiter.points ? state.msBeforeNext : undefined;
  }

  return {
    async assertLoginAllowed(ip: string, email: string): Promise<void> {
      const wait = (await blockedFor(failuresByAccount, email)) ?? (await blockedFor(failuresByIp, ip));
      if (wait !== undefined) throw rateLimited(wait);
    },
    async recordLoginFailure(ip: string, email: string): Promise<void> {
      await Promise.allSettled([failuresByAccount.penalty(email), failuresByIp.penalty(ip)]);
    },
    async recordLoginSuccess(email: string): Promise<void> {
      await failuresByAccount.delete(email);
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
