/** scSAMAC: options, the clustering run, and embedding/prediction of new cells with a trained model. */
export { cluster, embed, predict, type ScsamacResult } from './cluster.js';
export {
  parseScsamacOptions,
  scsamacOptionsSchema,
  type ScsamacOptions,
  type ScsamacOptionsInput,
} from './options.js';
export {
  deserialise,
  ResumeStateError,
  serialise,
  type ScsamacModelState,
  type SerialisedTensor,
} from './state.js';
export {
  scdeepclusterMethod,
  scsamacMethod,
  scsamacMethods,
  scsamacNoClusterLevelMethod,
  scsamacNoContrastiveMethod,
  scsamacZinbMethod,
} from './methods.js';
