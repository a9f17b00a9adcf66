import { Suspense } from 'react';
import { AuthForm } from '../../components/AuthForm';

export const metadata = { title: 'Sign in · scSAMAC' };

export default function SignInPage() {
  return (
    <main>
      <h1>Sign in</h1>
      <Suspense>
        <AuthForm mode="signin" />
      </Suspense>
    </main>
  );
}
