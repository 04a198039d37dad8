export { freePort } from '../../src/services/free-port';
