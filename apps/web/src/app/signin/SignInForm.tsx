'use client';
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, apiJson } from '@quoteline/client';
import { accountKeys } from '@quoteline/client/react';
import { sessionRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';

/** Email and password, validated before sending; errors say what to do. */
export function SignInForm() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = sessionRequestSchema.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => [
            String(i.path[0]),
            i.path[0] === 'email' ? 'Enter your email address.' : 'Enter your password.',
          ]),
        ),
      );
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      await apiJson('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(parsed.data),
      });
      await queryClient.invalidateQueries({ queryKey: accountKeys.session });
      window.location.assign('/');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Sign-in failed; try again.');
      setPending(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldErrors.email}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
      />
      <FormError>{error}</FormError>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
