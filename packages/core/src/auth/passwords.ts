import bcrypt from 'bcrypt';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the same time as a real verify, so an unknown e-mail cannot be told apart by timing. */
  verifyAgainstDummy(password: string): Promise<false>;
}

export function createPasswordHasher(cost = 12): PasswordHasher {
  if (cost < 10) throw new Error('bcrypt cost must be at least 10');
  const dummyHash = bcrypt.hashSync('agenda-cheia-dummy-password', cost);
  return {
    hash: (password) => bcrypt.hash(password, cost),
    // bcrypt.compare is constant-time in the hash comparison.
    verify: (password, hash) => bcrypt.compare(password, hash),
    async verifyAgainstDummy(password) {
      await bcrypt.compare(password, dummyHash);
      return false;
    },
  };
}
