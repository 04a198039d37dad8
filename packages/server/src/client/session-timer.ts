/**
 * The session time-out warning (DESIGN.md "Pages"; accessibility: WCAG 2.1 SC 2.2.1 "Timing Adjustable" asks
 * that the user be warned and given at least 20 seconds to extend with a simple action).
 */

interface Status {
  active: boolean;
  expiresIn?: number;
}

export function startSessionTimer(doc: Document): void {
  const body = doc.body;
  const dialog = doc.getElementById('session-timeout') as HTMLDialogElement | null;
  const expiresIn = Number(body.dataset.sessionExpiresIn);
  const warnBefore = Number(body.dataset.sessionWarnBefore);
  if (!dialog || !Number.isFinite(expiresIn) || !Number.isFinite(warnBefore)) return;

  const title = doc.getElementById('session-timeout-title') as HTMLElement;
  const text = doc.getElementById('session-timeout-body') as HTMLElement;
  const status = doc.getElementById('session-timeout-status') as HTMLElement;
  const extend = doc.getElementById('session-extend') as HTMLButtonElement;
  const extendedText = doc.getElementById('session-extended-text')?.textContent ?? '';
  const csrf = doc.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

  let deadline = Date.now() + expiresIn * 1000;
  let timer: number | undefined;
  let ticker: number | undefined;

  const secondsLeft = () => Math.max(0, Math.round((deadline - Date.now()) / 1000));

  function schedule(): void {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(0, deadline - warnBefore * 1000 - Date.now()));
  }

  /** Another tab may have kept the session alive: ask the server before warning. */
  async function check(): Promise<void> {
    try {
      const res = await fetch('/session/status', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      const s = (await res.json()) as Status;
      if (!s.active) return expired();
      deadline = Date.now() + (s.expiresIn ?? 0) * 1000;
    } catch {
      // Offline: trust our own count.
    }
    if (secondsLeft() > warnBefore) return schedule();
    warn();
  }

  function render(): void {
    const left = secondsLeft();
    if (left <= 0) return expired();
    text.textContent = (text.dataset.template ?? '').replace('{seconds}', String(left));
  }

  function warn(): void {
    title.textContent = title.dataset.titleActive ?? '';
    status.textContent = '';
    extend.hidden = false;
    render();
    if (!dialog!.open) dialog!.showModal();
    extend.focus();
    window.clearInterval(ticker);
    ticker = window.setInterval(render, 1000);
  }

  function expired(): void {
    window.clearInterval(ticker);
    window.clearTimeout(timer);
    title.textContent = title.dataset.titleExpired ?? '';
    text.textContent = text.dataset.expired ?? '';
    extend.hidden = true;
    if (!dialog!.open) dialog!.showModal();
  }

  // Escape closes a modal dialog; here that would hide the countdown while it runs on, so it counts as
  // "stay signed in", the harmless choice. After the end there is nothing to extend and Escape just closes.
  dialog.addEventListener('cancel', (event) => {
    if (extend.hidden) return;
    event.preventDefault();
    extend.click();
  });

  extend.addEventListener('click', async () => {
    try {
      const res = await fetch('/session/extend', {
        method: 'POST',
        headers: { accept: 'application/json', 'x-csrf-token': csrf },
        credentials: 'same-origin',
      });
      if (!res.ok) return expired();
      const s = (await res.json()) as Status;
      deadline = Date.now() + (s.expiresIn ?? 0) * 1000;
      window.clearInterval(ticker);
      status.textContent = extendedText;
      dialog!.close();
      schedule();
    } catch {
      status.textContent = '';
    }
  });

  schedule();
}
