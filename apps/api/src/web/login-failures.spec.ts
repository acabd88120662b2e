import { LoginFailures, loginFailures } from './login-failures';

describe('the login lockout', () => {
  let clock: number;
  let failures: LoginFailures;

  beforeEach(() => {
    clock = Date.UTC(2026, 11, 5, 12, 0, 0);
    failures = new LoginFailures(() => clock);
  });

  const fail = (key: string, times: number) => {
    for (let n = 0; n < times; n++) failures.recordFailure(key);
  };

  it('refuses a key for the window once it has failed the limit, and no other key', () => {
    fail('1.2.3.4:ada@example.org', loginFailures.limit - 1);
    expect(failures.blockedFor('1.2.3.4:ada@example.org')).toBe(0);

    fail('1.2.3.4:ada@example.org', 1);
    expect(failures.blockedFor('1.2.3.4:ada@example.org')).toBe(loginFailures.windowMs / 1000);
    expect(failures.blockedFor('1.2.3.4:bob@example.org')).toBe(0);

    clock += loginFailures.windowMs;
    expect(failures.blockedFor('1.2.3.4:ada@example.org')).toBe(0);
  });

  it('counts only failures: a success clears them', () => {
    fail('k', loginFailures.limit - 1);
    failures.recordSuccess('k');
    fail('k', loginFailures.limit - 1);

    expect(failures.blockedFor('k')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    fail('k', loginFailures.limit - 1);
    clock += loginFailures.windowMs;
    fail('k', 1);

    expect(failures.blockedFor('k')).toBe(0);
  });
});
