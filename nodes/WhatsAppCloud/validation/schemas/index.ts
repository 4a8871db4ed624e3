export * from './fields';
export * from './contacts';
export * from './location';
export * from './media';
export * from './reaction';
export * from './text';
