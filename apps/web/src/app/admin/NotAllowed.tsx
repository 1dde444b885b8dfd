import Link from 'next/link';

/** What /admin shows someone who may not use the console: why, and the ways on. */
export function NotAllowed({ email }: { email: string | null }) {
  return (
    <section className="not-allowed" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">{email ? 'Not allowed' : 'Sign in as an admin'}</h1>
      {email ? (
        <p role="alert">
          Only admins may use the console. You are signed in as <strong>{email}</strong>, a trader account.
        </p>
      ) : (
        <p>The admin console needs an admin account.</p>
      )}
      <p className="not-allowed-links">
        <Link href="/" className="button-link">
          Back to the trader page
        </Link>
        <Link href="/signin">{email ? 'Sign in with another account' : 'Sign in'}</Link>
      </p>
    </section>
  );
}
