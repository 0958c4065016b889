module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'construct-props',
  rootDir: __dirname,
};
