module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'policy',
  rootDir: __dirname,
};
