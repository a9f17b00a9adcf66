import { Suspense } from 'react';
import { AuthForm } from '../../components/AuthForm';

export const metadata = { title: 'Sign up · scSAMAC' };

export default function SignUpPage() {
  return (
    <main>
      <h1>Create an account</h1>
      <Suspense>
        <AuthForm mode="signup" />
      </Suspense>
    </main>
  );
}
