export { startSigner, DEFAULT_HOSTS, DEFAULT_PORT, type RunningSigner, type StartSignerOptions } from './start-signer';
export { RATE_LIMITED_LAST_ERROR, type InfoAnswer, type SignAnswer } from './answers';
export { parseOrigin, originForDisplay } from './origins';
