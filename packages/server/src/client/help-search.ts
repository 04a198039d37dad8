/**
 * The help page's search (常見問題): as the reader types, only the questions whose text holds every word stay
 * visible, and the status region says how many (WCAG 2.1 SC 4.1.3 "Status Messages": a change of results is
 * announced without moving focus). Without this script the same box is a GET form filtered by the server.
 */

/** Full-width forms folded to ASCII (NFKC) and case ignored; HelpPage.tsx uses the same for `?q=`. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function matches(text: string, query: string): boolean {
  return query.split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

/** Screen readers need a pause to read a status; one announcement per burst of typing is enough. */
const ANNOUNCE_AFTER_MS = 500;

export function startHelpSearch(doc: Document): void {
  const form = doc.getElementById('help-search-form') as HTMLFormElement | null;
  const input = doc.getElementById('help-search') as HTMLInputElement | null;
  const status = doc.getElementById('help-search-status');
  if (!form || !input || !status) return;
  const sections = [...doc.querySelectorAll<HTMLElement>('[data-help-question]')];
  const texts = sections.map((s) => fold(s.textContent ?? ''));
  let pending: number | undefined;

  function filter(): number {
    const query = fold(input!.value.trim());
    let count = 0;
    sections.forEach((section, i) => {
      const show = !query || matches(texts[i] ?? '', query);
      section.hidden = !show;
      if (show) count++;
    });
    return count;
  }

  function announce(count: number): void {
    const query = input!.value.trim();
    status!.textContent = !query
      ? ''
      : count > 0
        ? (status!.dataset.count ?? '').replace('{count}', String(count))
        : (status!.dataset.none ?? '');
  }

  input.addEventListener('input', () => {
    const count = filter();
    window.clearTimeout(pending);
    pending = window.setTimeout(() => announce(count), ANNOUNCE_AFTER_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(pending);
    announce(filter());
  });
}
