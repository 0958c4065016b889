module.exports = {
  preset: '../jest.preset.js',
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.js'],
  // The Terraform gate and nx-affected tests run real Terraform and Nx: tens of seconds each.
  testTimeout: 300_000,
};
