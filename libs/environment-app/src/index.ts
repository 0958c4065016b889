export { defineEnvironmentApp, type Environment, type EnvironmentApp, serviceHandles, serviceOf, UnknownHandleError } from './environment';
