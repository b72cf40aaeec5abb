/** A mistake in how the kit was called or configured: reported as one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
