// Shared Jest settings for every project. Tests are transpiled with SWC (type checking is
// the separate `typecheck` target), which keeps a full run fast on two cores.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(path.join(__dirname, 'tsconfig.base.json')),
  // The run's temporary files go to a folder of its own, removed when it ends (scratch-tmpdir.js).
  globalSetup: path.join(__dirname, 'tools/jest/global-setup.js'),
  globalTeardown: path.join(__dirname, 'tools/jest/global-teardown.js'),
  setupFilesAfterEnv: [path.join(__dirname, 'tools/jest/setup-cdktf.js')],
  testMatch: ['**/?(*.)+(spec|test).[jt]s'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/cdktf.out/'],
};
