export * from './fill-template';
