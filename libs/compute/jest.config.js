module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'compute',
  rootDir: __dirname,
};
