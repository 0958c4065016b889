module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'example-environment-in-code',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
};
