// Lint rules: typescript-eslint's recommended set, plus import boundaries that keep the data flow of
// ARCHITECTURE.md one-way (domain imports nothing of ours outside it; nothing but cli/api imports cli/api).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Outside src/store nothing touches SQL: no database driver, no Drizzle, and of the store only its port
// (store/port.js) and its opener (store/open.js), which is all the CLI uses.
const STORAGE = {
  group: [
    'pg',
    'pg/*',
    'drizzle-orm',
    'drizzle-orm/*',
    'drizzle-kit',
    '@electric-sql/*',
    '**/store/*',
    '!**/store/port.js',
    '!**/store/open.js',
    '**/store/*/**',
  ],
  message:
    'outside src/store, reach the registry through its port (store/port.js) and opener (store/open.js) only; SQL, Drizzle and the drivers stay in src/store',
};

// A block's own boundaries, plus the storage boundary for every module outside src/store (one rule
// setting per file, so each block carries both).
const restrict = (groups, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [...(groups.length > 0 ? [{ group: groups, message }] : []), STORAGE] },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: restrict([], ''),
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      [
        '**/store/**',
        '**/ingest/**',
        '**/analytics/**',
        '**/sim/**',
        '**/api/**',
        '**/cli/**',
        'pg',
        '@electric-sql/*',
      ],
      'the domain imports nothing outside src/domain (ARCHITECTURE.md: data flows one way)',
    ),
  },
  {
    files: ['src/ingest/**/*.ts'],
    rules: restrict(
      ['**/store/**', '**/analytics/**', '**/sim/**', '**/api/**', '**/cli/**'],
      'ingest reads outside formats into domain records only',
    ),
  },
  {
    files: ['src/analytics/**/*.ts', 'src/sim/**/*.ts'],
    rules: restrict(
      ['**/store/**', '**/api/**', '**/cli/**', 'pg', '@electric-sql/*'],
      'views take plain data, never a database handle or an interface',
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/**', '**/cli/**', '**/analytics/**', '**/sim/**'],
              message: 'the store serves the views; it does not import them',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.test.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
