// Sandbox EHR: fires CDS hooks from the chart and handles card actions. The card HTML comes from the server,
// already escaped and sanitised; this script adds no markup of its own beyond text.

const panel = document.querySelector('[data-cds-panel]');

async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

function setStatus(text) {
  const status = panel.querySelector('#cds-status');
  status.textContent = text;
}

async function fireHook(hook) {
  const cards = panel.querySelector('#cds-cards');
  const prefetch = panel.querySelector('#send-prefetch');
  setStatus('Checking…');
  panel.setAttribute('aria-busy', 'true');
  try {
    const body = { patientId: panel.dataset.patient, sendPrefetch: prefetch ? prefetch.checked : true };
    if (panel.dataset.encounter) body.encounterId = panel.dataset.encounter;
    const result = await postJson(`${panel.dataset.api}/hooks/${hook}`, body);
    cards.innerHTML = result.html;
    const count = result.services.reduce((n, s) => n + s.cards, 0);
    setStatus(count === 0 ? '' : `${count} ${count === 1 ? 'item' : 'items'}`);
  } catch {
    cards.replaceChildren();
    setStatus('Decision support unavailable');
  } finally {
    panel.removeAttribute('aria-busy');
  }
}

function cardIdentity(article) {
  const holder = article.closest('[data-hook-instance]');
  return {
    hookInstance: holder.dataset.hookInstance,
    service: Number(article.dataset.service),
    card: Number(article.dataset.card),
  };
}

function feedbackNote(result, done) {
  if (result === 'failed') return `${done} (feedback not delivered)`;
  return done;
}

async function accept(button) {
  const article = button.closest('article');
  const note = article.querySelector('.card__feedback');
  button.disabled = true;
  try {
    const { result } = await postJson(`${panel.dataset.api}/feedback`, {
      ...cardIdentity(article),
      outcome: 'accepted',
      suggestions: [Number(button.dataset.accept)],
    });
    button.setAttribute('aria-pressed', 'true');
    if (article.dataset.selection === 'at-most-one') {
      for (const other of article.querySelectorAll('[data-accept]')) other.disabled = true;
    }
    note.textContent = feedbackNote(result, `Accepted: ${button.textContent}`);
  } catch {
    button.disabled = false;
    note.textContent = 'Could not record that. Try again.';
  }
}

async function dismiss(form) {
  const article = form.closest('article');
  const reason = form.elements.namedItem('reason').value;
  const comment = form.elements.namedItem('comment');
  const body = { ...cardIdentity(article), outcome: 'overridden' };
  if (reason !== '') body.reason = Number(reason);
  if (comment && comment.value.trim() !== '') body.comment = comment.value;
  form.querySelector('button').disabled = true;
  try {
    const { result } = await postJson(`${panel.dataset.api}/feedback`, body);
    article.remove();
    setStatus(feedbackNote(result, 'Card dismissed'));
    panel.querySelector('h2').focus();
  } catch {
    form.querySelector('button').disabled = false;
    article.querySelector('.card__feedback').textContent = 'Could not dismiss. Try again.';
  }
}

function dropHookFromUrl() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('hook')) return;
  url.searchParams.delete('hook');
  window.history.replaceState(null, '', url);
}

if (panel) {
  panel.querySelector('h2').setAttribute('tabindex', '-1');
  panel.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest('[data-accept]');
    if (button) accept(button);
    if (target?.closest('[data-refire]')) fireHook('patient-view');
  });
  panel.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    if (form?.matches('[data-dismiss]')) {
      event.preventDefault();
      dismiss(form);
    }
  });
  fireHook(panel.dataset.hook);
  dropHookFromUrl();
}
