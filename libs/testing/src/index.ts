export { Match, type MatchFailure, Matcher, matchValue } from './match';
export { type Json, type SynthesizedResource, Template } from './template';
export { testStack } from './test-stack';
