import nx from '@nx/eslint-plugin';

/** Importing the provider's package root loads all ~2,000 resource classes (decision 2). */
const restrictedImports = [
  'error',
  {
    paths: [
      {
        name: '@cdktf/provider-aws',
        message: 'Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/vpc (docs/design.md decision 2).',
      },
    ],
    patterns: [
      {
        group: ['@ecs-platform/*/*'],
        message: "Import a library through its public entry (@ecs-platform/<lib>), never its internals.",
      },
    ],
  },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/cdktf.out/**', '**/coverage/**', '**/.nx/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      'no-restricted-imports': restrictedImports,
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // The layer libraries take their own props and never read the YAML schema; the
            // definition adapter in the app maps one to the other (docs/design.md decision 9).
            { sourceTag: 'scope:layer', notDependOnLibsWithTags: ['scope:definition'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            // An example, or an environment app, uses the libraries' public API only, never the app.
            { sourceTag: 'type:example', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:environment', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
