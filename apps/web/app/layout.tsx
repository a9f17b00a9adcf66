import localFont from 'next/font/local';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '../components/SignOutButton';
import { getViewer } from '../lib/session';
import './globals.css';

// Bundled with the app: nothing is fetched from a font service at build or run time.
const inter = localFont({
  src: './fonts/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
});

export const metadata = {
  title: 'scSAMAC',
  description: 'Cluster single-cell RNA-seq data with scSAMAC and compare methods.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en" className={inter.variable}>
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="topbar">
          <Link href="/" className="brand">
            scSAMAC
          </Link>
          <nav aria-label="Main">
            <ul>
              {viewer ? (
                <li>
                  <Link href="/projects">Projects</Link>
                </li>
              ) : null}
              <li>
                <Link href="/explorer">API explorer</Link>
              </li>
            </ul>
          </nav>
          <div className="account">
            {viewer ? (
              <>
                <span data-testid="viewer-email">{viewer.email}</span>
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href="/signin">Sign in</Link>
                <Link href="/signup" className="button">
                  Sign up
                </Link>
              </>
            )}
          </div>
        </header>
        <div id="content">{children}</div>
      </body>
    </html>
  );
}
