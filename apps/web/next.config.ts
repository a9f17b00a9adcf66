import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace libs ship TypeScript sources; Next compiles them with the app.
  transpilePackages: [],
  // Nothing may reach the internet: no telemetry, and fonts come from next/font/local.
  poweredByHeader: false,
};

export default config;
