/** Sign in and sign up. Errors show their AF_ code; field errors sit under their field. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, errorText, keys, unwrap } from '../../lib/api.js';
import { Button } from '../../ui/button.js';
import { Field } from '../../ui/field.js';
import { Logo } from '../../ui/logo.js';

function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.issues.find((i) => i.path === field || i.path === `body.${field}`);
  return issue ? `${issue.code}: ${issue.message}` : undefined;
}

function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 dark:bg-slate-950">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-7 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-2">
          <Logo className="h-7 w-7" />
          <span className="text-lg font-semibold text-slate-900 dark:text-white">AgentFlow</span>
        </div>
        <h1 className="mb-5 text-xl font-semibold text-slate-900 dark:text-white">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function LoginPage() {
  return <AuthForm mode="login" />;
}
export function RegisterPage() {
  return <AuthForm mode="register" />;
}

function AuthForm({ mode }: { mode: 'login' | 'register' }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const submit = useMutation({
    mutationFn: async () =>
      mode === 'login'
        ? unwrap(await api.POST('/api/v1/auth/login', { body: { email, password } }))
        : unwrap(
            await api.POST('/api/v1/auth/register', {
              body: { email, password, ...(name ? { name } : {}) },
            }),
          ),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: keys.me });
      navigate('/workflows');
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  const general = submit.error && !fieldError(submit.error, 'email') && !fieldError(submit.error, 'password');
  return (
    <AuthCard title={mode === 'login' ? 'Sign in' : 'Create your account'}>
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        {mode === 'register' && (
          <Field label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        )}
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(submit.error, 'email')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(submit.error, 'password')}
          hint={mode === 'register' ? 'At least 12 characters.' : undefined}
        />
        {general && (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {errorText(submit.error)}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={submit.isPending}>
          {mode === 'login' ? 'Sign in' : 'Create account'}
        </Button>
      </form>
      <p className="mt-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {mode === 'login' ? (
          <>
            New here?{' '}
            <Link className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" to="/register">
              Create an account
            </Link>
          </>
        ) : (
          <>
            Already have an account?{' '}
            <Link className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" to="/login">
              Sign in
            </Link>
          </>
        )}
      </p>
    </AuthCard>
  );
}
