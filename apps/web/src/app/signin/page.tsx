import { SignInForm } from './SignInForm';

/** Sign in to trade. */
export default function SignInPage() {
  return (
    <main className="page narrow">
      <h1>Sign in</h1>
      <p className="muted">The local demo has trader@example.com / quoteline-trader.</p>
      <SignInForm />
    </main>
  );
}
