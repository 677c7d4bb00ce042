export * from './types';
export * from './scales-data';
export * from './scoring';
export * from './fhir';
