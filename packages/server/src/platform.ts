/**
 * The composition root: builds every service from the configuration, in one place, so that routes and
 * tests receive their dependencies instead of reaching for globals.
 */
import { Redis } from 'ioredis';
import type { Config } from './config/schema';
import { loadSecrets, type Secrets } from './config/secrets';
import { openStore, type Store } from './store/db';
import { migrateToLatest } from './store/migrate';
import { createAnnouncements, type Announcements } from './services/announcements';
import { createAudit, type Audit } from './services/audit';
import { systemClock, type Clock } from './services/clock';
import { addDemoDataOnce, DEMO_ACCOUNT } from './services/demo';
import { createDbSessionStore } from './services/sessions/db-store';
import { createRedisSessionStore } from './services/sessions/redis-store';
import { createSessionManager, type SessionManager } from './services/sessions/manager';
import type { SessionStore } from './services/sessions/store';
import { createMailer, type Mailer } from './services/mailer';
import { createAccounts, type Accounts } from './services/accounts';
import { createLoginLocks, type LoginLocks } from './services/login-locks';
import { createPasswordMethod, type PasswordMethod } from './methods/password';
import { createCardLoginVerifier, loadTrustStore, nodeHttpClient } from '@menhu/pki';
import { createRevocationCache } from './services/revocation-cache';
import { createCardLogin, type CardLogin } from './services/card-login';
import { createCardServices, type CardServices } from './services/card-services';
import { createCardExpiry, type CardExpiry } from './services/card-expiry';
import { createSecurityMail, type SecurityMail } from './services/security-mail';
import { createAttemptLimits, type AttemptLimits } from './services/attempt-limits';
import { createPasswordChange, type PasswordChange } from './services/password-change';
import { createEmailChange, type EmailChange } from './services/email-change';
import { createProfileCorrection, type ProfileCorrection } from './services/profile-correction';
import { createAccountDeletion, type AccountDeletion } from './services/account-deletion';
import { createHints, type Hints } from './services/hint';
import { createMailLimits, type MailLimits } from './services/mail-limits';
import { createEmailRecovery, type EmailRecovery } from './services/email-recovery';
import { createTotp, type TotpService } from './services/totp';
import { createAgencies, type Agencies } from './services/agencies';
import { createOidc, type Oidc } from './oidc/provider';

export interface Platform {
  readonly config: Config;
  readonly clock: Clock;
  readonly store: Store;
  readonly redis: Redis | undefined;
  readonly secrets: Secrets;
  readonly audit: Audit;
  readonly announcements: Announcements;
  readonly sessionStore: SessionStore;
  readonly sessions: SessionManager;
  readonly mailer: Mailer;
  readonly accounts: Accounts;
  readonly locks: LoginLocks;
  readonly password: PasswordMethod;
  /** Card login, when trust anchors are configured (TRUST_ANCHORS, or the development CA). */
  readonly cardLogin: CardLogin | undefined;
  readonly cardServices: CardServices | undefined;
  readonly cardExpiry: CardExpiry;
  /** Tells the citizen of each security change to the account, by mail. */
  readonly securityMail: SecurityMail;
  /** The TOTP and hint-answer counters, apart from the password lock. */
  readonly attempts: AttemptLimits;
  /** Every way of setting a new password goes through this. */
  readonly passwordChange: PasswordChange;
  /** 軟體式動態密碼 (TOTP) and recovery codes: enrolment, sign-in and step-up checks. */
  readonly totp: TotpService;
  /** 密碼提示問題: setting it, and resetting the password by answering it. */
  readonly hints: Hints;
  /** How many recovery mails an address may receive. */
  readonly mailLimits: MailLimits;
  /** 忘記密碼 and 忘記帳號 by e-mail. */
  readonly emailRecovery: EmailRecovery;
  /** 變更電子郵件: the link to the new address, the notice to the old one. */
  readonly emailChange: EmailChange;
  /** 更正個人資料: the name and ID number, while no card has verified them. */
  readonly profileCorrection: ProfileCorrection;
  /** 刪除帳號. */
  readonly accountDeletion: AccountDeletion;
  /** The agencies (OpenID Connect clients) registered by operators. */
  readonly agencies: Agencies;
  /** The OpenID Connect provider agencies sign citizens in through. */
  readonly oidc: Oidc;
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly clock?: Clock;
  readonly log?: (msg: string) => void;
  /** Run migrations (and demo data) before returning. Default true. */
  readonly migrate?: boolean;
  /** Replaces the configured mail transport (tests that watch mail in memory). */
  readonly mailer?: Mailer;
  /** Trust anchors when the configuration has none (the development CA that startServer made). */
  readonly trustAnchorsDir?: string;
}

