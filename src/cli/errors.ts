/** `interrupted`: Ctrl-C (SIGINT) or SIGTERM stopped the build, as a shell reports 128 + 2. */
export const exitCodes = { ok: 0, content: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in how the command was called (exit code 2), as opposed to a problem in the book. */
export class UsageError extends Error {
  override name = 'UsageError';
}
