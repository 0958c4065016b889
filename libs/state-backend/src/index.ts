export { type RemoteStateProps, stateKey, useRemoteState } from './remote-state';
export { requireStateKey, stateKeyAlias, stateKeyAliasArn, StateStorage, type StateStorageProps } from './state-bucket';
