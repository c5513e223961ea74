/** Every browser observer joins with this identity prefix, so it can be recognised and left out. */
export const OBSERVER_IDENTITY_PREFIX = 'stagekeeper-observer-';
