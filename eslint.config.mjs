// ESLint for the TypeScript sources, tests, benchmarks and scripts (npm run lint, part of npm test).
// typescript-eslint's recommended rules, without type information so it stays fast; formatting is
// Prettier's business (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      'src/generated/',
      'bench/.cache/',
      'dsc/',
      'tools/',
      'test/fixtures/',
      'node_modules/',
    ],
  },
  {
    linterOptions: {
      // A disable comment that suppresses nothing is an error, so none outlives its reason.
      reportUnusedDisableDirectives: 'error',
    },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Matching control characters is this tool's job: it escapes them in hostile names and the
      // tests check that none reaches a terminal.
      'no-control-regex': 'off',
      // Help text is aligned with runs of spaces; a pattern that matches it reads better written alike.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // `_name` marks a binding kept on purpose (a destructured property left out, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // require() of a JSON file (package.json, a schema) reads data where it is needed. Any other
      // require() is a deliberate lazy load that says why beside its disable comment.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['\\.json$'] }],
    },
  },
  {
    // To do: these two suites read JSON output as Record<string, any>; give them the documents' types.
    files: ['test/cli/dsc.test.ts', 'test/cli/plan.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
