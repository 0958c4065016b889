module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'cidr',
  rootDir: __dirname,
};
