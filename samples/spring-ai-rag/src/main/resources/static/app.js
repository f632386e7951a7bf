// The page's whole logic, without a build step. Every text from the server or the user is rendered with
// textContent / createElement: no innerHTML, so document text cannot inject markup.
'use strict';

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function show(element, text) {
  element.textContent = text;
  element.hidden = false;
}

/** The problem detail's "detail" (our API's errors), else the status line. */
async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || body.error || `${response.status} ${response.statusText}`;
  } catch (e) {
    return `${response.status} ${response.statusText}`;
  }
}

function formatValue(value) {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderHit(hit) {
  const li = el('li', 'result');
  li.dataset.id = hit.id;
  const head = el('div', 'result-head');
  head.append(el('span', 'score', hit.score === null || hit.score === undefined ? '–' : hit.score.toFixed(3)));
  head.append(el('span', 'source', (hit.metadata && hit.metadata.source) || '(no source)'));
  head.append(el('span', 'id', hit.id));
  li.append(head);
  // Paragraphs as in the source; the source's hard line breaks inside a paragraph become spaces.
  const text = el('div', 'text');
  for (const paragraph of String(hit.text ?? '').split(/\n\s*\n/)) {
    if (paragraph.trim()) text.append(el('p', null, paragraph.trim().replace(/\s*\n\s*/g, ' ')));
  }
  li.append(text);
  const dl = el('dl', 'metadata');
  for (const [key, value] of Object.entries(hit.metadata || {})) {
    const pair = el('div');
    pair.dataset.key = key;
    pair.append(el('dt', null, key), el('dd', null, formatValue(value)));
    dl.append(pair);
  }
  li.append(dl);
  return li;
}

async function loadConfig() {
  try {
    const response = await fetch('/api/config');
    if (!response.ok) throw new Error(await errorMessage(response));
    const config = await response.json();
    const parts = [`table ${config.table}`, `${config.rows} rows`, `embeddings: ${config.embeddingModel}`,
      config.askEnabled ? `chat: ${config.chatModel}` : 'no chat model'];
    $('status').textContent = parts.join(' · ');
    $('ask-section').hidden = !config.askEnabled;
    if (!config.askEnabled) show($('ask-disabled'), `Ask is off: ${config.askDisabledReason}`);
    document.body.dataset.ready = 'true';
  } catch (e) {
    $('status').textContent = `Could not load /api/config: ${e.message}`;
  }
}

async function search(event) {
  event.preventDefault();
  const params = new URLSearchParams({ q: $('q').value, k: $('k').value || '5', mode: $('mode').value });
  if ($('filter').value.trim()) params.set('filter', $('filter').value.trim());
  $('search-button').disabled = true;
  $('search-error').hidden = true;
  try {
    const response = await fetch(`/search?${params}`);
    if (!response.ok) {
      $('results').replaceChildren();
      $('search-summary').hidden = true;
      show($('search-error'), await errorMessage(response));
      return;
    }
    const hits = await response.json();
    $('results').replaceChildren(...hits.map(renderHit));
    const k = Number(params.get('k'));
    show($('search-summary'), hits.length === 0 ? 'No document matches.'
      : `${hits.length} ${hits.length === 1 ? 'result' : 'results'}, best first`
        + (hits.length < k ? ` (k = ${k}; fewer documents match)` : ''));
  } catch (e) {
    show($('search-error'), e.message);
  } finally {
    $('search-button').disabled = false;
  }
}

async function ask(event) {
  event.preventDefault();
  $('ask-button').disabled = true;
  $('ask-error').hidden = true;
  $('answer-box').hidden = true;
  const body = { question: $('question').value };
  if ($('filter').value.trim()) body.filter = $('filter').value.trim();
  try {
    const response = await fetch('/ask', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    if (!response.ok) {
      show($('ask-error'), await errorMessage(response));
      return;
    }
    const result = await response.json();
    $('answer').textContent = result.answer;
    const sources = [...new Set(result.documents.map((d) => (d.metadata && d.metadata.source) || d.id))];
    $('answer-sources').textContent = sources.length ? sources.join(', ') : 'no documents';
    $('answer-box').hidden = false;
  } catch (e) {
    show($('ask-error'), e.message);
  } finally {
    $('ask-button').disabled = false;
  }
}

$('search-form').addEventListener('submit', search);
$('ask-form').addEventListener('submit', ask);
loadConfig();
