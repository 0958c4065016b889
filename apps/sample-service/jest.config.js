module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'sample-service',
  rootDir: __dirname,
};
