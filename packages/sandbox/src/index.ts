/** Stand-ins for the systems around the platform. So far: 示範機關, a demo agency that signs citizens in through it. */
export { createDemoAgencyApp, SESSION_COOKIE, type DemoAgencyOptions } from './agency/app';
export { loadConfig, ConfigError, type DemoAgencyConfig } from './agency/config';
export { credentialsAccepted, discoverPlatform, PlatformUnreachableError, type AgencyCredentials } from './agency/platform';
export { AGENCY_NAME, AGENCY_SCOPES, demoRegistration, ensureRegistered, registerWithCli, RegistrationError, type Register } from './agency/registration';
export { createSessionStore, type SessionStore } from './agency/sessions';
