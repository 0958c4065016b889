const path = require('node:path');

/**
 * Jest for environment apps: the specs beside `environments/<env>/stack.ts`. The Nx test target
 * of an environment passes its folder as the path pattern, so each project runs its own specs.
 */
module.exports = {
  preset: './jest.preset.js',
  displayName: 'environment-apps',
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/environments/*/*.spec.ts'],
  // Specs synthesize whole environment stacks.
  testTimeout: 120_000,
};
