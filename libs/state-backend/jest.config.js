module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'state-backend',
  rootDir: __dirname,
};
