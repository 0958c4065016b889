module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'network',
  rootDir: __dirname,
};