export async function createPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const secrets = loadSecrets(config, log);
  const store = openStore(config.database);
  let redis: Redis | undefined;
  try {
    if (options.migrate ?? true) await migrateToLatest(store);
    if (config.redisUrl) {
      redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
      await redis.connect();
    }
  } catch (err) {
    redis?.disconnect();
    await store.close();
    throw err;
  }
  const audit = createAudit(store.db, clock);
  const announcements = createAnnouncements(store.db, clock);
  const sessionStore = redis ? createRedisSessionStore(redis, clock) : createDbSessionStore(store.db, clock);
  const sessions = createSessionManager(sessionStore, clock, config.session);
  const mailer = options.mailer ?? createMailer(config);
  const accounts = createAccounts({
    db: store.db,
    clock,
    secrets,
    mailer,
    audit,
    publicUrl: config.publicUrl,
    passwordMinLength: config.passwordMinLength,
  });
  const locks = createLoginLocks(store.db, clock);
  const securityMail = createSecurityMail(mailer, clock);
  const password = createPasswordMethod({ accounts, locks, audit, clock, securityMail });
  // The provider is built later (it needs the agencies); a reset reaches it through this late binding.
  let provider: Oidc | undefined;
  const passwordChange = createPasswordChange({
    db: store.db,
    clock,
    sessions,
    locks,
    audit,
    securityMail,
    passwordMinLength: config.passwordMinLength,
    revokeTokens: (accountId) => provider?.revokeAll(accountId) ?? Promise.resolve(),
  });
  const trustDir = config.trustAnchorsDir ?? options.trustAnchorsDir;
  // A bad trust folder stops the platform here, at start, with the file named (loadTrustStore's TypeError).
  const cardLogin = trustDir
    ? createCardLogin({
        db: store.db,
        clock,
        accounts,
        password,
        audit,
        mailer,
        publicUrl: config.publicUrl,
        loginKinds: config.cardLoginKinds,
        verifier: createCardLoginVerifier({
          trustStore: loadTrustStore(trustDir),
          expectedOrigin: config.publicUrl.origin,
          clock: { now: () => new Date(clock.now()) },
          http: nodeHttpClient(),
          cache: createRevocationCache(redis, clock),
        }),
      })
    : undefined;
  const cardServices = cardLogin
    ? createCardServices({ db: store.db, clock, accounts, locks, audit, passwordChange, lookupHashKey: secrets.lookupHashKey })
    : undefined;
  if ((options.migrate ?? true) && config.demoData) {
    if (await addDemoDataOnce(store.db, announcements, accounts, clock)) {
      log(`added demo data: two announcements and the account ${DEMO_ACCOUNT.accountName} (password: ${DEMO_ACCOUNT.password})`);
    }
  }
  const mailLimits = createMailLimits({ db: store.db, clock, lookupHashKey: secrets.lookupHashKey });
  const attempts = createAttemptLimits(store.db, clock);
  const hints = createHints({ db: store.db, clock, accounts, attempts, audit, securityMail, passwordChange, lookupHashKey: secrets.lookupHashKey });
  const agencies = createAgencies({ db: store.db, clock, dataEncryptionKey: secrets.dataEncryptionKey, audit });
  const oidc = await createOidc({
    config,
    db: store.db,
    redis,
    clock,
    secrets,
    accounts,
    agencies,
    audit,
    sessions,
    onBackChannelError: (err) => log(`an agency's back-channel logout did not answer: ${String(err)}`),
  });
  provider = oidc;
  const emailRecovery = createEmailRecovery({ db: store.db, clock, accounts, mailer, audit, mailLimits, passwordChange, publicUrl: config.publicUrl });
  return {
    config,
    clock,
    store,
    redis,
    secrets,
    audit,
    announcements,
    sessionStore,
    sessions,
    mailer,
    accounts,
    locks,
    password,
    cardLogin,
    cardServices,
    cardExpiry: createCardExpiry({ db: store.db, clock, accounts, audit, mailer }),
    securityMail,
    attempts,
    passwordChange,
    totp: createTotp({ db: store.db, clock, dataEncryptionKey: secrets.dataEncryptionKey, attempts, audit, securityMail }),
    hints,
    mailLimits,
    emailRecovery,
    emailChange: createEmailChange({ db: store.db, clock, mailer, audit, securityMail, publicUrl: config.publicUrl }),
    profileCorrection: createProfileCorrection({ db: store.db, secrets, audit, securityMail }),
    accountDeletion: createAccountDeletion({ db: store.db, sessions, locks, audit, securityMail }),
    agencies,
    oidc,
    async close() {
      redis?.disconnect();
      await store.close();
    },
  };
}
