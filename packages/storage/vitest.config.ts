export { default } from '@agenda-cheia/vitest-config';
