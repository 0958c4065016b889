module.exports = {
  preset: '../jest.preset.js',
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.js'],
};
