/**
 * A real, empty card reader: vsmartcard's virtual reader (vpcd) under pcscd, reached through OpenSC's PKCS#11
 * module, as a citizen's PC with a reader and no card. pcscd is one daemon per machine: this file starts one in
 * the foreground unless one is running, and stops only its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_ERROR, RET } from '../../src/codes';
import { pkcs11TokenProvider } from '../../src/token/pkcs11';
import { emptyReaderAvailable, lockPcscd, OPENSC_MODULE, pcscdRunning, startPcscd, waitFor } from './support';

const haveReader = emptyReaderAvailable();

const signRequest = { pin: '123456', data: new TextEncoder().encode('tbs'), hash: 'SHA-256' } as const;

describe.skipIf(!haveReader)('OpenSC without pcscd', () => {
  it('shows no slot at all: "no reader" (0x76100003), for listing and for signing', async (ctx) => {
    // Held so that no other test file starts pcscd while this one needs it absent.
    const release = await lockPcscd();
    const provider = pkcs11TokenProvider({ module: OPENSC_MODULE, name: 'OpenSC' });
    try {
      if (await pcscdRunning()) {
        console.warn('skipping the "no reader" case: a pcscd is running already on this machine');
        ctx.skip();
      }
      await expect(provider.slots()).rejects.toMatchObject({ name: 'TokenError', retCode: RET.NO_READER, lastError: LAST_ERROR.NONE });
      await expect(provider.sign(signRequest)).rejects.toMatchObject({ retCode: RET.NO_READER });
    } finally {
      // The last close finalizes the module, so the next provider initialises OpenSC afresh and sees pcscd.
      await provider.close();
      release();
    }
  });
});

describe.skipIf(!haveReader)('OpenSC with pcscd and the empty vpcd reader', () => {
  let pcscd: Awaited<ReturnType<typeof startPcscd>> | undefined;
  const provider = pkcs11TokenProvider({ module: OPENSC_MODULE, name: 'OpenSC' });

  beforeAll(async () => {
    pcscd = await startPcscd();
    // pcscd answers on its socket before it has loaded every reader driver.
    await waitFor('the vpcd readers', async () => (await provider.slots().catch(() => [])).length >= 2, 10_000);
  });
  afterAll(async () => {
    await provider.close();
    await pcscd?.stop();
  });

  it('lists the two "Virtual PCD" readers, neither holding a card', async () => {
    const slots = await provider.slots();
    const virtual = slots.filter((s) => s.description.startsWith('Virtual PCD'));
    expect(virtual.map((s) => s.description)).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
    for (const slot of virtual) expect(slot.token).toBeUndefined();
  });

  it('answers "no card inserted" (0x76000006) to a signature request, whichever reader is named', async () => {
    await expect(provider.sign(signRequest)).rejects.toMatchObject({ name: 'TokenError', retCode: RET.NO_CARD, lastError: LAST_ERROR.NONE });
    await expect(provider.sign({ ...signRequest, slotDescription: 'Virtual PCD 00 01' })).rejects.toMatchObject({ retCode: RET.NO_CARD });
    await expect(provider.sign({ ...signRequest, tokenSerial: '0000000000000001' })).rejects.toMatchObject({ retCode: RET.NO_CARD });
  });
});
