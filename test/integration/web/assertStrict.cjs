// The web test bundle's node:assert/strict: the npm `assert` package (Node's assert for the
// browser) in its strict mode, as scripts/buildIntegrationTests.mjs aliases it.
'use strict';
module.exports = require('assert').strict;
