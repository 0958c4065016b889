module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'iam-policy',
  rootDir: __dirname,
};
