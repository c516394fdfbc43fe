module.exports = require('../tools/webpackRuntimeBundle')(__dirname);
