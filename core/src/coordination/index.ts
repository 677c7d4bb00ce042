export * from './circle';
export * from './request-status';
export * from './response-clock';
export * from './fhir-request';
export * from './fhir-care-team';
