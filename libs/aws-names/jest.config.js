module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'aws-names',
  rootDir: __dirname,
};
