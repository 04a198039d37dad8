/**
 * The tables, as Kysely sees them. Times are milliseconds since the epoch in BIGINT columns, which both
 * engines store the same way (pg's BIGINT is read back as a number, see db.ts).
 */
import type { Generated } from 'kysely';

export interface AnnouncementsTable {
  id: Generated<number>;
  title: string;
  body: string;
  lang: Generated<string>;
  publish_at: number;
  /** null: shown until removed. */
  expires_at: number | null;
  created_at: number;
}

/** Append-only: the migration adds triggers that refuse UPDATE and DELETE on both engines. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  account_id: string | null;
  ip: string | null;
  user_agent: string | null;
  event: string;
  outcome: string;
  /** JSON object with the event's particulars, never a password, PIN or full ID number. */
  detail: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a copy of the table does not hand out live cookies. */
  id: string;
  account_id: string | null;
  /** The whole session record as JSON. */
  data: string;
  expires_at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export type AccountStatus = 'pending' | 'active' | 'disabled';

export interface AccountsTable {
  id: string;
  account_name: string;
  password_hash: string;
  display_name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_last4: string;
  /** 0/1: set when a citizen certificate card proved the number (a later issue). */
  id_verified: number;
  email: string;
  email_norm: string;
  status: AccountStatus;
  created_at: number;
  activated_at: number | null;
  /** When a link mailed to `email` was last followed; null while the address is unproved (DESIGN.md step 5). */
  email_verified_at: number | null;
  /** 密碼提示問題: `preset:<n>` or the citizen's own question; null when none is set. */
  hint_question: Generated<string | null>;
  /** argon2id of the normalised answer. */
  hint_answer_hash: Generated<string | null>;
  /** 0/1: ask for the TOTP code at every sign-in. */
  totp_every_sign_in: Generated<number>;
}

export interface EmailTokensTable {
  /** SHA-256 of the token in the link; the link itself is never stored. */
  token_hash: string;
  account_id: string;
  /**
   * activate: the first link after registration; verify_email: a fresh check of the address; reset_password:
   * 忘記密碼 by e-mail; change_email: proves a new address (in `data`).
   */
  purpose: 'activate' | 'verify_email' | 'reset_password' | 'change_email';
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** What the link carries beside its account, e.g. the new address of an e-mail change. */
  data: Generated<string | null>;
}

export interface PasswordHistoryTable {
  id: string;
  account_id: string;
  password_hash: string;
  created_at: number;
}

export interface TotpSecretsTable {
  account_id: string;
  secret_enc: string;
  created_at: number;
  confirmed_at: number | null;
  last_step: number | null;
}

export interface RecoveryCodesTable {
  id: string;
  account_id: string;
  /** SHA-256 of the normalised code (the codes are long random strings, so a fast hash is enough). */
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export interface AttemptCountersTable {
  key: string;
  failures: number;
  window_start: number;
  paused_until: number | null;
  day_start: number;
  day_failures: number;
}

export interface MailLogTable {
  address_hash: string;
  purpose: string;
  sent_at: number;
}

export type AgencyStatus = 'active' | 'disabled';

export interface AgenciesTable {
  client_id: string;
  name: string;
  secret_enc: string;
  /** JSON array of strings. */
  redirect_uris: string;
  /** JSON array of strings. */
  post_logout_redirect_uris: string;
  /** JSON array of grant types. */
  grant_types: string;
  backchannel_logout_uri: string | null;
  /** Space-separated scopes. */
  scopes: string;
  min_acr: string;
  totp_required: number;
  sector: string;
  status: AgencyStatus;
  created_at: number;
  updated_at: number;
}

export interface OidcModelsTable {
  kind: string;
  id: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  account_id: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

export interface OidcKeysTable {
  kid: string;
  jwk_enc: string;
  created_at: number;
  retired_at: number | null;
}

export interface LoginFailuresTable {
  account_name: string;
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
  /** Locks so far in the current series; each doubles the next lock's length. */
  lock_count: number;
}

export interface CardsTable {
  id: string;
  account_id: string;
  cert_sha256: string;
  kind: string;
  serial: string;
  holder_name: string;
  id_last4: string | null;
  not_after: number;
  bound_at: number;
  /** When the owner was mailed that the certificate expires soon; null until then. */
  expiry_warned_at: number | null;
}

export interface CardChallengesTable {
  nonce_hash: string;
  /** The browser session it was issued to (the session's stored id). */
  session_id: string;
  tbs: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface Database {
  cards: CardsTable;
  card_challenges: CardChallengesTable;
  accounts: AccountsTable;
  email_tokens: EmailTokensTable;
  login_failures: LoginFailuresTable;
  password_history: PasswordHistoryTable;
  totp_secrets: TotpSecretsTable;
  recovery_codes: RecoveryCodesTable;
  attempt_counters: AttemptCountersTable;
  mail_log: MailLogTable;
  agencies: AgenciesTable;
  oidc_models: OidcModelsTable;
  oidc_keys: OidcKeysTable;
  announcements: AnnouncementsTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  menhu_meta: MetaTable;
}
