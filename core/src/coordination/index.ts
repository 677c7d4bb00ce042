export * from './circle';
