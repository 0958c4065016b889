'use strict';
// CDKTF's Jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) for every test.
require('cdktf').Testing.setupJest();
