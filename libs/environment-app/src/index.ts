export { defineEnvironmentApp, type Environment, type EnvironmentApp, serviceHandles, serviceOf, UnknownHandleError } from './environment';
export { testEnvironment, type TestEnvironmentProps } from './test-environment';
