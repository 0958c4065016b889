module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'image-registry',
  rootDir: __dirname,
};
