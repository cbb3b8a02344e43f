export * from './object-store';
export * from './embedded-s3';
export * from './presigned-gateway';
