module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'scaling',
  rootDir: __dirname,
};
