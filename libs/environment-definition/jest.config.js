module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'environment-definition',
  rootDir: __dirname,
};
