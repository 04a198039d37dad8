/**
 * Which ways of proving identity, and which account services, this server offers. A part of the login page
 * whose method is off says so plainly and leads nowhere that pretends to work. Each later issue turns its
 * method on when it lands.
 */
export interface Availability {
  readonly password: boolean;
  readonly register: boolean;
  readonly recoverPassword: boolean;
  readonly recoverAccount: boolean;
  readonly card: boolean;
  readonly cardActivate: boolean;
  readonly cardReset: boolean;
  readonly hintReset: boolean;
  readonly mobile: boolean;
  readonly google: boolean;
  readonly facebook: boolean;
  readonly envCheck: boolean;
}

export const availability: Availability = {
  password: true,
  register: true,
  recoverPassword: false,
  recoverAccount: false,
  card: false,
  cardActivate: false,
  cardReset: false,
  hintReset: false,
  mobile: false,
  google: false,
  facebook: false,
  envCheck: true,
};
