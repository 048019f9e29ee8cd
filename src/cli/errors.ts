/**
 * The CLI's exit codes and the errors that carry them: 0 success, 1 bad input or failed validation,
 * 2 usage error, 3 internal error. User errors print a message, never a stack trace.
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

/** Bad input from the user: a file, a value, a reference. Exit 1. */
export class UserError extends Error {
  readonly exitCode = EXIT.invalid;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The command line itself is wrong. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
