/**
 * The HiPKI component's answer codes (HIPKI.md "Codes"; DESIGN.md "Card login"), exactly as pages written for
 * the official component expect them. `ret_code` is the major code, `last_error` the minor one. The tables
 * live in @menhu/protocol, shared with the pages that explain each code to the citizen.
 */
import { COMPONENT_LAST_ERROR, COMPONENT_RET } from '@menhu/protocol';
export const RET = COMPONENT_RET;
export const LAST_ERROR = COMPONENT_LAST_ERROR;

export type RetCode = (typeof RET)[keyof typeof RET];
export type LastError = (typeof LAST_ERROR)[keyof typeof LAST_ERROR];

/** Codes may arrive as signed 32-bit integers (0x80000002 is -2147483646): compare them unsigned. */
export function unsigned(code: number): number {
  return code >>> 0;
}
