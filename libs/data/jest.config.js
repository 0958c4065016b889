module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'data',
  rootDir: __dirname,
};
