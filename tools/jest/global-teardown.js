'use strict';
module.exports = require('./scratch-tmpdir').teardown;
