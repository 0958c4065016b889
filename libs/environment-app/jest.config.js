module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'environment-app',
  rootDir: __dirname,
};
