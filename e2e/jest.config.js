// Workflows the README and docs promise, performed as a user types them on scratch copies of
// this repository (temporary git repositories): slow by nature, so not part of `nx run-many -t
// test`; `npm test` runs them last (tools/test.sh).
module.exports = {
  preset: '../jest.preset.js',
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.js'],
  testTimeout: 600_000,
};
