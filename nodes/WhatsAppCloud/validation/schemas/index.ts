export * from './common';
export * from './contacts';
export * from './location';
export * from './media';
export * from './mediaResource';
export * from './reaction';
export * from './text';
