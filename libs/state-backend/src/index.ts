export { type RemoteStateProps, stateKey, useRemoteState } from './remote-state';
export { StateStorage, type StateStorageProps } from './state-bucket';
