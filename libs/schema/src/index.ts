export { schema } from './schema';
