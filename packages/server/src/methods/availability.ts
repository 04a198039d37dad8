/**
 * Which ways of proving identity, and which account services, this server offers. A part of the login page
 * whose method is off says so plainly and leads nowhere that pretends to work. Each later issue turns its
 * method on when it lands.
 */
export interface Availability {
  readonly password: boolean;
  readonly register: boolean;
  /** 忘記密碼 by an e-mailed link. */
  readonly recoverPassword: boolean;
  /** 忘記帳號 by e-mail. */
  readonly recoverAccount: boolean;
  readonly card: boolean;
  readonly cardActivate: boolean;
  readonly cardReset: boolean;
  /** 以密碼提示問題重設密碼. */
  readonly hintReset: boolean;
  readonly mobile: boolean;
  readonly google: boolean;
  readonly facebook: boolean;
  readonly envCheck: boolean;
}

export const availability: Availability = {
  password: true,
  register: true,
  recoverPassword: true,
  recoverAccount: true,
  card: false,
  cardActivate: false,
  cardReset: false,
  hintReset: true,
  mobile: false,
  google: false,
  facebook: false,
  envCheck: true,
};
