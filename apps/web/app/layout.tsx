import localFont from 'next/font/local';
import type { ReactNode } from 'react';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body>{children}</body>
    </html>
  );
}
