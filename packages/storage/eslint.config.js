export { default } from '@agenda-cheia/eslint-config';
