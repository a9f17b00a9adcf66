// One lint config for the monorepo. The Nx module-boundary rule enforces the layering in docs/ARCHITECTURE.md:
// apps import libs, libs never import apps, and the compute libs know nothing of the database or HTTP.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/.nx/**',
      '**/.data/**',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Compute libs are pure: no database, no HTTP, no file formats.
            { sourceTag: 'scope:compute', onlyDependOnLibsWithTags: ['scope:compute'] },
            { sourceTag: 'scope:io', onlyDependOnLibsWithTags: ['scope:io'] },
            { sourceTag: 'scope:data', onlyDependOnLibsWithTags: ['scope:data'] },
          ],
        },
      ],
    },
  },
);
